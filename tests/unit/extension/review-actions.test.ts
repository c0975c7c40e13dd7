// fake-indexeddb first: the modules under test load Dexie, which looks for IndexedDB as it loads.
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { applyReviewAction, undoReviewAction } from "../../../extension/review/review-actions";
import { ALL_ITEMS, loadReviewRows, matchingKeys } from "../../../extension/review/review-query";
import type { StoredItem, TributaryDatabase } from "../../../extension/storage/database";
import { countByStatus } from "../../../extension/storage/item-counters";
import { addItems, readItems } from "../../../extension/storage/item-parts";
import { freshDeviceDatabase } from "../../helpers/device-database";
import { makeItem } from "../../helpers/items";

let db: TributaryDatabase;
afterEach(async () => db?.delete());

const WORDS = ["river", "garden", "coffee", "market"];

/** Counts the reads of single rows from a table (how Dexie's bulkGet reads), until stopped. */
function countRecordReads(table = "items"): { count: number; stop(): void } {
  const prototype = IDBObjectStore.prototype;
  const get = prototype.get;
  const reads = {
    count: 0,
    stop: () => {
      prototype.get = get;
    },
  };
  prototype.get = function (this: IDBObjectStore, query: IDBValidKey | IDBKeyRange) {
    if (this.name === table) reads.count++;
    return get.call(this, query);
  };
  return reads;
}

/** `count` pending items, one in `every` naming the harbour. */
async function seed(count: number, every = 10): Promise<void> {
  const rows: StoredItem[] = Array.from({ length: count }, (_, i) => {
    const item = makeItem({
      id: `item-${i}`,
      text: `Post ${i} about ${WORDS[i % 4]} near the ${i % every === 0 ? "harbour" : "square"}`,
    });
    return {
      contentHash: `hash-${String(i).padStart(6, "0")}`,
      platform: "x",
      status: "pending",
      capturedAt: i,
      updatedAt: i,
      item,
    };
  });
  await addItems(db, rows);
}

describe("bulk decisions on the review page", () => {
  it("approves 10,000 items found by a search at once, and undoes it", async () => {
    db = freshDeviceDatabase();
    await seed(20_000, 2);
    const search = { status: "pending" as const, ...ALL_ITEMS, search: "harbour" };
    const keys = await matchingKeys(db, search);
    expect(keys).toHaveLength(10_000);

    const record = await applyReviewAction(db, keys, "approve", 50_000);
    expect(record.count).toBe(10_000);
    expect(await countByStatus(db.counters)).toMatchObject({ pending: 10_000, approved: 10_000 });
    expect(await loadReviewRows(db, search, 200)).toEqual([]);

    await undoReviewAction(db, record);
    expect(await countByStatus(db.counters)).toMatchObject({ pending: 20_000, approved: 0 });
    const back = await db.items.bulkGet(keys.slice(0, 3));
    expect(back.map((row) => [row?.status, row?.updatedAt])).toEqual(
      back.map((row) => ["pending", Number(row?.contentHash.slice(5))]),
    );
  });

  it("rewrites only the small records: the contents stay as they were, and the records carry no text", async () => {
    db = freshDeviceDatabase();
    await seed(100);
    const keys = await matchingKeys(db, { status: "pending", ...ALL_ITEMS, search: "harbour" });
    const contents = await db.contents.bulkGet(keys);
    let contentWrites = 0;
    db.contents.hook("creating", () => {
      contentWrites++;
    });
    db.contents.hook("updating", () => {
      contentWrites++;
    });

    const record = await applyReviewAction(db, keys, "approve", 50_000);
    await undoReviewAction(db, record);
    await applyReviewAction(db, keys, "reject", 60_000);

    expect(contentWrites).toBe(0);
    expect(await db.contents.bulkGet(keys)).toEqual(contents);
    for (const row of await db.items.bulkGet(keys)) {
      expect(row).toMatchObject({ status: "rejected", updatedAt: 60_000, kind: "post", promoted: false });
      expect(Object.keys(row!).sort()).toEqual(
        ["capturedAt", "contentHash", "itemId", "kind", "platform", "promoted", "status", "updatedAt"].sort(),
      );
    }
  });

  it("reads each record once per decision: the write knows what it replaces from the read", async () => {
    db = freshDeviceDatabase();
    await seed(200);
    const keys = await matchingKeys(db, { status: "pending", ...ALL_ITEMS, search: "harbour" });
    const reads = countRecordReads();
    try {
      const record = await applyReviewAction(db, keys, "approve", 50_000);
      expect(reads.count).toBe(keys.length);
      await undoReviewAction(db, record);
      expect(reads.count).toBe(2 * keys.length);
    } finally {
      reads.stop();
    }
    expect(await countByStatus(db.counters)).toMatchObject({ pending: 200, approved: 0 });
  });

  it("deletes an item's record and content together, and undo puts both back", async () => {
    db = freshDeviceDatabase();
    await seed(20);
    const keys = ["hash-000003", "hash-000004"];
    const before = await readItems(db, keys);
    const record = await applyReviewAction(db, keys, "delete");
    expect(await db.contents.bulkGet(keys)).toEqual([undefined, undefined]);
    expect(await db.contents.count()).toBe(18);

    await undoReviewAction(db, record);
    expect(await readItems(db, keys)).toEqual(before);
  });

  it("deletes a damaged item whose content is missing, and undo brings back what there was", async () => {
    db = freshDeviceDatabase();
    await seed(5);
    await db.transaction("rw", db.contents, () => db.contents.delete("hash-000002"));
    const listed = await loadReviewRows(db, { status: "pending", ...ALL_ITEMS }, 10);
    expect(listed.find((row) => row.key === "hash-000002")).toEqual({ kind: "damaged", key: "hash-000002" });

    const record = await applyReviewAction(db, ["hash-000002"], "delete");
    expect(record.count).toBe(1);
    expect(await db.items.get("hash-000002")).toBeUndefined();
    expect(await countByStatus(db.counters)).toMatchObject({ pending: 4 });

    await undoReviewAction(db, record);
    expect(await db.items.get("hash-000002")).toMatchObject({ status: "pending" });
    expect(await db.contents.get("hash-000002")).toBeUndefined();
    expect(await countByStatus(db.counters)).toMatchObject({ pending: 5 });
  });

  it("undoes a bulk deletion with the items' words, so a search finds them again", async () => {
    db = freshDeviceDatabase();
    await seed(300);
    const search = { status: "pending" as const, ...ALL_ITEMS, search: "harb" };
    const keys = await matchingKeys(db, search);
    const record = await applyReviewAction(db, keys, "delete");
    expect(record.count).toBe(30);
    expect(await matchingKeys(db, search)).toEqual([]);
    expect(await db.searchIndex.count()).toBe(270);

    await undoReviewAction(db, record);
    expect((await matchingKeys(db, search)).sort()).toEqual([...keys].sort());
    expect(await countByStatus(db.counters)).toMatchObject({ pending: 300 });
  });
});

