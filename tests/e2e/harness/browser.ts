// Launches Debian's Chromium with the built extension loaded for real, and finds the extension's id and worker.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import puppeteer, { type Browser, type WebWorker } from "puppeteer-core";

export const CHROME_EXTENSION_DIR = resolve(".output/chrome-mv3");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface ExtensionBrowser {
  browser: Browser;
  extensionId: string;
  /** The extension's service worker (re-found if Chromium restarted it). */
  worker(): Promise<WebWorker>;
  extensionUrl(path: string): string;
  close(): Promise<void>;
}

/** The flags every test browser runs with, with or without the extension (benchmarks compare the two). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/** The same Chromium with the same flags and no extension: the baseline of the capture benchmark. */
export async function launchWithoutExtension(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), "tributary-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    pipe: true,
    userDataDir,
    args: CHROMIUM_ARGS,
  });
  return {
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function launchWithExtension(): Promise<ExtensionBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), "tributary-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    pipe: true,
    enableExtensions: [CHROME_EXTENSION_DIR],
    userDataDir,
    args: CHROMIUM_ARGS,
  });
  const findWorker = async () => {
    const target = await browser.waitForTarget(
      (t) => t.type() === "service_worker" && t.url().startsWith("chrome-extension://"),
      { timeout: 30_000 },
    );
    const worker = await target.worker();
    if (!worker) throw new Error("the extension's service worker has no worker handle");
    return { target, worker };
  };
  const { target } = await findWorker();
  const extensionId = new URL(target.url()).host;
  return {
    browser,
    extensionId,
    worker: async () => (await findWorker()).worker,
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, "")}`,
    close: async () => {
      await browser.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
