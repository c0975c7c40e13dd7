// The review page in real Chromium with the built extension: decisions, bulk, undo, search, keyboard, what will be
// sent, damaged rows, and captured markup shown as text.
import { mkdirSync } from "node:fs";
import type { Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { batchRequestSchema } from "../../../shared/batch";
import { type ExtensionBrowser, launchWithExtension } from "../harness/browser";
import { consentToEverything } from "../harness/extension-items";
import { closeOnboarding, sendToBackground } from "./pages";
import { putRows, seedItem, seedRow, statusesOf } from "./seed-items";

const HOSTILE = 'Look <img src=x onerror=alert(1)> and <script>alert("boom")</script> ok';
const NOW = Date.now();

async function textOf(page: Page, testId: string): Promise<string> {
  return page.$eval(`[data-testid="${testId}"]`, (el) => el.textContent?.trim() ?? "");
}
async function waitForText(page: Page, testId: string, expected: string): Promise<void> {
  await page
    .waitForFunction(
      (id, text) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() === text,
      { timeout: 15_000 },
      testId,
      expected,
    )
    .catch(async () => {
      const actual = await page.$eval(`[data-testid="${testId}"]`, (el) => el.textContent).catch(() => "(absent)");
      throw new Error(`${testId}: expected "${expected}", shows "${actual}"`);
    });
}
async function visibleTexts(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid="item-text"]', (els) => els.map((el) => el.textContent ?? ""));
}

