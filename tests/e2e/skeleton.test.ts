// The whole path once, in real Chromium with the built extension: capture on X → review → signed upload → balance.
import type { Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { xAdapter } from "../../extension/adapters/x";
import { formatAmount } from "../../shared/amounts";
import { batchRequestSchema } from "../../shared/batch";
import { contentHash } from "../../shared/content-hash";
import { itemSchema } from "../../shared/item";
import { type ExtensionBrowser, launchWithExtension } from "./harness/browser";
import { readExtensionStorage } from "./harness/extension-storage";
import { servePlatform } from "./harness/platform-site";
import { type RecordingServer, startRecordingServer } from "./harness/recording-server";
import { fixture, HOME_TIMELINE_URL, USER_TWEETS_URL, xRoutes } from "./harness/x-site";

const FILES = { home: "x/derived-home_timeline.json", userTweets: "x/twscrape-raw_user_tweets_and_replies.json" };

/** What the adapter reads from the same responses: the items the extension must end up with. */
function expectedHashes(): Set<string> {
  const capturedAt = new Date().toISOString();
  const items = [
    ...xAdapter.parse(HOME_TIMELINE_URL, JSON.parse(fixture(FILES.home)), { capturedAt }),
    ...xAdapter.parse(USER_TWEETS_URL, JSON.parse(fixture(FILES.userTweets)), { capturedAt }),
  ];
  return new Set(items.map(contentHash));
}

async function testIdText(page: Page, testId: string): Promise<string> {
  return page.$eval(`[data-testid="${testId}"]`, (el) => el.textContent ?? "");
}

async function waitForTestIdText(page: Page, testId: string, expected: string): Promise<void> {
  await page.waitForFunction(
    (id, text) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() === text,
    { timeout: 30_000 },
    testId,
    expected,
  );
}

describe("capture on X, review, signed upload and credited balance in real Chromium", () => {
  let server: RecordingServer;
  let extension: ExtensionBrowser;

  beforeAll(async () => {
    server = await startRecordingServer();
    extension = await launchWithExtension();
  });

  afterAll(async () => {
    await extension?.close();
    await server?.close();
  });

  it("uploads exactly the approved items, nothing before approval, and shows the credited balance", async () => {
    const expected = expectedHashes();
    expect(expected.size).toBeGreaterThan(20);

    // The user points the extension at the server and turns capture on for X, in the popup.
    const popup = await extension.browser.newPage();
    await popup.goto(extension.extensionUrl("popup.html"));
    await popup.waitForSelector('[data-testid="server-url"]');
    await popup.$eval("details", (el) => {
      (el as HTMLDetailsElement).open = true;
    });
    await popup.$eval('[data-testid="server-url"]', (el) => {
      (el as HTMLInputElement).value = "";
    });
    await popup.type('[data-testid="server-url"]', server.url);
    await popup.click('[data-testid="save-server-url"]');
    await popup.waitForFunction(() => document.body.textContent?.includes("Saved."));
    await popup.click('input[aria-label="Capture posts while I browse"]');
    await popup.click('[data-testid="platform-x"]');
    const worker = await extension.worker();
    await expect
      .poll(() => readExtensionStorage(worker, "settings"))
      .toMatchObject({ captureEnabled: true, platforms: { x: true }, serverUrl: server.url });

    // The user browses x.com: the timeline arrives through fetch, the profile through XHR.
    const site = await extension.browser.newPage();
    await servePlatform(site, xRoutes(FILES));
    await site.goto("https://x.com/home");
    await site.waitForSelector('body[data-loaded="yes"]', { timeout: 30_000 });

    // Every captured post is listed for review.
    const review = await extension.browser.newPage();
    await review.goto(extension.extensionUrl("review.html"));
    await waitForTestIdText(review, "tab-pending", `To review (${expected.size})`);
    const listed = await review.$$eval('[data-testid="item"]', (els) => els.length);
    expect(listed).toBe(Math.min(expected.size, 200));
    expect(await review.$$eval(".pill.promoted", (els) => els.length)).toBeGreaterThan(0);

    // Nothing was sent before approval.
    expect(server.requests.filter((r) => r.method !== "GET")).toEqual([]);
    expect(await server.countRows("items")).toBe(0);

    // The user approves everything and uploads from the popup.
    await review.bringToFront();
    await review.click('[data-testid="approve-all"]');
    await waitForTestIdText(review, "tab-approved", `Approved (${expected.size})`);
    await popup.bringToFront();
    await popup.reload();
    await popup.waitForSelector('[data-testid="upload-now"]');
    await popup.click('[data-testid="upload-now"]');
    await waitForTestIdText(popup, "count-uploaded", String(expected.size));

    // The server stored exactly those items, each a valid wire item, sent in signed batches by this extension.
    const stored = await server.db.query<{ content_hash: string; item: unknown }>(
      "select content_hash, item from items",
    );
    expect(new Set(stored.map((row) => row.content_hash))).toEqual(expected);
    for (const row of stored) expect(itemSchema.safeParse(row.item).success).toBe(true);
    const posts = server.requests.filter((r) => r.method === "POST");
    expect(posts.length).toBeGreaterThan(0);
    expect(await readExtensionStorage(worker, "contributorKey")).toMatch(/^0x[0-9a-f]{64}$/);
    for (const post of posts) {
      expect(post.path).toBe("/v1/batches");
      expect(batchRequestSchema.safeParse(JSON.parse(post.body)).success).toBe(true);
      expect(post.headers["x-tributary-signature"]).toMatch(/^0x[0-9a-f]+$/);
    }

    // The popup shows the balance the ledger credited.
    const address = posts[0]!.headers["x-tributary-address"]!;
    const balance = await server.balanceOf(address);
    expect(BigInt(balance)).toBeGreaterThan(0n);
    await popup.reload();
    await popup.waitForSelector('[data-testid="balance"]', { timeout: 30_000 });
    expect((await testIdText(popup, "balance")).trim()).toBe(`${formatAmount(balance)} TRIB`);
  });
});
