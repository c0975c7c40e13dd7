import { afterEach, describe, expect, it } from "vitest";
import { stageItems, storeStagedChunk } from "../../../extension/pipeline/staged-captures";
import { settingsSchema } from "../../../extension/settings";
import { deleteLocalData } from "../../../extension/settings-page/local-data";
import type { TributaryDatabase } from "../../../extension/storage/database";
import { oldestStagedAt, stagedPostCount } from "../../../extension/storage/staged-rows";
import type { Item } from "../../../shared/item";
import { freshDeviceDatabase, itemsOn } from "../../helpers/device-database";
import { makeItem } from "../../helpers/items";

const SECRET = new Uint8Array(32).fill(7);
const SETTINGS = settingsSchema.parse({ captureEnabled: true, platforms: { x: true } });
const CAPTURED_AT = Date.parse("2026-12-01T10:00:00Z");

let db: TributaryDatabase;
afterEach(async () => db?.delete());

const stage = (items: Item[], settings = SETTINGS, now = CAPTURED_AT) =>
  stageItems({ type: "captured-items", platform: "x", items }, { db, settings, now });

const storeChunk = (settings = SETTINGS, chunk?: number) =>
  storeStagedChunk(db, { settings, secret: SECRET, now: CAPTURED_AT + 60_000 }, chunk);

async function storeEverything(settings = SETTINGS, chunk?: number): Promise<number> {
  let stored = 0;
  for (;;) {
    const result = await storeChunk(settings, chunk);
    stored += result.stored;
    if (!result.left) return stored;
  }
}

describe("staged captures: kept at once, stored as items later", () => {
  it("keeps a message's posts in one row, after the user's rules, and stores nothing yet", async () => {
    db = freshDeviceDatabase();
    const posts = [makeItem({ id: "1" }), makeItem({ id: "2", promoted: true }), makeItem({ id: "3" })];

    expect(await stage(posts)).toEqual({ parsed: 3, kept: 2, staged: 2 });

    expect(await db.captures.count()).toBe(1);
    expect(await stagedPostCount(db)).toBe(2);
    expect(await oldestStagedAt(db)).toBe(CAPTURED_AT);
    expect(await db.items.count()).toBe(0);
  });

  it("stages nothing while the platform is off, nor a direct message", async () => {
    db = freshDeviceDatabase();
    const off = settingsSchema.parse({ captureEnabled: true, platforms: { reddit: true } });

    expect(await stage([makeItem()], off)).toEqual({ parsed: 1, kept: 0, staged: 0 });
    expect(await stage([makeItem({ kind: "message" })])).toMatchObject({ kept: 0, staged: 0 });
    expect(await db.captures.count()).toBe(0);
  });

  it("stores staged posts redacted, dated when they were captured, and takes them off the staged rows", async () => {
    db = freshDeviceDatabase();
    const post = makeItem({ id: "1", text: "Write to ana@example.org today" });
    await stage([post, makeItem({ id: "2" })]);

    expect(await storeChunk()).toEqual({ taken: 2, stored: 2, left: false });

    const items = await itemsOn(db);
    expect(items.map((row) => row.item.id).sort()).toEqual(["1", "2"]);
    const stored = items.find((row) => row.item.id === "1")!;
    expect(stored.item.text).toBe("Write to [EMAIL] today");
    expect(stored.rawText).toBe(post.text);
    expect(stored.capturedAt).toBe(CAPTURED_AT);
    expect(stored.status).toBe("pending");
    expect(await db.captures.count()).toBe(0);
    expect(await oldestStagedAt(db)).toBeUndefined();
  });

  it("stores a large message a chunk at a time, losing and doubling nothing, oldest message first", async () => {
    db = freshDeviceDatabase();
    const first = Array.from({ length: 45 }, (_, i) => makeItem({ id: `a${i}` }));
    const second = Array.from({ length: 10 }, (_, i) => makeItem({ id: `b${i}` }));
    await stage(first);
    await stage(second, SETTINGS, CAPTURED_AT + 1000);

    expect(await storeChunk(SETTINGS, 20)).toEqual({ taken: 20, stored: 20, left: true });
    expect(await stagedPostCount(db)).toBe(35);
    expect(await oldestStagedAt(db)).toBe(CAPTURED_AT);
    expect(await storeEverything(SETTINGS, 20)).toBe(35);

    const ids = (await itemsOn(db)).map((row) => row.item.id);
    expect(ids).toHaveLength(55);
    expect(new Set(ids)).toEqual(new Set([...first, ...second].map((item) => item.id)));
    expect(await db.captures.count()).toBe(0);
  });

  it("stores a post staged twice once, and leaves a post already on the device as it was", async () => {
    db = freshDeviceDatabase();
    const post = makeItem({ id: "1" });
    await stage([post]);
    await storeEverything();
    const [before] = await itemsOn(db);
    await db.items.update(before!.contentHash, { status: "approved" });

    await stage([post, makeItem({ id: "2" })]);
    await stage([makeItem({ id: "2" })]);
    expect(await storeEverything()).toBe(1);

    const items = await itemsOn(db);
    expect(items).toHaveLength(2);
    expect(items.find((row) => row.item.id === "1")?.status).toBe("approved");
  });

  it("drops staged posts of a platform the user turned off before they were stored", async () => {
    db = freshDeviceDatabase();
    await stage([makeItem({ id: "1" })]);
    const withdrawn = settingsSchema.parse({ captureEnabled: true, platforms: { x: false } });

    expect(await storeChunk(withdrawn)).toEqual({ taken: 1, stored: 0, left: false });
    expect(await db.items.count()).toBe(0);
    expect(await db.captures.count()).toBe(0);
  });

  it("keeps the staged posts when storing them fails: the chunk's transaction stores and removes nothing", async () => {
    db = freshDeviceDatabase();
    await stage([makeItem({ id: "1" }), makeItem({ id: "2" })]);
    // The redaction throws inside the transaction, after the staged row was already taken.
    const failing = Object.defineProperty({ ...SETTINGS }, "keepOwnIdentity", {
      get: () => {
        throw new Error("redaction failed");
      },
    });

    await expect(storeChunk(failing)).rejects.toThrow("redaction failed");
    expect(await db.items.count()).toBe(0);
    expect(await stagedPostCount(db)).toBe(2);
    expect(await storeEverything()).toBe(2);
  });
});

describe("deleting everything", () => {
  it("deletes the staged posts too, so none is stored afterwards", async () => {
    db = freshDeviceDatabase();
    await stage([makeItem({ id: "1", text: "Call me on +44 20 7946 0958" })]);

    await deleteLocalData(db);

    expect(await db.captures.count()).toBe(0);
    expect(await storeEverything()).toBe(0);
    expect(await db.items.count()).toBe(0);
  });
});
