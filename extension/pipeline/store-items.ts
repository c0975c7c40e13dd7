// store: new items enter as `pending`; a post already on the device (same contentHash, or the same platform and id
// after the user edited its redactions) is left as it is.
import { contentHash } from "../../shared/content-hash";
import type { Item } from "../../shared/item";
import type { StoredItem, StoredRedaction, TributaryDatabase } from "../storage/database";

/** An item ready to store: its wire form, and (once redacted) its raw text and redactions. */
export interface ItemToStore {
  item: Item;
  rawText?: string;
  redactions?: StoredRedaction[];
}

export async function storeItems(db: TributaryDatabase, entries: ItemToStore[], now: number): Promise<number> {
  const byHash = new Map<string, ItemToStore>();
  for (const entry of entries) byHash.set(contentHash(entry.item), entry);
  if (byHash.size === 0) return 0;
  return db.transaction("rw", db.items, async () => {
    const hashes = [...byHash.keys()];
    const existing = await db.items.bulkGet(hashes);
    const samePost = await db.items
      .where("[platform+item.id]")
      .anyOf(hashes.map((hash) => [byHash.get(hash)!.item.platform, byHash.get(hash)!.item.id]))
      .toArray();
    const stored = new Set(samePost.map((row) => `${row.platform} ${row.item.id}`));
    const fresh: StoredItem[] = [];
    hashes.forEach((hash, index) => {
      const { item, rawText, redactions } = byHash.get(hash)!;
      const post = `${item.platform} ${item.id}`;
      if (existing[index] !== undefined || stored.has(post)) return;
      stored.add(post);
      const row: StoredItem = {
        contentHash: hash,
        platform: item.platform,
        status: "pending",
        capturedAt: now,
        updatedAt: now,
        item,
      };
      if (redactions !== undefined) row.redactions = redactions;
      if (rawText !== undefined) row.rawText = rawText;
      fresh.push(row);
    });
    await db.items.bulkAdd(fresh);
    return fresh.length;
  });
}

/** Stores items as they are (already in their wire form). */
export function storeNewItems(db: TributaryDatabase, items: Item[], now: number): Promise<number> {
  return storeItems(
    db,
    items.map((item) => ({ item })),
    now,
  );
}
