// Reads what the extension stored, straight from its IndexedDB, inside its service worker.
import type { WebWorker } from "puppeteer-core";

export interface StoredRow {
  contentHash: string;
  platform: string;
  status: string;
  item: { id: string; platform: string };
}

export async function storedItems(worker: WebWorker): Promise<StoredRow[]> {
  return worker.evaluate(
    () =>
      new Promise<StoredRow[]>((resolve, reject) => {
        const open = indexedDB.open("tributary");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains("items")) {
            db.close();
            resolve([]);
            return;
          }
          const read = db.transaction("items").objectStore("items").getAll();
          read.onsuccess = () => {
            db.close();
            resolve(read.result as StoredRow[]);
          };
          read.onerror = () => reject(read.error);
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
