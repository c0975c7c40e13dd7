// The settings page in real Chromium with the built extension: consent, filter rules (kept and applied by the
// background), payout address, server address, upload schedule, retention, export of all data, delete everything.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page, WebWorker } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ExtensionBrowser, launchWithExtension } from "../harness/browser";
import { readExtensionStorage } from "../harness/extension-storage";
import { closeOnboarding, isChecked, screenshot, sendToBackground, typeInto, waitForTestIdText } from "./pages";
import { putRows, seedItem, seedRow, statusesOf } from "./seed-items";

/** EIP-55's own example address, in its checksummed form. */
const PAYOUT = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

interface StoredSettings {
  captureEnabled: boolean;
  platforms: Record<string, boolean>;
  filters: { keywords: string[]; minTextLength: number; patterns: string[] };
  payoutAddress: string | null;
  serverUrl: string;
  autoUpload: { enabled: boolean; everyMinutes: number };
  retention: { purgeRawAfterDays: number | null; purgeUploadedAfterDays: number | null };
}

describe("the settings page", () => {
  let extension: ExtensionBrowser;
  let worker: WebWorker;
  let page: Page;
  let downloads: string;
  const settings = async () => (await readExtensionStorage(worker, "settings")) as StoredSettings;
  const uploadAlarm = () =>
    worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { alarms: { get(name: string): Promise<unknown> } } }).chrome;
      return ((await api.alarms.get("tributary-upload")) ?? null) as { periodInMinutes?: number } | null;
    });

  beforeAll(async () => {
    downloads = mkdtempSync(join(tmpdir(), "tributary-downloads-"));
    extension = await launchWithExtension();
    worker = await extension.worker();
    await closeOnboarding(extension);
    const session = await extension.browser.target().createCDPSession();
    await session.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: downloads });
    page = await extension.browser.newPage();
    await page.setViewport({ width: 1100, height: 900 });
    await page.goto(extension.extensionUrl("settings.html"));
    await page.waitForSelector('[data-testid="consent-x"]');
  });

  afterAll(async () => {
    await extension?.close();
    rmSync(downloads, { recursive: true, force: true });
  });

  it("keeps capture and platform consent across a reload", async () => {
    await page.click('[data-testid="capture-enabled"]');
    await page.click('[data-testid="consent-x"]');
    await page.click('[data-testid="consent-reddit"]');
    await expect
      .poll(settings)
      .toMatchObject({ captureEnabled: true, platforms: { x: true, reddit: true, bluesky: false } });
    await page.reload();
    await page.waitForSelector('[data-testid="consent-x"]');
    expect(await isChecked(page, '[data-testid="capture-enabled"]')).toBe(true);
    expect(await isChecked(page, '[data-testid="consent-x"]')).toBe(true);
    expect(await isChecked(page, '[data-testid="consent-reddit"]')).toBe(true);
    expect(await isChecked(page, '[data-testid="consent-bluesky"]')).toBe(false);
  });

  it("refuses a broken pattern, keeps filter rules across a reload, and the background applies them", async () => {
    await typeInto(page, '[data-testid="filter-patterns"]', "free (money");
    await page.click('[data-testid="save-filters"]');
    await page.waitForSelector('[data-testid="filters-form"] [role="alert"]');
    expect(await page.$eval('[data-testid="filters-form"] [role="alert"]', (el) => el.textContent)).toContain(
      "free (money",
    );
    expect((await settings()).filters.patterns).toEqual([]);

    await typeInto(page, '[data-testid="filter-patterns"]', "");
    await typeInto(page, '[data-testid="filter-keywords"]', "giveaway\nlottery");
    await typeInto(page, '[data-testid="filter-min-length"]', "12");
    await page.click('[data-testid="save-filters"]');
    await expect
      .poll(async () => (await settings()).filters)
      .toMatchObject({
        keywords: ["giveaway", "lottery"],
        minTextLength: 12,
      });
    await page.reload();
    await page.waitForSelector('[data-testid="filter-keywords"]');
    expect(await page.$eval('[data-testid="filter-keywords"]', (el) => (el as HTMLTextAreaElement).value)).toBe(
      "giveaway\nlottery",
    );
    expect(await page.$eval('[data-testid="filter-min-length"]', (el) => (el as HTMLInputElement).value)).toBe("12");

    // Captured posts go through the real background pipeline: two of the three are dropped by the rules.
    const items = [
      seedItem(1, "A long walk by the river this morning"),
      seedItem(2, "Huge GIVEAWAY today, follow me"),
      seedItem(3, "too short"),
    ];
    const result = await sendToBackground(page, {
      type: "captured-items",
      platform: "x",
      items: items.map((i) => ({ ...i, platform: "x" })),
    });
    expect(result).toMatchObject({ parsed: 3, kept: 1, staged: 1 });
    // Stored as an item when the user pauses, or at once when a page asks.
    expect(await sendToBackground(page, { type: "store-captures" })).toBe(1);
  });

  it("refuses a malformed or mistyped payout address with a message and saves a valid one checksummed", async () => {
    await typeInto(page, '[data-testid="payout-address"]', "0x1234");
    await page.click('[data-testid="save-payout"]');
    await waitForTestIdText(page, "payout-message", /0x followed by 40 hexadecimal/);
    // One letter's case changed: the checksum no longer matches.
    await typeInto(page, '[data-testid="payout-address"]', PAYOUT.replace("aAeb", "aaeb"));
    await page.click('[data-testid="save-payout"]');
    await waitForTestIdText(page, "payout-message", /typo/);
    expect((await settings()).payoutAddress).toBeNull();

    await typeInto(page, '[data-testid="payout-address"]', PAYOUT.toLowerCase());
    await page.click('[data-testid="save-payout"]');
    await waitForTestIdText(page, "payout-message", /^Saved/);
    expect((await settings()).payoutAddress).toBe(PAYOUT);
    expect(await page.$eval('[data-testid="payout-address"]', (el) => (el as HTMLInputElement).value)).toBe(PAYOUT);
  });

  it("refuses a server address that is not one and saves a valid one", async () => {
    const form = '#upload [data-testid="server-url"]';
    await typeInto(page, form, "ingest example org");
    await page.click('#upload [data-testid="save-server-url"]');
    await page.waitForSelector('#upload [data-testid="server-url-message"][role="alert"]');
    expect((await settings()).serverUrl).toBe("http://127.0.0.1:8787");

    await typeInto(page, form, "http://127.0.0.1:9911/");
    await page.click('#upload [data-testid="save-server-url"]');
    await expect.poll(async () => (await settings()).serverUrl).toBe("http://127.0.0.1:9911");
  });

  it("schedules automatic uploads as chosen, and stops them when turned off", async () => {
    await expect.poll(async () => (await uploadAlarm())?.periodInMinutes).toBe(15);
    await page.select('[data-testid="auto-upload-every"]', "60");
    await expect.poll(async () => (await settings()).autoUpload).toEqual({ enabled: true, everyMinutes: 60 });
    await expect.poll(async () => (await uploadAlarm())?.periodInMinutes).toBe(60);

    await page.click('[data-testid="auto-upload"]');
    await expect.poll(async () => (await settings()).autoUpload.enabled).toBe(false);
    await expect.poll(uploadAlarm).toBeNull();
    expect(await page.$eval('[data-testid="auto-upload-every"]', (el) => (el as HTMLSelectElement).disabled)).toBe(
      true,
    );
  });

  it("saves retention periods, and refuses one out of range with a message", async () => {
    await typeInto(page, '[data-testid="purge-raw-days"]', "7");
    await page.keyboard.press("Tab");
    await expect.poll(async () => (await settings()).retention.purgeRawAfterDays).toBe(7);

    await typeInto(page, '[data-testid="purge-uploaded-days"]', "99999");
    await page.keyboard.press("Tab");
    await page.waitForSelector('[data-testid="purge-uploaded-days-error"][role="alert"]');
    expect((await settings()).retention.purgeUploadedAfterDays).toBeNull();
    expect(await page.$eval('[data-testid="purge-uploaded-days"]', (el) => (el as HTMLInputElement).value)).toBe("");

    await typeInto(page, '[data-testid="purge-uploaded-days"]', "90");
    await page.keyboard.press("Tab");
    await expect
      .poll(async () => (await settings()).retention)
      .toEqual({
        purgeRawAfterDays: 7,
        purgeUploadedAfterDays: 90,
      });
    expect(await page.$('[data-testid="purge-uploaded-days-error"]')).toBeNull();
    await screenshot(page, "settings");
  });

  it("exports every item, the settings and the counters as an NDJSON file", async () => {
    const now = Date.now();
    await putRows(
      page,
      Array.from({ length: 40 }, (_, i) => seedRow(seedItem(100 + i), i % 2 === 0 ? "pending" : "approved", now - i)),
    );
    await sendToBackground(page, {
      type: "unparsed-response",
      platform: "x",
      endpoint: "HomeTimeline",
      keys: ["data"],
    });
    await page.click('[data-testid="export-data"]');
    await waitForTestIdText(page, "data-message", "Your export is downloading.");
    const exported = () => readdirSync(downloads).filter((name) => name.endsWith(".ndjson"));
    await expect.poll(exported, { timeout: 15_000 }).toHaveLength(1);
    const file = exported()[0]!;
    expect(file).toMatch(/^tributary-export-\d{4}-\d{2}-\d{2}\.ndjson$/);
    const lines = readFileSync(join(downloads, file), "utf8")
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as { type: string; [key: string]: unknown });
    expect(lines[0]).toMatchObject({ type: "export", app: "tributary", format: 1 });
    expect(lines[1]).toMatchObject({ type: "settings", settings: { payoutAddress: PAYOUT, captureEnabled: true } });
    const items = lines.filter((line) => line.type === "item");
    // The 40 seeded, and the one post the filter rules let through.
    expect(items).toHaveLength(41);
    expect(new Set(items.map((line) => (line.item as { id: string }).id))).toEqual(
      new Set([...Array.from({ length: 40 }, (_, i) => `seed-${100 + i}`), "seed-1"]),
    );
    for (const line of items) expect(line).not.toHaveProperty("words");
    expect(lines.filter((line) => line.type === "unparsed")).toEqual([
      expect.objectContaining({ platform: "x", endpoint: "HomeTimeline", count: 1 }),
    ]);
  });

  it("deletes everything only after confirmation, and resets the settings", async () => {
    await page.click('[data-testid="delete-everything"]');
    await page.waitForSelector("dialog[open]");
    await page.click('[data-testid="cancel-delete"]');
    expect(await page.$("dialog[open]")).toBeNull();
    expect(await statusesOf(page)).toEqual({ pending: 21, approved: 20 });

    await page.click('[data-testid="delete-everything"]');
    await page.waitForSelector("dialog[open]");
    await page.click('[data-testid="confirm-delete"]');
    await waitForTestIdText(page, "data-message", /deleted from this device/);
    expect(await statusesOf(page)).toEqual({});
    const reset = await settings();
    expect(reset).toMatchObject({ captureEnabled: false, payoutAddress: null, serverUrl: "http://127.0.0.1:8787" });
    expect(Object.values(reset.platforms).some(Boolean)).toBe(false);
    expect(reset.filters.keywords).toEqual([]);
    expect(await isChecked(page, '[data-testid="consent-x"]')).toBe(false);
    expect(await isChecked(page, '[data-testid="capture-enabled"]')).toBe(false);
  });
});