describe("the review page", () => {
  let extension: ExtensionBrowser;
  let page: Page;
  const dialogs: string[] = [];
  const outside: string[] = [];
  const requested: string[] = [];

  beforeAll(async () => {
    mkdirSync("tests/artifacts", { recursive: true });
    extension = await launchWithExtension();
    // The onboarding tab opens on install; closed, so the review page is the tab in front and gets input.
    await closeOnboarding(extension);
    page = await extension.browser.newPage();
    await page.setViewport({ width: 1280, height: 820 });
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on("request", (request) => {
      requested.push(request.url());
      // data: URLs are the browser's own date-picker icons; anything else would have left the extension.
      if (!/^(chrome-extension|data):/.test(request.url())) outside.push(request.url());
    });
    await page.goto(extension.extensionUrl("review.html"));
    await page.waitForSelector('[data-testid="empty"]');
    const rows: object[] = [];
    for (let i = 0; i < 300; i++) {
      const text = i === 5 ? HOSTILE : i === 2 ? "Write to [EMAIL] or call [PHONE] about the garden" : undefined;
      const row = seedRow(seedItem(i, text), "pending", NOW - i * 1000);
      if (i === 2)
        row.redactions = [
          { start: 9, end: 16, type: "EMAIL" },
          { start: 25, end: 32, type: "PHONE" },
        ];
      rows.push(row);
    }
    rows.push({
      contentHash: "damaged-row",
      status: "pending",
      capturedAt: NOW + 5000,
      updatedAt: NOW,
      item: { text: 7 },
    });
    await putRows(page, rows);
    await page.reload();
    await waitForText(page, "tab-pending", "To review (301)");
  });

  afterAll(async () => {
    await extension?.close();
  });

  it("shows captured markup as text and never runs it or fetches it", async () => {
    const texts = await visibleTexts(page);
    expect(texts).toContain(HOSTILE);
    expect(await page.$$eval(".item-row img, .item-row script, .detail img", (els) => els.length)).toBe(0);
    expect(dialogs).toEqual([]);
    expect(outside).toEqual([]);
  });

  it("lists a damaged row as such and deletes it on request", async () => {
    await page.waitForSelector('[data-testid="damaged-item"]');
    await page.click('[data-testid="delete-damaged"]');
    await waitForText(page, "tab-pending", "To review (300)");
    // The tab counts (a few counter rows) can show the change a moment before the list does.
    await page.waitForSelector('[data-testid="damaged-item"]', { hidden: true, timeout: 5000 });
    expect(await page.$('[data-testid="damaged-item"]')).toBeNull();
  });

  it("highlights redactions by type in the focused item", async () => {
    await page.click('[data-item-id="seed-2"]');
    await page.waitForSelector('[data-testid="detail-text"] mark[data-redaction="EMAIL"]');
    const marks = await page.$$eval('[data-testid="detail-text"] mark', (els) =>
      els.map((el) => [el.getAttribute("data-redaction"), el.textContent]),
    );
    expect(marks).toEqual([
      ["EMAIL", "[EMAIL]"],
      ["PHONE", "[PHONE]"],
    ]);
    await page.screenshot({ path: "tests/artifacts/review.png" });
  });

  it("redacts a selected word, then checks the edited text with the detector it loads only then", async () => {
    // The detector is most of the page's code: the page showed its rows without it, and loads it for a check.
    const detector = /\/chunks\/redaction-[^/]*\.js$/;
    expect(requested.some((url) => detector.test(url))).toBe(false);
    await page.click('[data-item-id="seed-2"]');
    await page.waitForSelector('[data-testid="detail-text"]');
    await page.evaluate(() => {
      const root = document.querySelector('[data-testid="detail-text"]')!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf("garden") ?? -1;
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + "garden".length);
        getSelection()?.removeAllRanges();
        getSelection()?.addRange(range);
        return;
      }
      throw new Error("the detail shows no 'garden'");
    });
    await page.select('[data-testid="redact-type"]', "PERSON");
    await page.click('[data-testid="redact-selection"]');
    await page.waitForSelector('[data-testid="detail-text"] mark[data-redaction="PERSON"]');
    expect(await textOf(page, "detail-text")).toBe("Write to [EMAIL] or call [PHONE] about the [PERSON]");
    await expect.poll(() => requested.some((url) => detector.test(url)), { timeout: 15_000 }).toBe(true);
  });

  it("approves and rejects with the keyboard, and undoes the last decision", async () => {
    await page.click('[data-item-id="seed-0"]');
    await page.keyboard.press("a");
    await waitForText(page, "tab-approved", "Approved (1)");
    await page.keyboard.press("r");
    await waitForText(page, "tab-rejected", "Rejected (1)");
    await page.click('[data-testid="undo"]');
    await waitForText(page, "tab-rejected", "Rejected (0)");
    await waitForText(page, "tab-pending", "To review (299)");
    expect(await statusesOf(page)).toEqual({ pending: 299, approved: 1 });
  });

  it("finds items by word through the search box", async () => {
    await page.keyboard.press("/");
    await page.keyboard.type("coffee");
    await page.waitForFunction(
      () => {
        const texts = [...document.querySelectorAll('[data-testid="item-text"]')].map((el) => el.textContent ?? "");
        return texts.length > 0 && texts.every((text) => text.toLowerCase().includes("coffee"));
      },
      { timeout: 15_000 },
    );
    // "N+ matches" while the matches are counted, then the count.
    await page.waitForFunction(
      () => /^\d+ matches$/.test(document.querySelector('[data-testid="matching-count"]')?.textContent ?? ""),
      { timeout: 15_000 },
    );
    const texts = await visibleTexts(page);
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text.toLowerCase()).toContain("coffee");
  });

  it("selects everything matching a search, approves it in one go, and undoes it", async () => {
    await page.click('[data-testid="select-all"]');
    await page.waitForSelector('[data-testid="selected-count"]');
    const selected = Number((await textOf(page, "selected-count")).replace(/\D/g, ""));
    // Items 0..299 whose text names coffee: WORDS[i % 10] or WORDS[(3i + 1) % 10] is "coffee" (index 2), minus the
    // two replaced texts (2 and 5) and the one already approved (0 does not mention coffee).
    const expected = Array.from({ length: 300 }, (_, i) => i).filter(
      (i) => i !== 2 && i !== 5 && (i % 10 === 2 || (i * 3 + 1) % 10 === 2),
    ).length;
    expect(selected).toBe(expected);
    await page.click('[data-testid="approve-selected"]');
    await waitForText(page, "tab-approved", `Approved (${expected + 1})`);
    await page.click('[data-testid="undo"]');
    await waitForText(page, "tab-approved", "Approved (1)");
  });

  it("selects a range with shift-click and rejects it", async () => {
    await page.$eval('[data-testid="search"]', (el) => (el as HTMLInputElement).blur());
    await page.click('[data-testid="search"]', { count: 3 });
    await page.keyboard.press("Backspace");
    await page.waitForSelector('[data-item-id="seed-1"]');
    // Newest first, seed-0 being approved: seed-1 … seed-5 are the first five rows.
    const box = (n: number) => `[data-item-id="seed-${n}"] input[type="checkbox"]`;
    await page.click(box(1));
    await page.keyboard.down("Shift");
    await page.click(box(5));
    await page.keyboard.up("Shift");
    await waitForText(page, "selected-count", "5 selected");
    await page.click('[data-testid="reject-selected"]');
    await waitForText(page, "tab-rejected", "Rejected (5)");
  });

  it("shows exactly the body of the next batch, its size and count", async () => {
    await page.click('[data-testid="approve-all"]');
    await waitForText(page, "tab-approved", "Approved (295)");
    await page.click('[data-testid="what-will-be-sent"]');
    await page.waitForSelector('[data-testid="next-batch-json"]');
    const body = await textOf(page, "next-batch-json");
    const parsed = batchRequestSchema.parse(JSON.parse(body));
    expect(parsed.items).toHaveLength(100);
    const bytes = await page.$eval('[data-testid="next-batch-bytes"]', (el) => Number(el.getAttribute("data-bytes")));
    expect(bytes).toBe(Buffer.byteLength(body));
    expect(await textOf(page, "next-batch-count")).toContain("100 items");
    await page.screenshot({ path: "tests/artifacts/review-next-batch.png" });
    await page.keyboard.press("Escape");
  });

  it("keeps only what is visible in the page while listing thousands of items", async () => {
    const many: object[] = [];
    for (let i = 1000; i < 6000; i++) many.push(seedRow(seedItem(i), "pending", NOW - i * 1000));
    await putRows(page, many);
    // Written beside Dexie, so the page learns of them on reload.
    await page.reload();
    await waitForText(page, "tab-pending", "To review (5000)");
    const rendered = await page.$$eval('[data-testid="item"]', (els) => els.length);
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    expect(await page.$eval('[data-testid="items"]', (el) => el.getAttribute("data-count"))).toBe("5000");
  });

  it("approves thousands at once: counted at once, written to every item by the background, and undone", async () => {
    expect(await statusesOf(page)).toEqual({ pending: 5000, approved: 295, rejected: 5 });
    await page.click('[data-testid="approve-all"]');
    await waitForText(page, "tab-approved", "Approved (5295)");
    await waitForText(page, "tab-pending", "To review (0)");
    // The background writes the decision to each item (the page says so meanwhile), then the records tell the same.
    await page.waitForFunction(() => document.querySelector('[data-testid="applying-decisions"]') === null, {
      timeout: 60_000,
    });
    expect(await statusesOf(page)).toEqual({ approved: 5295, rejected: 5 });
    await page.click('[data-testid="undo"]');
    await waitForText(page, "tab-pending", "To review (5000)");
    expect(await statusesOf(page)).toEqual({ pending: 5000, approved: 295, rejected: 5 });
  });

  it("says so while posts captured moments ago are still being added, then lists them", async () => {
    await consentToEverything(await extension.worker(), ["x"]);
    const fresh = [seedItem(9001, "A heron on the quay this morning"), seedItem(9002, "Low tide at the harbour")].map(
      (item) => ({ ...item, platform: "x" }),
    );
    // As a tab sends them while the user browses: staged at once, stored once browsing pauses.
    expect(await sendToBackground(page, { type: "captured-items", platform: "x", items: fresh })).toMatchObject({
      staged: 2,
    });
    await waitForText(page, "storing-captures", "Adding 2 posts captured moments ago…");
    await page.waitForFunction(() => document.querySelector('[data-testid="storing-captures"]') === null, {
      timeout: 15_000,
    });
    await waitForText(page, "tab-pending", "To review (5002)");
  });
});
