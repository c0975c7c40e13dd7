// fake-indexeddb first: the modules under test load Dexie, which looks for IndexedDB as it loads.
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { storeItems } from "../../../extension/pipeline/store-items";
import { countToday } from "../../../extension/popup/today-counts";
import { redactSelectionInItem } from "../../../extension/review/edit-redactions";
import {
  applyReviewAction,
  decideAllPending,
  type UndoRecord,
  undoReviewAction,
} from "../../../extension/review/review-actions";
import { deleteLocalData } from "../../../extension/settings-page/local-data";
import {
  ITEM_STATUSES,
  type ItemRecord,
  type SearchWordsRow,
  type TributaryDatabase,
} from "../../../extension/storage/database";
import { searchWordsRow } from "../../../extension/storage/derived-rows";
import { BUCKET_MS, bucketOf, type ItemCounter } from "../../../extension/storage/item-counters";
import { purgeUploaded } from "../../../extension/storage/retention";
import { formBatches } from "../../../extension/upload/form-batches";
import { freshDeviceDatabase, itemsOn } from "../../helpers/device-database";
import { makeItem } from "../../helpers/items";

const DAY = 86_400_000;
let db: TributaryDatabase;
afterEach(async () => db?.delete());

/** A small deterministic generator, so a failing sequence can be replayed. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The counters recomputed from every row, by reading the whole table (what the kept counters must equal). */
async function recount(database: TributaryDatabase): Promise<Map<string, number>> {
  const expected = new Map<string, number>();
  const add = (key: unknown[]) => expected.set(JSON.stringify(key), (expected.get(JSON.stringify(key)) ?? 0) + 1);
  for (const row of await database.items.toArray()) {
    add(["status", row.status]);
    add(["captured", Math.floor(row.capturedAt / BUCKET_MS)]);
    if (row.status === "uploaded") add(["uploaded", Math.floor(row.updatedAt / BUCKET_MS)]);
  }
  return expected;
}

async function kept(database: TributaryDatabase): Promise<Map<string, number>> {
  const rows: ItemCounter[] = await database.counters.toArray();
  return new Map(rows.map((row) => [JSON.stringify(row.key), row.count]));
}

async function expectDerivedRowsExact(database: TributaryDatabase): Promise<void> {
  expect(await kept(database)).toEqual(await recount(database));
  const items = await itemsOn(database);
  const words = await database.searchIndex.toArray();
  expect(new Map(words.map((row) => [row.key, row]))).toEqual(
    new Map(
      items
        .map((row) => searchWordsRow(row.contentHash, row))
        .filter((row): row is SearchWordsRow => row !== undefined)
        .map((row) => [row.key, row] as const),
    ),
  );
}

