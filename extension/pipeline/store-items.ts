// store: new items enter as `pending`; an item already on the device (same contentHash) is left as it is.
import { contentHash } from "../../shared/content-hash";
import type { Item } from "../../shared/item";
import type { StoredItem, TributaryDatabase } from "../storage/database";

export async function storeNewItems(db: TributaryDatabase, items: Item[], now: number): Promise<number> {
  const byHash = new Map<string, Item>();
  for (const item of items) byHash.set(contentHash(item), item);
  if (byHash.size === 0) return 0;
  return db.transaction("rw", db.items, async () => {
    const hashes = [...byHash.keys()];
    const existing = await db.items.bulkGet(hashes);
    const fresh: StoredItem[] = [];
    hashes.forEach((hash, index) => {
      if (existing[index] !== undefined) return;
      const item = byHash.get(hash)!;
      fresh.push({
        contentHash: hash,
        platform: item.platform,
        status: "pending",
        capturedAt: now,
        updatedAt: now,
        item,
      });
    });
    await db.items.bulkAdd(fresh);
    return fresh.length;
  });
}
