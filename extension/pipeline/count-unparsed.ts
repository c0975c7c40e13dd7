// Drift visibility: a response that matched an adapter but yielded nothing is counted per adapter and endpoint.
import type { Platform } from "../../shared/item";
import type { TributaryDatabase } from "../storage/database";

export async function countUnparsed(
  db: TributaryDatabase,
  entry: { platform: Platform; endpoint: string; keys: string[]; error?: string },
  now: number,
): Promise<void> {
  const key = `${entry.platform} ${entry.endpoint}`;
  await db.transaction("rw", db.unparsed, async () => {
    const current = await db.unparsed.get(key);
    await db.unparsed.put({
      key,
      platform: entry.platform,
      endpoint: entry.endpoint,
      count: (current?.count ?? 0) + 1,
      lastAt: now,
      lastKeys: entry.keys,
      lastError: entry.error,
    });
  });
}