describe("the item counters and search words", () => {
  it("stay exact through random captures, decisions, undos, edits, batches, uploads and deletions", async () => {
    db = freshDeviceDatabase();
    const random = randomFrom(20_250_105);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
    let now = 10 * DAY;
    let next = 0;
    let undo: UndoRecord | undefined;
    const seen = new Set<string>();
    const keys = async () => (await db.items.toCollection().primaryKeys()) as string[];
    const some = async () => (await keys()).filter(() => random() < 0.3);

    for (let step = 0; step < 120; step++) {
      now += Math.floor(random() * 3 * 3_600_000);
      const operation = pick([
        "store",
        "store",
        "approve",
        "reject",
        "delete",
        "undo",
        "batch",
        "upload",
        "edit",
        "all",
      ]);
      if (operation === "store") {
        const entries = Array.from({ length: 1 + Math.floor(random() * 12) }, () => {
          next++;
          // Some repeats of earlier posts: stored once.
          const id = random() < 0.2 && next > 2 ? `post-${Math.floor(random() * next)}` : `post-${next}`;
          return { item: makeItem({ id, text: `Post ${id} about ${pick(["rivers", "gardens", "coffee"])}` }) };
        });
        await storeItems(db, entries, now);
      } else if (operation === "approve" || operation === "reject" || operation === "delete") {
        undo = await applyReviewAction(db, await some(), operation, now);
      } else if (operation === "undo" && undo) {
        await undoReviewAction(db, undo);
        undo = undefined;
      } else if (operation === "batch") {
        await formBatches(db, now, () => `batch-${step}`);
      } else if (operation === "upload") {
        const queued = await db.items.where("status").equals("queued").primaryKeys();
        await db.items.bulkUpdate(
          queued.map((key) => ({ key, changes: { status: pick(["uploaded", "refused"] as const), updatedAt: now } })),
        );
        await purgeUploaded(db, now, 1);
      } else if (operation === "edit") {
        const pending = await db.items.where("status").equals("pending").first();
        if (pending) await redactSelectionInItem(db, pending.contentHash, { start: 0, end: 4, type: "PERSON" });
      } else if (operation === "all") {
        await decideAllPending(db, pick(["approved", "rejected"] as const));
      }
      await expectDerivedRowsExact(db);
      for (const row of await db.items.toArray()) seen.add(row.status);
    }
    // The sequence went through every status, and left items behind.
    expect([...seen].sort()).toEqual([...ITEM_STATUSES].sort());
    expect(await db.items.count()).toBeGreaterThan(10);

    await deleteLocalData(db);
    expect(await db.counters.count()).toBe(0);
    expect(await db.searchIndex.count()).toBe(0);
  });

  it("count each writer's rows once, even when a transaction writes the same item twice at once", async () => {
    db = freshDeviceDatabase();
    const item = makeItem({ id: "twice" });
    await storeItems(db, [{ item }], 1000);
    const [stored] = await db.items.toArray();
    await db.transaction("rw", db.items, () =>
      Promise.all([
        db.items.put({ ...stored!, status: "approved" }),
        db.items.put({ ...stored!, status: "rejected" }),
        db.items.bulkPut([
          { ...stored!, status: "uploaded", updatedAt: 5 * BUCKET_MS },
          { ...stored!, status: "queued" },
        ]),
      ]),
    );
    await expectDerivedRowsExact(db);
    expect(await kept(db)).toEqual(
      new Map([
        [JSON.stringify(["status", "queued"]), 1],
        [JSON.stringify(["captured", 0]), 1],
      ]),
    );
  });

  it("stay exact when a write follows reads in its transaction, even a read racing another write", async () => {
    db = freshDeviceDatabase();
    await storeItems(db, [{ item: makeItem({ id: "a" }) }, { item: makeItem({ id: "b" }) }], 1000);
    const keys = (await db.items.toCollection().primaryKeys()) as string[];
    await db.transaction("rw", db.items, async () => {
      const first = (await db.items.bulkGet(keys)) as ItemRecord[];
      await Promise.all([
        db.items.bulkPut(first.map((row) => ({ ...row, status: "approved" as const }))),
        db.items.bulkGet(keys),
      ]);
      await db.items.bulkPut(first.map((row) => ({ ...row, status: "rejected" as const })));
      await db.items.delete(keys[0]!);
      const [gone, left] = await db.items.bulkGet(keys);
      expect(gone).toBeUndefined();
      await db.items.bulkPut([{ ...left!, status: "uploaded", updatedAt: 3 * BUCKET_MS }]);
    });
    await expectDerivedRowsExact(db);
    expect(await kept(db)).toEqual(
      new Map([
        [JSON.stringify(["status", "uploaded"]), 1],
        [JSON.stringify(["captured", 0]), 1],
        [JSON.stringify(["uploaded", 3]), 1],
      ]),
    );
  });

  it("leave the counters and words as they were when a transaction fails", async () => {
    db = freshDeviceDatabase();
    await storeItems(db, [{ item: makeItem({ id: "a" }) }, { item: makeItem({ id: "b" }) }], 1000);
    const before = await kept(db);
    const failing = db.transaction("rw", db.items, async () => {
      await db.items.toCollection().modify({ status: "approved" });
      throw new Error("the service worker stopped");
    });
    await expect(failing).rejects.toThrow("the service worker stopped");
    expect(await kept(db)).toEqual(before);
    await expectDerivedRowsExact(db);
  });

  it("count a damaged row where its fields allow", async () => {
    db = freshDeviceDatabase();
    await db.items.bulkPut([
      { contentHash: "damaged", status: "pending", capturedAt: 2 * BUCKET_MS } as unknown as ItemRecord,
      { contentHash: "worse", status: "lost" } as unknown as ItemRecord,
    ]);
    expect(await kept(db)).toEqual(
      new Map([
        [JSON.stringify(["status", "pending"]), 1],
        [JSON.stringify(["captured", 2]), 1],
      ]),
    );
    await db.items.bulkDelete(["damaged", "worse"]);
    expect(await db.counters.count()).toBe(0);
  });
});

describe("the popup's counts", () => {
  it("are today's captures and uploads, and every status, from the counters", async () => {
    db = freshDeviceDatabase();
    const midnight = new Date(2025, 4, 6).getTime();
    const evening = midnight - 2 * 3_600_000;
    await storeItems(db, [{ item: makeItem({ id: "yesterday" }) }], evening);
    await storeItems(db, [{ item: makeItem({ id: "today-1" }) }, { item: makeItem({ id: "today-2" }) }], midnight);
    const all = (await db.items.toCollection().primaryKeys()) as string[];
    await db.items.bulkUpdate(
      all.map((key, i) => ({
        key,
        changes: { status: "uploaded" as const, updatedAt: i === 0 ? evening : midnight + 60_000 },
      })),
    );
    const counts = await countToday(db, new Date(midnight + 3_600_000));
    expect(counts.capturedToday).toBe(2);
    expect(counts.uploadedToday).toBe(2);
    expect(counts.totals).toEqual(Object.fromEntries(ITEM_STATUSES.map((s) => [s, s === "uploaded" ? 3 : 0])));
    expect(bucketOf(midnight) * BUCKET_MS).toBe(midnight);
  });
});
