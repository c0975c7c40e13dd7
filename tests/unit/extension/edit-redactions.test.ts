import { afterEach, describe, expect, it } from "vitest";
import { ingestItems } from "../../../extension/pipeline/ingest-capture";
import { redactSelectionInItem, unredactInItem } from "../../../extension/review/edit-redactions";
import { settingsSchema } from "../../../extension/settings";
import type { StoredItem, TributaryDatabase } from "../../../extension/storage/database";
import { contentHash } from "../../../shared/content-hash";
import type { Item } from "../../../shared/item";
import { freshDeviceDatabase, itemsOn } from "../../helpers/device-database";
import { makeItem } from "../../helpers/items";

const SECRET = new Uint8Array(32).fill(5);
const SETTINGS = settingsSchema.parse({ captureEnabled: true, platforms: { x: true } });
const RAW = "Mail jane.doe@example.com about the Lisbon trip, said Rui.";

let db: TributaryDatabase;
afterEach(async () => db?.delete());

async function capture(items: Item[]): Promise<void> {
  await ingestItems(
    { type: "captured-items", platform: "x", items },
    { db, settings: SETTINGS, now: 1000, secret: SECRET },
  );
}

/** The one item stored, its record and content (an edit leaves no content of the old key behind). */
async function onlyRow(): Promise<StoredItem> {
  const rows = await itemsOn(db);
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

function shown(row: StoredItem): string[] {
  return (row.redactions ?? []).map((r) => `${r.type}:${row.item.text.slice(r.start, r.end)}`);
}

describe("editing an item's redactions during review", () => {
  it("redacts a selection with the chosen type and re-keys the row by its new contentHash, keeping its status", async () => {
    db = freshDeviceDatabase();
    await capture([makeItem({ id: "1", text: RAW })]);
    const before = await onlyRow();
    await db.items.update(before.contentHash, { status: "approved" });
    const start = before.item.text.indexOf("Lisbon");

    const saved = await redactSelectionInItem(db, before.contentHash, {
      start,
      end: start + 6,
      type: "STREET_ADDRESS",
    });

    const after = await onlyRow();
    expect(saved).toEqual({ ok: true, contentHash: after.contentHash, residual: [] });
    expect(after.contentHash).toBe(contentHash(after.item));
    expect(after.contentHash).not.toBe(before.contentHash);
    expect(after.status).toBe("approved");
    expect(after.item.text).toContain("the [STREET_ADDRESS] trip");
    expect(shown(after)).toContain("STREET_ADDRESS:[STREET_ADDRESS]");
    expect(after.rawText).toBe(RAW);
  });

  it("absorbs the redactions a selection overlaps into one", async () => {
    db = freshDeviceDatabase();
    await capture([makeItem({ id: "1", text: RAW })]);
    const before = await onlyRow();
    const end = before.item.text.indexOf(" about");

    await redactSelectionInItem(db, before.contentHash, { start: 0, end, type: "PERSON" });

    const after = await onlyRow();
    expect(after.item.text.startsWith("[PERSON] about")).toBe(true);
    const first = after.redactions![0]!;
    expect(RAW.slice(first.rawStart, first.rawEnd)).toBe("Mail jane.doe@example.com");
  });

  it("puts back the original of a redaction the user judges a false positive, and says what the server would still refuse", async () => {
    db = freshDeviceDatabase();
    await capture([makeItem({ id: "1", text: RAW })]);
    const before = await onlyRow();
    const email = before.redactions!.findIndex((r) => r.type === "EMAIL");

    const saved = await unredactInItem(db, before.contentHash, email);

    const after = await onlyRow();
    expect(after.item.text).toContain("Mail jane.doe@example.com about");
    expect(saved).toMatchObject({ ok: true, residual: ["EMAIL"] });
    expect(after.redactions!.map((r) => r.type)).not.toContain("EMAIL");
    for (const r of after.redactions!) expect(after.item.text.slice(r.start, r.end)).toBe(`[${r.type}]`);
  });

  it("refuses to restore once the raw text was purged, changing nothing", async () => {
    db = freshDeviceDatabase();
    await capture([makeItem({ id: "1", text: RAW })]);
    const before = await onlyRow();
    await db.contents.update(before.contentHash, { rawText: undefined });

    const saved = await unredactInItem(db, before.contentHash, 0);

    expect(saved).toEqual({ ok: false, reason: expect.stringContaining("purged") });
    expect((await onlyRow()).item.text).toBe(before.item.text);
  });

  it("refuses bad selections, unknown types and items already queued", async () => {
    db = freshDeviceDatabase();
    await capture([makeItem({ id: "1", text: RAW })]);
    const row = await onlyRow();

    expect((await redactSelectionInItem(db, row.contentHash, { start: 5, end: 5, type: "PERSON" })).ok).toBe(false);
    expect((await redactSelectionInItem(db, row.contentHash, { start: 0, end: 9999, type: "PERSON" })).ok).toBe(false);
    expect((await redactSelectionInItem(db, row.contentHash, { start: 0, end: 3, type: "SECRET" })).ok).toBe(false);
    await db.items.update(row.contentHash, { status: "queued" });
    expect(await unredactInItem(db, row.contentHash, 0)).toEqual({
      ok: false,
      reason: expect.stringContaining("queued"),
    });
    expect(await onlyRow()).toMatchObject({ contentHash: row.contentHash, item: row.item });
  });

  it("does not store an edited post again when it is captured again", async () => {
    db = freshDeviceDatabase();
    const post = makeItem({ id: "1", text: RAW });
    await capture([post]);
    const row = await onlyRow();
    await redactSelectionInItem(db, row.contentHash, { start: 0, end: 4, type: "PERSON" });

    await capture([post]);

    expect((await onlyRow()).item.text.startsWith("[PERSON]")).toBe(true);
  });
});
