// How many items are in each status, read from the counters kept beside the items (a handful of rows), with the
// bulk decisions recorded and not applied yet.
import type { TributaryDatabase } from "../storage/database";
import { countByStatusDecided } from "../storage/decisions";
import type { StatusCounts } from "../storage/item-counters";

export type { StatusCounts };

export function countByStatus(db: TributaryDatabase): Promise<StatusCounts> {
  return countByStatusDecided(db);
}
