// Reads what the extension stored, straight from its IndexedDB, inside its service worker: each item is a record
// in `items` and a content in `contents`, under the same contentHash.
import type { WebWorker } from "puppeteer-core";

export interface StoredRow {
  contentHash: string;
  platform: string;
  status: string;
  item: { id: string; platform: string };
}

/** Every stored item: its record (`items`) with its content's `item` (`contents`; absent when the content is). */
export async function storedItems(worker: WebWorker): Promise<StoredRow[]> {
  return worker.evaluate(
    () =>
      new Promise<StoredRow[]>((resolve, reject) => {
        const open = indexedDB.open("tributary");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains("items") || !db.objectStoreNames.contains("contents")) {
            db.close();
            resolve([]);
            return;
          }
          const tx = db.transaction(["items", "contents"]);
          const records = tx.objectStore("items").getAll();
          const contents = tx.objectStore("contents").getAll();
          tx.oncomplete = () => {
            db.close();
            const items = new Map(
              (contents.result as { contentHash: string; item: StoredRow["item"] }[]).map((content) => [
                content.contentHash,
                content.item,
              ]),
            );
            resolve(
              (records.result as Omit<StoredRow, "item">[]).map(
                (record) => ({ ...record, item: items.get(record.contentHash) }) as StoredRow,
              ),
            );
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** Turns capture on for every platform, as a user would in the popup. */
export async function consentToEverything(worker: WebWorker, platforms: readonly string[]): Promise<void> {
  await worker.evaluate(async (names: string[]) => {
    const api = (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome;
    await api.storage.local.set({
      settings: { captureEnabled: true, platforms: Object.fromEntries(names.map((name) => [name, true])) },
    });
  }, platforms as string[]);
}

/** How many captured posts wait in `captures` to be stored as items (the background stores them when browsing pauses). */
export async function stagedPosts(worker: WebWorker): Promise<number> {
  return worker.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open("tributary");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains("captures")) {
            db.close();
            resolve(0);
            return;
          }
          const request = db.transaction("captures").objectStore("captures").getAll();
          request.onsuccess = () => {
            db.close();
            const rows = request.result as { items?: unknown[] }[];
            resolve(rows.reduce((sum, row) => sum + (Array.isArray(row.items) ? row.items.length : 0), 0));
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}