describe("listing on the review page", () => {
  it("reads a page's contents in one read when its items were captured together", async () => {
    db = freshDeviceDatabase();
    await seed(1000);
    const reads = countRecordReads("contents");
    try {
      const rows = await loadReviewRows(db, { status: "pending", ...ALL_ITEMS }, 200);
      expect(rows.map((row) => (row.kind === "item" ? row.stored.item.id : row.key))).toEqual(
        Array.from({ length: 200 }, (_, i) => `item-${999 - i}`),
      );
      expect(reads.count).toBe(0);
    } finally {
      reads.stop();
    }
  });

  it("reads the rest by key when other items were captured in between", async () => {
    db = freshDeviceDatabase();
    await seed(1000);
    const approved = Array.from({ length: 50 }, (_, i) => `hash-${String(i * 20 + 7).padStart(6, "0")}`);
    await applyReviewAction(db, approved, "approve", 5000);
    const rows = await loadReviewRows(db, { status: "approved", ...ALL_ITEMS }, 30);
    expect(rows.map((row) => (row.kind === "item" ? row.stored.item.id : row.key))).toEqual(
      Array.from({ length: 30 }, (_, i) => `item-${(49 - i) * 20 + 7}`),
    );
    expect(rows.every((row) => row.kind === "item" && row.stored.status === "approved")).toBe(true);
  });
});

