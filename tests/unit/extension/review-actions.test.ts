// fake-indexeddb first: the modules under test load Dexie, which looks for IndexedDB as it loads.
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { applyReviewAction, undoReviewAction } from "../../../extension/review/review-actions";
import { ALL_ITEMS, loadReviewRows, matchingKeys } from "../../../extension/review/review-query";
import type { StoredItem, TributaryDatabase } from "../../../extension/storage/database";
import { countByStatus } from "../../../extension/storage/item-counters";
import { freshDeviceDatabase } from "../../helpers/device-database";
import { makeItem } from "../../helpers/items";

let db: TributaryDatabase;
afterEach(async () => db?.delete());

const WORDS = ["river", "garden", "coffee", "market"];

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
  await db.items.bulkAdd(rows);
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

  it("undoes a bulk deletion with the items' words, so a search finds them again", async () => {
    db = freshDeviceDatabase();
    await seed(300);
    const search = { status: "pending" as const, ...ALL_ITEMS, search: "harb" };
    const keys = await matchingKeys(db, search);
    const record = await applyReviewAction(db, keys, "delete");
    expect(record.count).toBe(30);
    expect(await matchingKeys(db, search)).toEqual([]);
    expect(await db.searchWords.count()).toBe(270);

    await undoReviewAction(db, record);
    expect((await matchingKeys(db, search)).sort()).toEqual([...keys].sort());
    expect(await countByStatus(db.counters)).toMatchObject({ pending: 300 });
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
    await db.items.bulkAdd(rows);
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
});
