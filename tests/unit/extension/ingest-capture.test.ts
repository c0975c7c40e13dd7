import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { mastodonAdapter } from "../../../extension/adapters/mastodon";
import { ingestItems } from "../../../extension/pipeline/ingest-capture";
import { settingsSchema } from "../../../extension/settings";
import type { TributaryDatabase } from "../../../extension/storage/database";
import type { Item } from "../../../shared/item";
import { freshDeviceDatabase, itemsOn } from "../../helpers/device-database";
import { makeItem } from "../../helpers/items";

const SECRET = new Uint8Array(32).fill(9);
const SETTINGS = settingsSchema.parse({ captureEnabled: true, platforms: { x: true, mastodon: true } });

let db: TributaryDatabase;
afterEach(async () => db?.delete());

function ingest(platform: Item["platform"], items: Item[], settings = SETTINGS) {
  return ingestItems({ type: "captured-items", platform, items }, { db, settings, now: Date.now(), secret: SECRET });
}

type Json = Record<string, unknown>;

describe("capture → filter → redact → store", () => {
  it("stores only redacted items, each with its raw text kept apart and redactions that point at placeholders", async () => {
    db = freshDeviceDatabase();
    const post = makeItem({ id: "1", text: "Ping me: ana@example.org or +351 912 345 678 — @ana_rios" });

    expect(await ingest("x", [post, makeItem({ id: "2" })])).toEqual({ parsed: 2, kept: 2, stored: 2 });

    const stored = (await itemsOn(db)).find((row) => row.item.id === "1");
    expect(stored?.item.text).toMatch(/^Ping me: \[EMAIL\] or \[PHONE\] — @user_[0-9a-f]{12}$/);
    expect(stored?.rawText).toBe(post.text);
    expect(stored?.item.author.handle).toMatch(/^user_/);
    expect(JSON.stringify(stored?.item)).not.toMatch(/ana@example|912 345|ana_rios|someone/);
  });

  it("applies the user's filters on the raw text, before redaction", async () => {
    db = freshDeviceDatabase();
    const settings = { ...SETTINGS, filters: { ...SETTINGS.filters, keywords: ["ana@example.org"] } };

    const result = await ingest("x", [makeItem({ text: "write to ana@example.org" }), makeItem()], settings);

    expect(result).toEqual({ parsed: 2, kept: 1, stored: 1 });
  });

  it("never stores a direct message, nor a Mastodon status that is direct or followers-only, whatever the rules", async () => {
    db = freshDeviceDatabase();
    const { url, body } = JSON.parse(readFileSync("tests/fixtures/mastodon/mastodonpy-home_tl-1.json", "utf8")) as {
      url: string;
      body: Json[];
    };
    const hidden = body.map((status, index) => ({ ...status, visibility: index % 2 === 0 ? "direct" : "private" }));
    const items = mastodonAdapter.parse(url, hidden, { capturedAt: new Date().toISOString() });
    const keepAll = { ...SETTINGS, filters: { ...SETTINGS.filters, dropPromoted: false } };

    expect(mastodonAdapter.parse(url, body, { capturedAt: new Date().toISOString() }).length).toBeGreaterThan(5);
    expect(items).toEqual([]);
    expect(await ingest("x", [makeItem({ kind: "message" })], keepAll)).toMatchObject({ kept: 0, stored: 0 });
    expect(await db.items.count()).toBe(0);
  });
});
