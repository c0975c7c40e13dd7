// The popup's figures: what was captured and uploaded today, and what waits, read from the counters kept beside the
// items (a handful of rows, however many items there are), with the bulk decisions not applied yet.
import type { ItemStatus, TributaryDatabase } from "../storage/database";
import { countByStatusDecided } from "../storage/decisions";
import { countSince } from "../storage/item-counters";

export interface TodayCounts {
  capturedToday: number;
  uploadedToday: number;
  totals: Record<ItemStatus, number>;
}

export function startOfToday(now = new Date()): number {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
}

export async function countToday(db: TributaryDatabase, now = new Date()): Promise<TodayCounts> {
  const midnight = startOfToday(now);
  const [capturedToday, uploadedToday, totals] = await Promise.all([
    countSince(db.counters, "captured", midnight),
    countSince(db.counters, "uploaded", midnight),
    countByStatusDecided(db),
  ]);
  return { capturedToday, uploadedToday, totals };
}