describe("search on the review page", () => {
  it("finds items by every word typed, the last one as a prefix, within the status and filters", async () => {
    db = freshDeviceDatabase();
    await seed(400);
    await applyReviewAction(db, ["hash-000010"], "approve");
    const rows = await loadReviewRows(db, { status: "pending", ...ALL_ITEMS, search: "coffee harb" }, 1000);
    // Items 10, 30, 50, … name coffee (i % 4 === 2) and the harbour (i % 10 === 0): item 10 was approved.
    const ids = rows.map((row) => (row.kind === "item" ? row.stored.item.id : row.key));
    expect(ids).toEqual(
      Array.from({ length: 400 }, (_, i) => i)
        .filter((i) => i % 4 === 2 && i % 10 === 0 && i !== 10)
        .reverse()
        .map((i) => `item-${i}`),
    );
    const approved = await loadReviewRows(db, { status: "approved", ...ALL_ITEMS, search: "harbour coffee" }, 1000);
    expect(approved.map((row) => row.key)).toEqual(["hash-000010"]);
    const dated = await loadReviewRows(
      db,
      { status: "pending", ...ALL_ITEMS, search: "harbour", from: 100, to: 200 },
      1000,
    );
    expect(dated).toHaveLength(10);
  });

  it("lists the newest matches first, a page at a time, whatever order their hashes sort in", async () => {
    db = freshDeviceDatabase();
    // Hashes sort in no relation to capture time, and the newest harbour posts are approved: the pending page must skip them.
    const rows: StoredItem[] = Array.from({ length: 3000 }, (_, i) => ({
      contentHash: `hash-${String((i * 7919) % 3000).padStart(6, "0")}`,
      platform: "x",
      status: i >= 2900 ? "approved" : "pending",
      capturedAt: 10_000 + i,
      updatedAt: 10_000 + i,
      item: makeItem({ id: `item-${i}`, text: `Post ${i} near the ${i % 3 === 0 ? "harbour" : "square"}` }),
    }));
    await addItems(db, rows);
    const newestPending = (every: number, count: number) =>
      Array.from({ length: 2900 }, (_, i) => 2899 - i)
        .filter((i) => i % every === 0)
        .slice(0, count)
        .map((i) => `item-${i}`);
    const idsOf = (found: Awaited<ReturnType<typeof loadReviewRows>>) =>
      found.map((row) => (row.kind === "item" ? row.stored.item.id : row.key));

    const harbour = { status: "pending" as const, ...ALL_ITEMS, search: "harbour" };
    expect(idsOf(await loadReviewRows(db, harbour, 50))).toEqual(newestPending(3, 50));
    // A longer page starts with the shorter one: scrolling only adds rows below.
    expect(idsOf(await loadReviewRows(db, harbour, 400))).toEqual(newestPending(3, 400));
    // A prefix reads across words, newest first as well ("squ" and "square" name the same posts).
    expect(idsOf(await loadReviewRows(db, { ...harbour, search: "harb" }, 50))).toEqual(newestPending(3, 50));
    expect(idsOf(await loadReviewRows(db, { ...harbour, search: "squ" }, 20))).toEqual(
      Array.from({ length: 2900 }, (_, i) => 2899 - i)
        .filter((i) => i % 3 !== 0)
        .slice(0, 20)
        .map((i) => `item-${i}`),
    );
    // Select all still finds every match.
    expect(await matchingKeys(db, harbour)).toHaveLength(newestPending(3, 3000).length);
  });

  it("lists a prefix's matches newest first across the words it starts, few or many", async () => {
    db = freshDeviceDatabase();
    // "tag1" starts 11 words (tag1, tag10 … tag19), read word by word and merged; "tag" starts 20, read at once. The
    // newest 300 are approved, so the first reads of the pending list come up short and read further.
    const rows: StoredItem[] = Array.from({ length: 2000 }, (_, i) => ({
      contentHash: `hash-${String((i * 7919) % 2000).padStart(6, "0")}`,
      platform: "x",
      status: i >= 1700 ? "approved" : "pending",
      capturedAt: 10_000 + i,
      updatedAt: 10_000 + i,
      item: makeItem({ id: `item-${i}`, text: `Post ${i} #tag${i % 20}` }),
    }));
    await addItems(db, rows);
    const newest = (keep: (i: number) => boolean, count: number) =>
      Array.from({ length: 1700 }, (_, i) => 1699 - i)
        .filter(keep)
        .slice(0, count)
        .map((i) => `item-${i}`);
    const idsOf = (found: Awaited<ReturnType<typeof loadReviewRows>>) =>
      found.map((row) => (row.kind === "item" ? row.stored.item.id : row.key));
    const pending = { status: "pending" as const, ...ALL_ITEMS };
    const startsTag1 = (i: number) => i % 20 === 1 || (i % 20 >= 10 && i % 20 <= 19);

    expect(idsOf(await loadReviewRows(db, { ...pending, search: "tag1" }, 40))).toEqual(newest(startsTag1, 40));
    expect(idsOf(await loadReviewRows(db, { ...pending, search: "tag" }, 40))).toEqual(newest(() => true, 40));
    expect(idsOf(await loadReviewRows(db, { ...pending, search: "post tag1" }, 40))).toEqual(newest(startsTag1, 40));
    expect((await matchingKeys(db, { ...pending, search: "tag1" })).length).toBe(newest(startsTag1, 2000).length);
    const approved = await loadReviewRows(db, { status: "approved", ...ALL_ITEMS, search: "tag1" }, 1000);
    expect(approved).toHaveLength(Array.from({ length: 300 }, (_, i) => 1700 + i).filter(startsTag1).length);
  });
});
