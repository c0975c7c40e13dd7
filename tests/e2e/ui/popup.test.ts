// The toolbar popup in real Chromium with the built extension, opened by the browser over a page of x.com: capture
// on/off, today's counts, the toolbar badge, "Review N items", an unreachable server,
// and capture stopping with a clear message when the device has no room left.
import { createServer } from "node:net";
import type { Page, WebWorker } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ExtensionBrowser, launchWithExtension } from "../harness/browser";
import { consentToEverything, stagedPosts, storedItems } from "../harness/extension-items";
import { readExtensionStorage } from "../harness/extension-storage";
import { servePlatform } from "../harness/platform-site";
import { xRoutes } from "../harness/x-site";
import { closeOnboarding, isChecked, screenshot, sendToBackground, waitForTestIdText } from "./pages";
import { seedItem } from "./seed-items";

const FILES = { home: "x/derived-home_timeline.json", userTweets: "x/derived-user_tweets_and_replies-contact.json" };

interface ChromeInWorker {
  action: { getBadgeText(details: object): Promise<string>; openPopup(): Promise<void> };
  storage: { local: { set(value: object): Promise<void> } };
}

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * How many items the extension stored, once two reads in a row agree and nothing waits to be stored (both responses
 * went through the pipeline).
 */
async function settledItemCount(worker: WebWorker): Promise<number> {
  let last = -1;
  for (let attempt = 0; attempt < 50; attempt++) {
    const count = (await storedItems(worker)).length;
    if (count > 0 && count === last && (await stagedPosts(worker)) === 0) return count;
    last = count;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`the captured items never settled (last count ${last})`);
}

describe("the popup", () => {
  let extension: ExtensionBrowser;
  let worker: WebWorker;
  let site: Page;
  let popup: Page;
  let pending = 0;
  const settings = async () =>
    (await readExtensionStorage(worker, "settings")) as {
      captureEnabled: boolean;
      pausedSites: string[];
      captureStoppedReason: string | null;
    };

  beforeAll(async () => {
    extension = await launchWithExtension();
    worker = await extension.worker();
    await closeOnboarding(extension);
    await consentToEverything(worker, ["x"]);
    const port = await closedPort();
    await worker.evaluate(async (serverUrl) => {
      const api = (globalThis as unknown as { chrome: ChromeInWorker }).chrome;
      await api.storage.local.set({ settings: { captureEnabled: true, platforms: { x: true }, serverUrl } });
    }, `http://127.0.0.1:${port}`);

    // The user browses x.com (its timeline from real captured responses) and captures its posts.
    site = await extension.browser.newPage();
    await servePlatform(site, xRoutes(FILES));
    await site.goto("https://x.com/home");
    await site.waitForSelector('body[data-loaded="yes"]', { timeout: 30_000 });
    pending = await settledItemCount(worker);
    expect(pending).toBeGreaterThan(0);
  });

  afterAll(async () => {
    await extension?.close();
  });

  it("opens from the toolbar with today's counts, the pending count on the badge, and how many wait", async () => {
    await site.bringToFront();
    await worker.evaluate(() => (globalThis as unknown as { chrome: ChromeInWorker }).chrome.action.openPopup());
    const target = await extension.browser.waitForTarget((t) => t.url().endsWith("/popup.html"), { timeout: 15_000 });
    // The browser's own popup is not a tab, but is driven as a page all the same.
    const real = await target.asPage();
    await waitForTestIdText(real, "count-pending", String(pending));
    await waitForTestIdText(real, "count-captured-today", String(pending));
    await waitForTestIdText(real, "count-approved", "0");
    await waitForTestIdText(real, "count-uploaded", "0");
    await waitForTestIdText(real, "open-review", `Review ${pending} items`);
    const badge = await worker.evaluate(() =>
      (globalThis as unknown as { chrome: ChromeInWorker }).chrome.action.getBadgeText({}),
    );
    expect(badge).toBe(String(pending));
    await real.close();

    // The rest drives the same page in a tab as wide as the popup (the browser closes its popup on any focus change,
    // and cuts it at 600 px, so a screenshot of it would not show it all).
    popup = await extension.browser.newPage();
    await popup.setViewport({ width: 360, height: 600 });
    await popup.goto(extension.extensionUrl("popup.html"));
    await waitForTestIdText(popup, "count-pending", String(pending));
  });

  it("says plainly that the server cannot be reached, and that items are safe", async () => {
    await popup.waitForSelector('[data-testid="server-unreachable"]', { timeout: 15_000 });
    const text = await popup.$eval('[data-testid="server-unreachable"]', (el) => el.textContent ?? "");
    expect(text).toContain("Server unreachable.");
    expect(text).toContain("Your items stay safe on this device");
    await screenshot(popup, "popup");
  });

  it("turns capture off and on everywhere", async () => {
    const toggle = 'input[aria-label="Capture posts while I browse"]';
    await popup.click(toggle);
    await expect.poll(async () => (await settings()).captureEnabled).toBe(false);
    await waitForTestIdText(popup, "capture-state", "Paused");
    await popup.click(toggle);
    await expect.poll(async () => (await settings()).captureEnabled).toBe(true);
    await waitForTestIdText(popup, "capture-state", "Capturing");
  });

  it("stops capture with a clear message when storage is full, and loses nothing already stored", async () => {
    // The device runs out of room: every IndexedDB write in the background fails as the browser would fail it.
    // (A script string: the test runner's transform must not add helpers the worker does not have.)
    await (await extension.worker()).evaluate(`{
      const store = IDBObjectStore.prototype;
      const saved = { add: store.add, put: store.put };
      globalThis.restoreWrites = () => Object.assign(store, saved);
      const full = () => { throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };
      Object.assign(store, { add: full, put: full });
      "patched";
    }`);
    const fresh = [seedItem(1, "A new post about the harbour"), seedItem(2, "Another one about the tide")].map(
      (item) => ({ ...item, platform: "x" }),
    );
    await sendToBackground(popup, { type: "captured-items", platform: "x", items: fresh });
    await popup.waitForSelector('[data-testid="storage-full"]');
    expect(await popup.$eval('[data-testid="storage-full"]', (el) => el.textContent)).toContain(
      "Nothing already captured was lost.",
    );
    expect(await settings()).toMatchObject({ captureEnabled: false, captureStoppedReason: "storage-full" });
    expect(await isChecked(popup, 'input[aria-label="Capture posts while I browse"]')).toBe(false);
    await screenshot(popup, "popup-storage-full");
    await (await extension.worker()).evaluate("globalThis.restoreWrites(), 'restored'");
    expect(await storedItems(worker)).toHaveLength(pending);

    // With room again, the user turns capture back on: the message goes and new posts are stored.
    await popup.click('input[aria-label="Capture posts while I browse"]');
    await expect.poll(async () => (await settings()).captureStoppedReason).toBeNull();
    expect(await popup.$('[data-testid="storage-full"]')).toBeNull();
    // Kept at once, and stored as items when the user pauses (or now: the popup asks as it opens).
    expect(await sendToBackground(popup, { type: "captured-items", platform: "x", items: fresh })).toMatchObject({
      staged: 2,
    });
    await waitForTestIdText(popup, "count-pending", String(pending + 2));
  });

  it("opens the review page from the Review button", async () => {
    await popup.click('[data-testid="open-review"]');
    const review = await extension.browser.waitForTarget((t) => t.url().endsWith("/review.html"), { timeout: 15_000 });
    const page = await review.page();
    await page!.waitForSelector('[data-testid="tab-pending"]');
    await waitForTestIdText(page!, "tab-pending", `To review (${pending + 2})`);
  });
});
