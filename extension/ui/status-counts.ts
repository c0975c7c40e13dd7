// How many items are in each status, read from the counters kept beside the items (a handful of rows).
import type { TributaryDatabase } from "../storage/database";
import { countByStatus as countersByStatus, type StatusCounts } from "../storage/item-counters";

export type { StatusCounts };

export function countByStatus(db: TributaryDatabase): Promise<StatusCounts> {
  return countersByStatus(db.counters);
}
