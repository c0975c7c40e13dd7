// What waits in `captures` (pipeline/staged-captures.ts), read without loading the pipeline: the review page shows it,
// the background schedules by it.
import type { TributaryDatabase } from "./database";

/** When the oldest staged post arrived (undefined: nothing staged). */
export async function oldestStagedAt(db: TributaryDatabase): Promise<number | undefined> {
  const row = await db.captures.orderBy(":id").first();
  return row ? row.at : undefined;
}

/** How many posts wait to be stored. */
export async function stagedPostCount(db: TributaryDatabase): Promise<number> {
  let count = 0;
  await db.captures.each((row) => {
    count += Array.isArray(row.items) ? row.items.length : 0;
  });
  return count;
}
