// Typed reads of the extension's own storage from its service worker (the code runs inside the worker).
import type { WebWorker } from "puppeteer-core";

interface ChromeInWorker {
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
}

export async function readExtensionStorage(worker: WebWorker, key: string): Promise<unknown> {
  return worker.evaluate(async (name) => {
    const chromeApi = (globalThis as unknown as { chrome: ChromeInWorker }).chrome;
    return (await chromeApi.storage.local.get(name))[name];
  }, key);
}
