// fake-indexeddb first: the modules under test load Dexie, which looks for IndexedDB as it loads.
import "fake-indexeddb/auto";
import { Dexie } from "dexie";
import { afterEach, describe, expect, it } from "vitest";
import { storeNewItems } from "../../../extension/pipeline/store-items";
import { applyReviewAction } from "../../../extension/review/review-actions";
import { ALL_ITEMS, loadReviewRows, matchingKeys } from "../../../extension/review/review-query";
import { itemSearchWords, wordRowKey } from "../../../extension/review/search-words";
import {
  ITEM_STATUSES,
  openTributaryDatabase,
  type StoredItem,
  type TributaryDatabase,
} from "../../../extension/storage/database";
import { searchWordsRow } from "../../../extension/storage/derived-rows";
import { addCounterChange, countByStatus, counterRows } from "../../../extension/storage/item-counters";
import { contentOf, readItems, recordOf } from "../../../extension/storage/item-parts";
import { contentHash } from "../../../shared/content-hash";
import { makeItem } from "../../helpers/items";

const NAME = `tributary-upgrade-${process.pid}`;
let db: TributaryDatabase | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

/** The database as version 3 of the extension declared it (the last version with the words inside the items). */
function openVersion3(): Dexie {
  return declareUpTo3(new Dexie(NAME));
}

function declareUpTo3(old: Dexie): Dexie {
  old.version(1).stores({
    items: "contentHash, status, platform, capturedAt, [status+capturedAt], batchId",
    batches: "id, state, nextAttemptAt",
    unparsed: "key",
  });
  old.version(2).stores({
    items: "contentHash, status, platform, capturedAt, [status+capturedAt], batchId, [platform+item.id]",
  });
  old.version(3).stores({
    items:
      "contentHash, status, platform, capturedAt, [status+capturedAt], batchId, [platform+item.id], *words, [status+platform+capturedAt], [status+updatedAt]",
  });
  return old;
}

describe("the upgrade to the word table and counters (version 4)", () => {
  it("keeps every row, moves the words out of the items and counts what was there", async () => {
    const old = openVersion3();
    const items = ["coffee by the river", "garden party", "river cruise"].map((text, i) =>
      makeItem({ id: `old-${i}`, text }),
    );
    const statuses = ["pending", "pending", "approved"];
    await old.table("items").bulkAdd([
      ...items.map((item, i) => ({
        contentHash: contentHash(item),
        platform: item.platform,
        status: statuses[i],
        capturedAt: 1000 + i,
        updatedAt: 1000 + i,
        item,
        rawText: `raw ${i}`,
        words: itemSearchWords(item),
      })),
      { contentHash: "damaged", status: "pending", capturedAt: 5, item: { text: 7 } },
    ]);
    await old
      .table("batches")
      .add({ id: "b1", contentHashes: [], body: "{}", state: "done", createdAt: 1, attempts: 1, nextAttemptAt: 1 });
    old.close();

    db = openTributaryDatabase(NAME);
    const rows = await db.items.toArray();
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row).not.toHaveProperty("words");
    expect((await db.contents.get(contentHash(items[0]!)))?.rawText).toBe("raw 0");
    expect(await db.batches.count()).toBe(1);
    expect(await db.searchIndex.get(wordRowKey(1002, contentHash(items[2]!)))).toEqual({
      key: wordRowKey(1002, contentHash(items[2]!)),
      words: itemSearchWords(items[2]!),
    });
    expect(await db.searchIndex.count()).toBe(3);
    expect(await countByStatus(db.counters)).toMatchObject({ pending: 3, approved: 1, uploaded: 0 });

    const found = await loadReviewRows(db, { status: "pending", ...ALL_ITEMS, search: "river" }, 100);
    expect(found.map((row) => row.key)).toEqual([contentHash(items[0]!)]);

    await applyReviewAction(db, [contentHash(items[0]!)], "approve", 2000);
    expect(await countByStatus(db.counters)).toMatchObject({ pending: 2, approved: 2 });
  });
});

/** The database as version 4 declared it (the last version with each item whole in one row). */
function openVersion4(): Dexie {
  const old = declareUpTo3(new Dexie(NAME));
  old.version(4).stores({
    items: "contentHash, [status+capturedAt], batchId, [platform+item.id], [status+platform+capturedAt]",
    searchWords: "contentHash, *keys",
    counters: "key",
  });
  return old;
}

/** One whole version-4 row in every status, with what each status carries (batch, verdict, redactions, raw text). */
function version4Rows(): StoredItem[] {
  return ITEM_STATUSES.map((status, i) => {
    const item = makeItem({
      id: `v4-${status}`,
      text: `[EMAIL] wrote about the harbour, ${status}`,
      promoted: i === 2,
    });
    const contentHash = itemHash(item);
    const row: StoredItem = {
      contentHash,
      platform: item.platform,
      status,
      capturedAt: 10_000 + i,
      updatedAt: 20_000 + i,
      item,
      redactions: [{ start: 0, end: 7, type: "EMAIL", rawStart: 0, rawEnd: 13 }],
      rawText: `ana@mail.example wrote about the harbour, ${status}`,
    };
    if (status === "queued" || status === "uploaded" || status === "refused") row.batchId = "batch-1";
    if (status === "uploaded") row.verdict = { contentHash, status: "accepted", points: "3" };
    if (status === "refused") row.verdict = { contentHash, status: "refused", reason: "duplicate" };
    return row;
  });
}
const itemHash = contentHash;

