// The device's store of captured items and upload batches (IndexedDB through Dexie).
import { Dexie, type EntityTable } from "dexie";
import type { Verdict } from "../../shared/batch";
import type { Item, Platform } from "../../shared/item";

export const ITEM_STATUSES = ["pending", "approved", "rejected", "queued", "uploaded", "refused"] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

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
  redactions?: { start: number; end: number; type: string }[];
  /** The text as captured, before redaction. Never leaves the device; purged after the retention period. */
  rawText?: string;
  /** The batch this item was assigned to when it was queued; never changes afterwards. */
  batchId?: string;
  verdict?: Verdict;
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
  return db;
}

let shared: TributaryDatabase | undefined;
/** The one database instance of this extension context. */
export function tributaryDatabase(): TributaryDatabase {
  shared ??= openTributaryDatabase();
  return shared;
}
