// The device's store of captured items and upload batches (IndexedDB through Dexie).
import { Dexie, type EntityTable, type Transaction } from "dexie";
import type { Verdict } from "../../shared/batch";
import type { Item, Platform } from "../../shared/item";
import { itemSearchWords } from "../review/search-words";
import { derivedRowsMiddleware, searchWordsRow } from "./derived-rows";
import { addCounterChange, type CounterTable, counterRows } from "./item-counters";
import type { ItemStatus } from "./item-status";

export { ITEM_STATUSES, type ItemStatus } from "./item-status";

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
}

/** An item's search words (its text and author; see review/search-words), apart from the item so that a change of
 * status does not rewrite them. Kept current by derived-rows.ts. */
export interface SearchWordsRow {
  contentHash: string;
  words: string[];
  /** The words' index keys, newest first within a word (review/search-words `searchKeys`). */
  keys: string[];
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
  searchWords: EntityTable<SearchWordsRow, "contentHash">;
  counters: CounterTable;
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
        .modify((row: StoredItem & { words?: string[] }) => {
          if (row.item && typeof row.item === "object") row.words = itemSearchWords(row.item);
        }),
    );
  // Issue 5: a status change rewrote ~20 index entries per item (its words, single-field indexes the compound ones
  // cover), so approving 10,000 items took seconds, and each count read 100,000 index entries. The words move to
  // their own table, `status` and `platform` are served by the compound indexes, and counters replace the counts.
  db.version(4)
    .stores({
      items: "contentHash, [status+capturedAt], batchId, [platform+item.id], [status+platform+capturedAt]",
      searchWords: "contentHash, *keys",
      counters: "key",
    })
    .upgrade(moveWordsAndCount);
  db.use(derivedRowsMiddleware);
  return db;
}

/** The upgrade to version 4: each item's words into their own row (out of the item), and the counters from scratch. */
async function moveWordsAndCount(tx: Transaction): Promise<void> {
  const tally = new Map<string, number>();
  const wordRows: SearchWordsRow[] = [];
  await tx
    .table("items")
    .toCollection()
    .modify((row: StoredItem & { words?: string[] }) => {
      addCounterChange(tally, undefined, row);
      const words = searchWordsRow(row.contentHash, row);
      if (words) wordRows.push(words);
      delete row.words;
    });
  await tx.table("searchWords").bulkPut(wordRows);
  await tx.table("counters").bulkPut(counterRows(tally));
}

let shared: TributaryDatabase | undefined;
/** The one database instance of this extension context. */
export function tributaryDatabase(): TributaryDatabase {
  shared ??= openTributaryDatabase();
  return shared;
}
