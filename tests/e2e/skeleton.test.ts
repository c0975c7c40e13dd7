// The whole path once, in real Chromium with the built extension: capture on X → redact → review → signed upload →
// balance; a post with an email, a phone number and a mention reaches the server redacted and pseudonymised.
import type { Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { xAdapter } from "../../extension/adapters/x";
import { redactItem } from "../../extension/pipeline/redact-items";
import { formatAmount } from "../../shared/amounts";
import { batchRequestSchema } from "../../shared/batch";
import { contentHash } from "../../shared/content-hash";
import { type Item, itemSchema } from "../../shared/item";
import { type ExtensionBrowser, launchWithExtension } from "./harness/browser";
import { readExtensionStorage } from "./harness/extension-storage";
import { servePlatform } from "./harness/platform-site";
import { type RecordingServer, startRecordingServer } from "./harness/recording-server";
import { fixture, HOME_TIMELINE_URL, USER_TWEETS_URL, xRoutes } from "./harness/x-site";

const FILES = { home: "x/derived-home_timeline.json", userTweets: "x/derived-user_tweets_and_replies-contact.json" };
/** The raw values of the derived contact post (tests/fixtures/x/derive-contact-post.ts). */
const CONTACT = { email: "finder.reward@example.org", phone: "555-0172", mention: "river_keeper" };

/**
 * What the adapter reads from the same responses, in capture order, one item per post (the first copy is kept),
 * without the ad: the default filter rules drop promoted posts.
 */
function capturedPosts(): Item[] {
  const capturedAt = new Date().toISOString();
  const items = [
    ...xAdapter.parse(HOME_TIMELINE_URL, JSON.parse(fixture(FILES.home)), { capturedAt }),
    ...xAdapter.parse(USER_TWEETS_URL, JSON.parse(fixture(FILES.userTweets)), { capturedAt }),
  ];
  const byId = new Map<string, Item>();
  for (const item of items) if (!item.promoted && !byId.has(item.id)) byId.set(item.id, item);
  return [...byId.values()];
}

/** The contentHashes the server must end up with: each post redacted with this install's pseudonym secret. */
function expectedHashes(posts: Item[], secretHex: string): Set<string> {
  const secret = Uint8Array.from(Buffer.from(secretHex, "hex"));
  const settings = { ownHandles: {}, keepOwnIdentity: false };
  return new Set(posts.map((post) => contentHash(redactItem(post, { secret, settings }).item)));
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

  it("uploads exactly the approved items, redacted, nothing before approval, and shows the credited balance", async () => {
    const posts = capturedPosts();
    expect(posts.length).toBeGreaterThan(20);
    expect(posts.some((post) => post.text.includes(CONTACT.email))).toBe(true);

    // The user points the extension at the server and turns capture on for X, in the popup.
    const popup = await extension.browser.newPage();
    await popup.goto(extension.extensionUrl("popup.html"));
    await popup.waitForSelector('[data-testid="server-url"]');
    // The popup asks the default server for the balance as it opens; its answer (none) moves the controls below it,
    // so the user acts once it is in.
    await popup.waitForSelector('[data-testid="server-unreachable"], [data-testid="balance"]', { timeout: 30_000 });
    await popup.$eval("details", (el) => {
      (el as HTMLDetailsElement).open = true;
    });
    await popup.$eval('[data-testid="server-url"]', (el) => {
      (el as HTMLInputElement).value = "";
    });
    await popup.type('[data-testid="server-url"]', server.url);
    await popup.keyboard.press("Enter");
    await popup.waitForFunction(() => document.body.textContent?.includes("Saved."));
    // Then it reads this server's balance (zero so far), and the layout settles again.
    await popup.waitForSelector('[data-testid="balance"]', { timeout: 30_000 });
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
    await waitForTestIdText(review, "tab-pending", `To review (${posts.length})`);
    // The list is windowed (only rows in view are in the page): it reports how many it lists.
    const listed = await review.$eval('[data-testid="items"]', (el) => Number(el.getAttribute("data-count")));
    expect(listed).toBe(posts.length);
    const secretHex = await readExtensionStorage(worker, "pseudonymSecret");
    expect(secretHex).toMatch(/^[0-9a-f]{64}$/);
    const expected = expectedHashes(posts, secretHex as string);
    expect(await review.$$eval(".pill.promoted", (els) => els.length)).toBe(0);

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

    // The contact post arrived redacted and pseudonymised, and its raw values were in no request the browser sent.
    const contactPosts = stored.map((row) => row.item as Item).filter((item) => item.text.includes("blue backpack"));
    expect(contactPosts.length).toBeGreaterThan(0);
    for (const item of contactPosts) {
      expect(item.text).toMatch(/email \[EMAIL\] or call \[PHONE\]\. Thanks @user_[0-9a-f]{12} for sharing!$/);
      expect(item.author.handle).toMatch(/^user_[0-9a-f]{12}$/);
      expect(item.url).toMatch(/^https:\/\/x\.com\/i\/status\/\d+$/);
    }
    for (const request of server.requests) {
      const sent = `${request.path} ${JSON.stringify(request.headers)} ${request.body}`;
      for (const value of Object.values(CONTACT)) expect(sent).not.toContain(value);
    }
    const uploads = server.requests.filter((r) => r.method === "POST");
    expect(uploads.length).toBeGreaterThan(0);
    expect(await readExtensionStorage(worker, "contributorKey")).toMatch(/^0x[0-9a-f]{64}$/);
    for (const post of uploads) {
      expect(post.path).toBe("/v1/batches");
      expect(batchRequestSchema.safeParse(JSON.parse(post.body)).success).toBe(true);
      expect(post.headers["x-tributary-signature"]).toMatch(/^0x[0-9a-f]+$/);
    }

    // The popup shows the balance the ledger credited.
    const address = uploads[0]!.headers["x-tributary-address"]!;
    const balance = await server.balanceOf(address);
    expect(BigInt(balance)).toBeGreaterThan(0n);
    await popup.reload();
    await popup.waitForSelector('[data-testid="balance"]', { timeout: 30_000 });
    expect((await testIdText(popup, "balance")).trim()).toBe(`${formatAmount(balance)} TRIB`);
  });
});
