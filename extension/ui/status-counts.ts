// How many items are in each status, read from the status index (no table scan).
import { ITEM_STATUSES, type ItemStatus, type TributaryDatabase } from "../storage/database";

export type StatusCounts = Record<ItemStatus, number>;

export async function countByStatus(db: TributaryDatabase): Promise<StatusCounts> {
  const counts = await Promise.all(ITEM_STATUSES.map((status) => db.items.where("status").equals(status).count()));
  return Object.fromEntries(ITEM_STATUSES.map((status, i) => [status, counts[i] ?? 0])) as StatusCounts;
}
