// The popup's figures: what was captured and uploaded today, and what waits, read from indexes only.
import { ITEM_STATUSES, type ItemStatus, type TributaryDatabase } from "../storage/database";

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
  const [capturedToday, uploadedToday, ...totals] = await Promise.all([
    db.items.where("capturedAt").aboveOrEqual(midnight).count(),
    db.items.where("[status+updatedAt]").between(["uploaded", midnight], ["uploaded", Infinity]).count(),
    ...ITEM_STATUSES.map((status) => db.items.where("status").equals(status).count()),
  ]);
  return {
    capturedToday: capturedToday ?? 0,
    uploadedToday: uploadedToday ?? 0,
    totals: Object.fromEntries(ITEM_STATUSES.map((status, i) => [status, totals[i] ?? 0])) as Record<
      ItemStatus,
      number
    >,
  };
}