/** A version-4 word row: the words, and their keys `word \0 age \0 hash`. */
function version4WordRow(row: StoredItem) {
  const words = itemSearchWords(row.item);
  const age = String(Number.MAX_SAFE_INTEGER - row.capturedAt).padStart(16, "0");
  return {
    contentHash: row.contentHash,
    words,
    keys: words.map((word) => `${word}\u0000${age}\u0000${row.contentHash}`),
  };
}

describe("the upgrade to records and contents (version 5)", () => {
  it("splits every item into its record and its content, in every status, with nothing lost", async () => {
    const old = openVersion4();
    const rows = version4Rows();
    const damaged = { contentHash: "damaged", status: "pending", capturedAt: 5, updatedAt: 5, item: { text: 7 } };
    const tally = new Map<string, number>();
    for (const row of [...rows, damaged]) addCounterChange(tally, undefined, row);
    await old.table("items").bulkAdd([...rows, damaged]);
    await old.table("searchWords").bulkPut(rows.map((row) => version4WordRow(row)));
    await old.table("counters").bulkPut(counterRows(tally));
    const countersBefore = await old.table("counters").toArray();
    old.close();

    db = openTributaryDatabase(NAME);
    const keys = rows.map((row) => row.contentHash);
    // Every item reads back exactly as it was, its record without any of its content.
    expect(await readItems(db, keys)).toEqual(rows);
    for (const record of await db.items.toArray()) {
      for (const field of ["item", "redactions", "rawText"]) expect(record).not.toHaveProperty(field);
    }
    expect(await db.items.get(keys[2]!)).toMatchObject({ itemId: "v4-rejected", kind: "post", promoted: true });
    expect(await db.items.count()).toBe(rows.length + 1);
    expect(await db.contents.count()).toBe(rows.length + 1);
    // The counters did not move; the words are indexed anew, by capture age (version 6).
    expect(await db.counters.toArray()).toEqual(countersBefore);
    expect(await db.searchIndex.toArray()).toEqual(
      rows.map((row) => searchWordsRow(row.contentHash, row)).sort((a, b) => (a!.key < b!.key ? -1 : 1)),
    );

    // The review page lists each status's item, and the damaged row as damaged.
    for (const [i, status] of ITEM_STATUSES.entries()) {
      const listed = await loadReviewRows(db, { status, ...ALL_ITEMS }, 10);
      const expected = status === "pending" ? [keys[i], "damaged"] : [keys[i]];
      expect(listed.map((row) => row.key)).toEqual(expected);
      expect(await matchingKeys(db, { status, ...ALL_ITEMS, search: "harbour" })).toEqual([keys[i]]);
    }
    expect((await loadReviewRows(db, { status: "pending", ...ALL_ITEMS }, 10))[1]).toEqual({
      kind: "damaged",
      key: "damaged",
    });
    // A post already stored is found by platform and id, so capturing it again stores nothing.
    expect(await storeNewItems(db, [rows[3]!.item], 30_000)).toBe(0);
    // Decisions and deletions work on the upgraded rows: only pending and rejected items move to approved.
    await applyReviewAction(db, keys, "approve", 40_000);
    expect(await countByStatus(db.counters)).toEqual({
      pending: 1,
      approved: 3,
      rejected: 0,
      queued: 1,
      uploaded: 1,
      refused: 1,
    });
    await applyReviewAction(db, ["damaged"], "delete");
    expect(await db.contents.get("damaged")).toBeUndefined();
  });
});

/** The database as version 5 declared it (the last version with the words keyed by content hash). */
function openVersion5(): Dexie {
  const old = openVersion4();
  old.version(5).stores({
    items: "contentHash, [status+capturedAt], batchId, [platform+itemId], [status+platform+capturedAt]",
    contents: "contentHash, capturedAt",
  });
  return old;
}

describe("the upgrade to date-keyed word rows (version 6)", () => {
  it("indexes every content's words anew, and searches list the newest first", async () => {
    const old = openVersion5();
    // Capture times in an order unrelated to the hashes.
    const stored = [7, 3, 9, 1, 5].map((minute, i): StoredItem => {
      const item = makeItem({ id: `v5-${i}`, text: `harbour ${i} coffee` });
      return {
        contentHash: contentHash(item),
        platform: item.platform,
        status: "pending",
        capturedAt: minute * 60_000,
        updatedAt: minute * 60_000,
        item,
      };
    });
    await old.table("items").bulkAdd(stored.map(recordOf));
    await old.table("contents").bulkAdd([...stored.map(contentOf), { contentHash: "damaged", capturedAt: 1 }]);
    await old.table("searchWords").bulkPut(stored.map(version4WordRow));
    old.close();

    db = openTributaryDatabase(NAME);
    expect(db.tables.map((table) => table.name)).not.toContain("searchWords");
    expect(await db.searchIndex.count()).toBe(stored.length);
    const newest = [...stored].sort((a, b) => b.capturedAt - a.capturedAt).map((row) => row.contentHash);
    for (const search of ["harbour", "harb", "coffee harbour", "harbour cof"]) {
      const rows = await loadReviewRows(db, { status: "pending", ...ALL_ITEMS, search }, 100);
      expect(rows.map((row) => row.key)).toEqual(newest);
    }
    // Captured after the upgrade: indexed as it is stored, and listed first.
    const later = makeItem({ id: "v6-new", text: "harbour at dawn" });
    expect(await storeNewItems(db, [later], 60 * 60_000)).toBe(1);
    const rows = await loadReviewRows(db, { status: "pending", ...ALL_ITEMS, search: "harbour" }, 2);
    expect(rows.map((row) => row.key)).toEqual([contentHash(later), newest[0]]);
  });
});
