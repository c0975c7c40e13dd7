// fake-indexeddb first: the modules under test load Dexie, which looks for IndexedDB as it loads.
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { previewNextBatch } from "../../../extension/review/next-batch-preview";
import { applyReviewAction, undoReviewAction } from "../../../extension/review/review-actions";
import {
  ALL_ITEMS,
  countReviewRows,
  loadReviewRows,
  matchingKeys,
  type ReviewFilter,
} from "../../../extension/review/review-query";
import { settingsSchema } from "../../../extension/settings";
import { deleteLocalData, exportLocalData } from "../../../extension/settings-page/local-data";
import type { StoredItem, TributaryDatabase } from "../../../extension/storage/database";
import {
  applyDecisions,
  countByStatusDecided,
  DECISION_CHUNK,
  decisionsInFlight,
} from "../../../extension/storage/decisions";
import { addCounterChange, countByStatus, counterRows } from "../../../extension/storage/item-counters";
import { addItems } from "../../../extension/storage/item-parts";
import { formBatches } from "../../../extension/upload/form-batches";
import { freshDeviceDatabase } from "../../helpers/device-database";
import { makeItem } from "../../helpers/items";

let db: TributaryDatabase;
afterEach(async () => db?.delete());

const BULK = 3 * DECISION_CHUNK + 17;

/** `count` pending items captured at 0, 1, 2…; the even ones name the harbour. */
async function seed(count: number): Promise<void> {
  const rows: StoredItem[] = Array.from({ length: count }, (_, i) => ({
    contentHash: `hash-${String(i).padStart(6, "0")}`,
    platform: "x",
    status: "pending",
    capturedAt: i,
    updatedAt: i,
    item: makeItem({ id: `item-${i}`, text: `Post ${i} near the ${i % 2 === 0 ? "harbour" : "square"}` }),
  }));
  await addItems(db, rows);
}

const pending: ReviewFilter = { status: "pending", ...ALL_ITEMS };
const approved: ReviewFilter = { status: "approved", ...ALL_ITEMS };
const harbour: ReviewFilter = { ...pending, search: "harbour" };

/** The counters recounted from the records: what they must equal once everything is applied. */
async function recount(): Promise<Record<string, number>> {
  const tally = new Map<string, number>();
  for (const record of await db.items.toArray()) addCounterChange(tally, undefined, record);
  const counts: Record<string, number> = {};
  for (const row of counterRows(tally)) if (row.key[0] === "status") counts[row.key[1]] = row.count;
  return counts;
}

