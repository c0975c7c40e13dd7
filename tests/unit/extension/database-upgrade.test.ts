// fake-indexeddb first: the modules under test load Dexie, which looks for IndexedDB as it loads.
import "fake-indexeddb/auto";
import { Dexie } from "dexie";
import { afterEach, describe, expect, it } from "vitest";
import { applyReviewAction } from "../../../extension/review/review-actions";
import { ALL_ITEMS, loadReviewRows } from "../../../extension/review/review-query";
import { itemSearchWords, searchKeys } from "../../../extension/review/search-words";
import { openTributaryDatabase, type TributaryDatabase } from "../../../extension/storage/database";
import { countByStatus } from "../../../extension/storage/item-counters";
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
  const old = new Dexie(NAME);
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
    expect((await db.items.get(contentHash(items[0]!)))?.rawText).toBe("raw 0");
    expect(await db.batches.count()).toBe(1);
    expect(await db.searchWords.get(contentHash(items[2]!))).toEqual({
      contentHash: contentHash(items[2]!),
      words: itemSearchWords(items[2]!),
      keys: searchKeys(itemSearchWords(items[2]!), 1002, contentHash(items[2]!)),
    });
    expect(await countByStatus(db.counters)).toMatchObject({ pending: 3, approved: 1, uploaded: 0 });

    const found = await loadReviewRows(db, { status: "pending", ...ALL_ITEMS, search: "river" }, 100);
    expect(found.map((row) => row.key)).toEqual([contentHash(items[0]!)]);

    await applyReviewAction(db, [contentHash(items[0]!)], "approve", 2000);
    expect(await countByStatus(db.counters)).toMatchObject({ pending: 2, approved: 2 });
  });
});
