// An item is stored as two rows under its contentHash: its record in `items` (where it stands: status, dates, batch,
// verdict) and its content in `contents` (the wire item, its redactions, the raw text). Decisions and uploads rewrite
// only the record; capture and edits write both; deleting a record deletes its content (derived-rows.ts). These
// helpers split an item into its rows and read the two back together, inside the caller's transaction.
import type { BulkError } from "dexie";
import type { ItemContent, ItemRecord, StoredItem, TributaryDatabase } from "./database";

/** The record of an item: the content's fields the indexes and filters read are copied from `item`. */
export function recordOf(stored: StoredItem): ItemRecord {
  const item = (stored.item ?? {}) as Partial<StoredItem["item"]>;
  const record = {
    contentHash: stored.contentHash,
    platform: stored.platform,
    itemId: item.id,
    kind: item.kind,
    promoted: item.promoted,
    status: stored.status,
    capturedAt: stored.capturedAt,
    updatedAt: stored.updatedAt,
  } as ItemRecord;
  if (stored.batchId !== undefined) record.batchId = stored.batchId;
  if (stored.verdict !== undefined) record.verdict = stored.verdict;
  return record;
}

export function contentOf(stored: StoredItem): ItemContent {
  const content: ItemContent = { contentHash: stored.contentHash, capturedAt: stored.capturedAt, item: stored.item };
  if (stored.redactions !== undefined) content.redactions = stored.redactions;
  if (stored.rawText !== undefined) content.rawText = stored.rawText;
  return content;
}

/** The item of a record and its content; undefined when the content is missing (a damaged item). */
export function joinParts(record: ItemRecord, content: ItemContent | undefined): StoredItem | undefined {
  if (!content) return undefined;
  const stored: StoredItem = {
    contentHash: record.contentHash,
    platform: record.platform,
    status: record.status,
    capturedAt: record.capturedAt,
    updatedAt: record.updatedAt,
    item: content.item,
  };
  if (content.redactions !== undefined) stored.redactions = content.redactions;
  if (content.rawText !== undefined) stored.rawText = content.rawText;
  if (record.batchId !== undefined) stored.batchId = record.batchId;
  if (record.verdict !== undefined) stored.verdict = record.verdict;
  return stored;
}

/** The items of these records, in order (undefined where the content is missing). */
export async function withContents(
  db: TributaryDatabase,
  records: readonly ItemRecord[],
): Promise<(StoredItem | undefined)[]> {
  const contents = await db.contents.bulkGet(records.map((record) => record.contentHash));
  return records.map((record, i) => joinParts(record, contents[i]));
}

/** The items under these keys, in order (undefined where either row is missing). */
export async function readItems(db: TributaryDatabase, keys: readonly string[]): Promise<(StoredItem | undefined)[]> {
  const [records, contents] = await Promise.all([db.items.bulkGet([...keys]), db.contents.bulkGet([...keys])]);
  return records.map((record, i) => (record ? joinParts(record, contents[i]) : undefined));
}

/** Told by name: importing Dexie's class here would load Dexie before a test's IndexedDB is in place. */
function isBulkError(error: unknown): error is BulkError {
  return error instanceof Error && error.name === "BulkError" && "failuresByPos" in error;
}

/**
 * Adds the items whose key is free, and returns how many: an item whose record is already stored is left as it is
 * (caught here, the refusal keeps the transaction and the other items alive), and its content is not written.
 */
export async function addItems(db: TributaryDatabase, rows: readonly StoredItem[]): Promise<number> {
  let refused: Record<number, unknown> = {};
  try {
    await db.items.bulkAdd(rows.map(recordOf));
  } catch (error) {
    if (!isBulkError(error)) throw error;
    refused = error.failuresByPos;
  }
  const added = rows.filter((_, i) => !(i in refused));
  // Added (no read of what was there: there is nothing, as the records were free); a content left without its record
  // (a damaged database) refuses the add and is replaced.
  let orphans: Record<number, unknown> = {};
  try {
    await db.contents.bulkAdd(added.map(contentOf));
  } catch (error) {
    if (!isBulkError(error)) throw error;
    orphans = error.failuresByPos;
  }
  const replaced = added.filter((_, i) => i in orphans);
  if (replaced.length > 0) await db.contents.bulkPut(replaced.map(contentOf));
  return added.length;
}

/** Writes both rows of each item, replacing what was under its key. */
export async function putItems(db: TributaryDatabase, rows: readonly StoredItem[]): Promise<void> {
  await db.contents.bulkPut(rows.map(contentOf));
  await db.items.bulkPut(rows.map(recordOf));
}