describe("bulk decisions recorded at once and applied afterwards", () => {
  it("show in every count and list at once, and reach every record when applied", async () => {
    db = freshDeviceDatabase();
    await seed(2 * BULK);
    const keys = await matchingKeys(db, harbour);
    expect(keys).toHaveLength(BULK);

    const record = await applyReviewAction(db, keys, "approve", 50_000, "pending");
    expect(record).toMatchObject({ count: BULK, decision: expect.any(String) });
    // Recorded, not applied: no record changed, four rows of keys wait.
    expect(
      await db.items.where("[status+capturedAt]").between(["approved", -Infinity], ["approved", Infinity]).count(),
    ).toBe(0);
    expect(await db.decisions.count()).toBe(4);
    expect((await decisionsInFlight(db)).total).toBe(BULK);
    // What the user sees already takes it into account.
    expect(await countByStatusDecided(db)).toMatchObject({ pending: BULK, approved: BULK });
    expect(await matchingKeys(db, harbour)).toEqual([]);
    expect(await loadReviewRows(db, harbour, 100)).toEqual([]);
    const listed = await loadReviewRows(db, pending, 100);
    expect(listed).toHaveLength(100);
    expect(listed.every((row) => Number(row.key.slice(5)) % 2 === 1)).toBe(true);
    expect(await matchingKeys(db, pending)).toHaveLength(BULK);
    expect(await countReviewRows(db, { ...pending, platform: "x" })).toBeUndefined();

    expect(await applyDecisions(db)).toBe(4);
    expect(await db.decisions.count()).toBe(0);
    for (const row of await db.items.bulkGet(keys))
      expect(row).toMatchObject({ status: "approved", updatedAt: 50_000 });
    expect(await countByStatus(db.counters)).toMatchObject({ pending: BULK, approved: BULK });
    expect(await countByStatus(db.counters)).toMatchObject(await recount());
    expect(await countReviewRows(db, { ...pending, platform: "x" })).toBe(BULK);
    expect((await loadReviewRows(db, approved, 5)).map((row) => row.key)).toEqual(keys.slice(0, 5));
    // Applying again changes nothing.
    expect(await applyDecisions(db)).toBe(0);
    expect(await countByStatus(db.counters)).toMatchObject(await recount());
  });

  it("leave alone a record that moved on before it was applied, and apply once when drained twice at once", async () => {
    db = freshDeviceDatabase();
    await seed(BULK);
    const keys = (await db.items.toCollection().primaryKeys()) as string[];
    await applyReviewAction(db, keys, "reject", 50_000, "pending");
    // Meanwhile: one item approved directly, one deleted.
    await applyReviewAction(db, [keys[3]!], "approve", 60_000);
    await applyReviewAction(db, [keys[4]!], "delete");

    const drained = await Promise.all([applyDecisions(db), applyDecisions(db)]);
    expect(drained[0]! + drained[1]!).toBe(Math.ceil(BULK / DECISION_CHUNK));
    expect(await db.items.get(keys[3]!)).toMatchObject({ status: "approved", updatedAt: 60_000 });
    expect(await db.items.get(keys[4]!)).toBeUndefined();
    expect(await countByStatus(db.counters)).toMatchObject({ pending: 0, approved: 1, rejected: BULK - 2 });
    expect(await countByStatus(db.counters)).toMatchObject(await recount());
  });

  it("undo before they are applied drops them; undo after puts every record back as it was", async () => {
    db = freshDeviceDatabase();
    await seed(BULK);
    const keys = (await db.items.toCollection().primaryKeys()) as string[];

    const early = await applyReviewAction(db, keys, "approve", 50_000, "pending");
    await undoReviewAction(db, early);
    expect(await db.decisions.count()).toBe(0);
    expect(await applyDecisions(db)).toBe(0);
    expect(await countByStatusDecided(db)).toMatchObject({ pending: BULK, approved: 0 });

    const late = await applyReviewAction(db, keys, "approve", 60_000, "pending");
    await applyDecisions(db);
    // One item moved on after the decision was applied: undo leaves it where it is.
    await applyReviewAction(db, [keys[0]!], "reject", 70_000);
    await undoReviewAction(db, late);
    expect(await db.items.get(keys[0]!)).toMatchObject({ status: "rejected", updatedAt: 70_000 });
    const back = await db.items.bulkGet(keys.slice(1));
    expect(back.every((row, i) => row?.status === "pending" && row.updatedAt === i + 1)).toBe(true);
    expect(await countByStatus(db.counters)).toMatchObject({ pending: BULK - 1, rejected: 1, approved: 0 });
    expect(await db.appliedDecisions.count()).toBe(0);
  });

  it("are applied before anything leaves or is exported, and deleted with everything else", async () => {
    db = freshDeviceDatabase();
    await seed(BULK);
    const keys = (await db.items.toCollection().primaryKeys()) as string[];
    await applyReviewAction(db, keys, "approve", 50_000, "pending");
    expect((await previewNextBatch(db)).approved).toBe(BULK);
    expect(await db.decisions.count()).toBe(0);

    await applyReviewAction(db, keys.slice(0, DECISION_CHUNK), "reject", 60_000, "approved");
    const lines = (await (await exportLocalData(db, settingsSchema.parse({}))).text()).trim().split("\n");
    const statuses = lines.map((line) => JSON.parse(line)).filter((row) => row.type === "item");
    expect(statuses.filter((row) => row.status === "rejected")).toHaveLength(DECISION_CHUNK);

    await applyReviewAction(db, keys.slice(DECISION_CHUNK), "reject", 70_000, "approved");
    expect(await formBatches(db, 80_000, () => crypto.randomUUID())).toBe(0);
    await deleteLocalData(db);
    expect(await db.decisions.count()).toBe(0);
    expect(await db.appliedDecisions.count()).toBe(0);
  });

  it("small decisions and deletions are written at once, as before", async () => {
    db = freshDeviceDatabase();
    await seed(DECISION_CHUNK);
    const keys = (await db.items.toCollection().primaryKeys()) as string[];
    const record = await applyReviewAction(db, keys.slice(1), "approve", 50_000, "pending");
    expect(record.decision).toBeUndefined();
    expect(await db.decisions.count()).toBe(0);
    expect(await countByStatus(db.counters)).toMatchObject({ pending: 1, approved: DECISION_CHUNK - 1 });
  });
});
