// The device's store of captured items and upload batches (IndexedDB through Dexie).
import { Dexie, type EntityTable } from "dexie";
import type { Verdict } from "../../shared/batch";
import type { Item, Platform } from "../../shared/item";
import { itemSearchWords } from "../review/search-words";

export const ITEM_STATUSES = ["pending", "approved", "rejected", "queued", "uploaded", "refused"] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** One redaction in an item's text: where the placeholder sits in `item.text`, and what it replaced in `rawText`. */
export interface StoredRedaction {
  start: number;
  end: number;
  type: string;
  /** Offsets into `rawText` of what was replaced (kept after the raw text is purged; absent on older items). */
  rawStart?: number;
  rawEnd?: number;
}

export interface StoredItem {
  /** Primary key: the wire item's contentHash, so the same post is stored once. */
  contentHash: string;
  platform: Platform;
  status: ItemStatus;
  /** Epoch ms when first captured. */
  capturedAt: number;
  /** Epoch ms of the last status change. */
  updatedAt: number;
  /** What would be sent, exactly (redacted). */
  item: Item;
  /** Where `item.text` was redacted: offsets into `item.text` (the redacted text), with the type, for highlighting. */
  redactions?: StoredRedaction[];
  /** The text as captured, before redaction. Never leaves the device; purged after the retention period. */
  rawText?: string;
  /** The batch this item was assigned to when it was queued; never changes afterwards. */
  batchId?: string;
  verdict?: Verdict;
  /** Search index: the words of the item's text and author (kept current by the hooks below; see review/search-words). */
  words?: string[];
}

export interface StoredBatch {
  /** The idempotency key the server sees; assigned and persisted before the first send. */
  id: string;
  contentHashes: string[];
  /** The exact request body, so a retry sends the same bytes under the same id. */
  body: string;
  state: "open" | "done" | "failed";
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  lastError?: string;
  credited?: string;
}

export interface UnparsedCounter {
  /** `${platform} ${endpoint}` */
  key: string;
  platform: Platform;
  endpoint: string;
  count: number;
  lastAt: number;
  /** First keys of the last body that yielded nothing, to see what changed. */
  lastKeys: string[];
  lastError?: string;
}

export type TributaryDatabase = Dexie & {
  items: EntityTable<StoredItem, "contentHash">;
  batches: EntityTable<StoredBatch, "id">;
  unparsed: EntityTable<UnparsedCounter, "key">;
};

export function openTributaryDatabase(name = "tributary"): TributaryDatabase {
  const db = new Dexie(name) as TributaryDatabase;
  db.version(1).stores({
    items: "contentHash, status, platform, capturedAt, [status+capturedAt], batchId",
    batches: "id, state, nextAttemptAt",
    unparsed: "key",
  });
  // A post is stored once even after the user's edits changed its text (and so its contentHash).
  db.version(2).stores({
    items: "contentHash, status, platform, capturedAt, [status+capturedAt], batchId, [platform+item.id]",
  });
  // Review page: search by word, filter by platform within a status, today's counts by status.
  db.version(3)
    .stores({
      items:
        "contentHash, status, platform, capturedAt, [status+capturedAt], batchId, [platform+item.id], *words, [status+platform+capturedAt], [status+updatedAt]",
    })
    .upgrade((tx) =>
      tx
        .table("items")
        .toCollection()
        .modify((row: StoredItem) => {
          if (row.item && typeof row.item === "object") row.words = itemSearchWords(row.item);
        }),
    );
  keepSearchWordsCurrent(db);
  return db;
}

/** Every write of an item's text (new row, replaced item, or edited text) refreshes its search words. */
function keepSearchWordsCurrent(db: TributaryDatabase): void {
  db.items.hook("creating", (_key, row) => {
    if (row.item && typeof row.item === "object") row.words = itemSearchWords(row.item);
  });
  db.items.hook("updating", (modifications, _key, row) => {
    const changes = modifications as Partial<StoredItem> & Record<string, unknown>;
    const item = changes.item;
    if (item && typeof item === "object") return { words: itemSearchWords(item) };
    const text = changes["item.text"];
    if (typeof text === "string") return { words: itemSearchWords({ text, author: row.item.author }) };
    return undefined;
  });
}

let shared: TributaryDatabase | undefined;
/** The one database instance of this extension context. */
export function tributaryDatabase(): TributaryDatabase {
  shared ??= openTributaryDatabase();
  return shared;
}
