// The device's store of captured items and upload batches (IndexedDB through Dexie).
import { Dexie, type EntityTable, type Transaction } from "dexie";
import type { Verdict } from "../../shared/batch";
import type { Item, ItemKind, Platform } from "../../shared/item";
import { itemSearchWords } from "../review/search-words";
import type { AppliedDecisionRow, DecisionRow } from "./decisions";
import { derivedRowsMiddleware, searchWordsRow } from "./derived-rows";
import { addCounterChange, type CounterTable, counterRows } from "./item-counters";
import { contentOf, recordOf } from "./item-parts";
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

/**
 * An item as the extension works with it: its record and its content, read together (see item-parts.ts). It is
 * stored as two rows under its contentHash, so that a decision rewrites only the small record.
 */
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

/**
 * The `items` table's row: where an item stands (status, dates, batch, verdict) and the few fields of the item its
 * indexes and the review filters read, so that approving 10,000 items rewrites 10,000 small rows.
 */
export interface ItemRecord {
  contentHash: string;
  platform: Platform;
  /** `item.id`: with `platform`, finds a post already stored whatever its text (index `[platform+itemId]`). */
  itemId: string;
  /** `item.kind` and `item.promoted`, for the review filters. */
  kind: ItemKind;
  promoted: boolean;
  status: ItemStatus;
  capturedAt: number;
  updatedAt: number;
  batchId?: string;
  verdict?: Verdict;
}

/** The `contents` table's row: what an item says. Written when it is captured or edited, never by a decision. */
export interface ItemContent {
  contentHash: string;
  /** The record's capture time, repeated (it never changes): the search words' keys and the raw-text purge use it. */
  capturedAt: number;
  item: Item;
  redactions?: StoredRedaction[];
  rawText?: string;
}

/**
 * An item's search words (its text and author; see review/search-words), apart from the item so that a change of
 * status does not rewrite them. Kept current by derived-rows.ts. Keyed by capture age and content hash
 * (`wordRowKey`), so the word index lists each word's items newest first.
 */
export interface SearchWordsRow {
  key: string;
  words: string[];
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

/**
 * Posts a tab captured, kept as they arrived (after the user's rules, before redaction) until the background stores
 * them as items: one row per message, so capturing costs one write while the user scrolls (see
 * pipeline/staged-captures.ts). Raw text, like `rawText`: it never leaves the device.
 */
export interface StagedCapture {
  seq?: number;
  platform: Platform;
  items: Item[];
  /** Epoch ms when it arrived. */
  at: number;
}

export type TributaryDatabase = Dexie & {
  items: EntityTable<ItemRecord, "contentHash">;
  contents: EntityTable<ItemContent, "contentHash">;
  batches: EntityTable<StoredBatch, "id">;
  unparsed: EntityTable<UnparsedCounter, "key">;
  searchIndex: EntityTable<SearchWordsRow, "key">;
  decisions: EntityTable<DecisionRow, "seq">;
  appliedDecisions: EntityTable<AppliedDecisionRow, "seq">;
  counters: CounterTable;
  captures: EntityTable<StagedCapture, "seq">;
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
  // Issue 5, continued: approving 10,000 items still rewrote 10,000 whole items (text, redactions, raw text), and raw
  // IndexedDB alone needs longer than the 1 s goal for that. The content moves to its own table (`contents`), and a
  // decision rewrites only the small record left in `items`.
  db.version(5)
    .stores({
      items: "contentHash, [status+capturedAt], batchId, [platform+itemId], [status+platform+capturedAt]",
      contents: "contentHash, capturedAt",
    })
    .upgrade(splitItems);
  // Issue 5, search: the word index held `word \0 age \0 hash` keys, so reading a prefix's items newest first took
  // reading every candidate's record for its date. The age moves into the word row's key: one word's index entries
  // are in date order, and a prefix's candidates are put in date order by sorting their keys. (IndexedDB cannot change
  // a table's key, so the rows move to a new table.) Approve: bulk decisions are recorded at once and applied to the
  // records afterwards (decisions.ts).
  db.version(6)
    .stores({
      searchWords: null,
      searchIndex: "key, *words",
      decisions: "++seq, decision",
      appliedDecisions: "seq, decision",
    })
    .upgrade(indexWords);
  // Issue 3, capture's cost to the page: a captured message is kept as one row at once and stored as items (a record,
  // a content and a word row per post, each a costly IndexedDB write) when the user pauses.
  db.version(7).stores({ captures: "++seq" });
  db.use(derivedRowsMiddleware);
  return db;
}

/**
 * The upgrade to version 4: the words out of each item (they went to a word table, rebuilt since by version 6), and
 * the counters from scratch.
 */
async function moveWordsAndCount(tx: Transaction): Promise<void> {
  const tally = new Map<string, number>();
  await tx
    .table("items")
    .toCollection()
    .modify((row: StoredItem & { words?: string[] }) => {
      addCounterChange(tally, undefined, row);
      delete row.words;
    });
  await tx.table("counters").bulkPut(counterRows(tally));
}

/**
 * The upgrade to version 5: each item's content into its own row, the record left in `items`. Every row is kept, a
 * damaged one too (it stays damaged, and can be deleted from the review page).
 */
async function splitItems(tx: Transaction): Promise<void> {
  const contents: ItemContent[] = [];
  await tx
    .table("items")
    .toCollection()
    .modify((row: Record<string, unknown>, ref: { value: unknown }) => {
      const whole = row as unknown as StoredItem;
      contents.push(contentOf(whole));
      ref.value = recordOf(whole);
    });
  await tx.table("contents").bulkPut(contents);
}

/** The upgrade to version 6: every content's word row, under its date-ordered key. */
async function indexWords(tx: Transaction): Promise<void> {
  const rows: SearchWordsRow[] = [];
  await tx
    .table("contents")
    .toCollection()
    .each((content: ItemContent) => {
      const row = searchWordsRow(content.contentHash, content);
      if (row) rows.push(row);
    });
  await tx.table("searchIndex").bulkPut(rows);
}

let shared: TributaryDatabase | undefined;
/** The one database instance of this extension context. */
export function tributaryDatabase(): TributaryDatabase {
  shared ??= openTributaryDatabase();
  return shared;
}
