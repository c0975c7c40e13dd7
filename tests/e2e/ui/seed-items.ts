// Puts items straight into the extension's IndexedDB from one of its pages (as the pipeline would have stored them:
// a record and a content per item), with their search words and counters, in chunks; and builds varied items to seed.
import type { Page } from "puppeteer-core";
import type { SearchWordsRow, StoredItem } from "../../../extension/storage/database";
import { searchWordsRow } from "../../../extension/storage/derived-rows";
import { addCounterChange, counterRows } from "../../../extension/storage/item-counters";
import { contentOf, recordOf } from "../../../extension/storage/item-parts";
import { contentHash } from "../../../shared/content-hash";
import { emptyMetrics, type Item, type Platform } from "../../../shared/item";

export interface SeedRow {
  contentHash: string;
  platform: Platform;
  status: string;
  capturedAt: number;
  updatedAt: number;
  item: unknown;
  redactions?: { start: number; end: number; type: string }[];
}

const PLATFORMS: Platform[] = ["x", "reddit", "bluesky", "mastodon"];
const WORDS = ["river", "garden", "coffee", "election", "football", "weather", "music", "recipe", "market", "travel"];

export function seedItem(index: number, text?: string, overrides: Partial<Item> = {}): Item {
  const platform = PLATFORMS[index % PLATFORMS.length]!;
  return {
    platform,
    id: `seed-${index}`,
    url: null,
    kind: index % 7 === 0 ? "reply" : "post",
    text:
      text ?? `Post ${index} about ${WORDS[index % WORDS.length]} and ${WORDS[(index * 3 + 1) % WORDS.length]} today`,
    author: { id: `user_${index % 97}`, handle: `user_${index % 97}`, name: `Person ${index % 97}` },
    createdAt: new Date(Date.UTC(2025, 0, 1) + index * 60_000).toISOString(),
    lang: "en",
    media: [],
    metrics: emptyMetrics,
    promoted: index % 11 === 0,
    originalId: null,
    replyToId: null,
    source: { endpoint: "seed", capturedAt: new Date(Date.UTC(2025, 0, 2)).toISOString() },
    ...overrides,
  };
}

export function seedRow(item: Item, status = "pending", capturedAt = Date.now()): SeedRow {
  return {
    contentHash: contentHash(item),
    platform: item.platform,
    status,
    capturedAt,
    updatedAt: capturedAt,
    item,
  };
}

/**
 * Adds new rows with raw IndexedDB in an extension page whose Dexie already opened (created) the database: each
 * item's record and content, with their search words and the counters the extension keeps (all made here by the
 * extension's own functions), each chunk in one transaction. A row whose key is already stored fails the seeding.
 */
export async function putRows(page: Page, rows: object[], chunk = 20_000): Promise<void> {
  for (let start = 0; start < rows.length; start += chunk) {
    const whole = rows.slice(start, start + chunk) as StoredItem[];
    const tally = new Map<string, number>();
    const words: SearchWordsRow[] = [];
    const items = whole.map(recordOf);
    const contents = whole.map(contentOf);
    for (const record of items) addCounterChange(tally, undefined, record);
    for (const content of contents) {
      const found = searchWordsRow(content.contentHash, content);
      if (found) words.push(found);
    }
    await page.evaluate(
      (batch: {
        items: object[];
        contents: object[];
        words: object[];
        counters: { key: unknown[]; count: number }[];
      }) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open("tributary");
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const stores = ["items", "contents", "searchIndex", "counters"];
            const tx = db.transaction(stores, "readwrite", { durability: "relaxed" });
            for (const row of batch.items) tx.objectStore("items").add(row);
            for (const row of batch.contents) tx.objectStore("contents").add(row);
            for (const row of batch.words) tx.objectStore("searchIndex").put(row);
            const counters = tx.objectStore("counters");
            for (const { key, count } of batch.counters) {
              const read = counters.get(key as IDBValidKey);
              read.onsuccess = () =>
                counters.put({ key, count: ((read.result as { count?: number })?.count ?? 0) + count });
            }
            tx.oncomplete = () => {
              db.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      { items, contents, words, counters: counterRows(tally) },
    );
  }
}

/** Rows of the items table by status, read in an extension page. */
export async function statusesOf(page: Page): Promise<Record<string, number>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const open = indexedDB.open("tributary");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const read = db.transaction("items").objectStore("items").getAll();
          read.onsuccess = () => {
            const counts: Record<string, number> = {};
            for (const row of read.result as { status: string }[]) counts[row.status] = (counts[row.status] ?? 0) + 1;
            db.close();
            resolve(counts);
          };
          read.onerror = () => reject(read.error);
        };
      }),
  );
}
