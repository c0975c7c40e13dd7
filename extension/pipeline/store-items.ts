// store: new items enter as `pending`; a post already on the device (same platform and id, whatever its text: the
// user may have edited its redactions) is left as it is, and is not prepared (redacted) again.
import { contentHash } from "../../shared/content-hash";
import type { Item } from "../../shared/item";
import type { StoredItem, StoredRedaction, TributaryDatabase } from "../storage/database";
import { addItems } from "../storage/item-parts";

/** An item ready to store: its wire form, and (once redacted) its raw text and redactions. */
export interface ItemToStore {
  item: Item;
  rawText?: string;
  redactions?: StoredRedaction[];
}

type Post = Pick<Item, "platform" | "id">;

const postKey = (post: Post) => `${post.platform} ${post.id}`;

/**
 * One transaction per message: one read of the `[platform+itemId]` index, `prepare` (synchronous: the transaction
 * must not wait on anything but its own requests) for the new posts only, one bulk write of the records and one of
 * the contents. A row's key is the contentHash of its own post, so a post not found by platform and id has no row
 * under its hash either.
 */
async function storeNewPostsOf<Input>(
  db: TributaryDatabase,
  inputs: Input[],
  postOf: (input: Input) => Post,
  prepare: (input: Input) => ItemToStore,
  now: number,
): Promise<number> {
  if (inputs.length === 0) return 0;
  return db.transaction("rw", db.items, db.contents, async () => {
    const found = await db.items
      .where("[platform+itemId]")
      .anyOf(inputs.map((input) => [postOf(input).platform, postOf(input).id]))
      .keys();
    const stored = new Set(found.map((key) => (key as unknown as string[]).join(" ")));
    const rows: StoredItem[] = [];
    for (const input of inputs) {
      const post = postKey(postOf(input));
      if (stored.has(post)) continue;
      stored.add(post);
      const { item, rawText, redactions } = prepare(input);
      const row: StoredItem = {
        contentHash: contentHash(item),
        platform: item.platform,
        status: "pending",
        capturedAt: now,
        updatedAt: now,
        item,
      };
      if (redactions !== undefined) row.redactions = redactions;
      if (rawText !== undefined) row.rawText = rawText;
      rows.push(row);
    }
    // A row no lookup foresaw (one written before posts were keyed by platform and id) refuses its add, and is kept.
    return rows.length === 0 ? 0 : addItems(db, rows);
  });
}

/** Stores the posts not on the device yet, each prepared (redacted) by `prepare` first. */
export function storeNewPosts(
  db: TributaryDatabase,
  items: Item[],
  prepare: (item: Item) => ItemToStore,
  now: number,
): Promise<number> {
  return storeNewPostsOf(db, items, (item) => item, prepare, now);
}

/** Stores entries already prepared, but those whose post is on the device already. */
export function storeItems(db: TributaryDatabase, entries: ItemToStore[], now: number): Promise<number> {
  return storeNewPostsOf(
    db,
    entries,
    (entry) => entry.item,
    (entry) => entry,
    now,
  );
}

/** Stores items as they are (already in their wire form). */
export function storeNewItems(db: TributaryDatabase, items: Item[], now: number): Promise<number> {
  return storeNewPosts(db, items, (item) => ({ item }), now);
}
