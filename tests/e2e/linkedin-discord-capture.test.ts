// LinkedIn and Discord in real Chromium on their real origins: LinkedIn's first screen and feed are stored; Discord's
// server channel messages are stored and its DMs never, the page's own address deciding through the content script.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adapterForPage, adapterForResponse } from "../../extension/adapters/registry";
import { contentHash } from "../../shared/content-hash";
import { type ExtensionBrowser, launchWithExtension } from "./harness/browser";
import { consentToEverything, storedItems } from "./harness/extension-items";
import { type Route, servePlatform } from "./harness/platform-site";
import { fixture } from "./harness/x-site";

interface Saved {
  url: string;
  pageUrl?: string;
  body: unknown;
}

const saved = (path: string) => JSON.parse(fixture(path)) as Saved;
const context = (pageUrl?: string) => ({ capturedAt: new Date().toISOString(), pageUrl });
const blankPage = '<!doctype html><html><head><meta charset="utf-8"></head><body><div id="app"></div></body></html>';

/**
 * A page script that, in turn, moves to a path (as the app's router does), fetches a URL, or lets the user read for a
 * moment, then marks the page done.
 */
function pageScript(steps: ({ fetch: string } | { go: string } | { read: number })[]): string {
  const code = `(async () => { for (const step of ${JSON.stringify(steps)}) {
    if (step.go) history.pushState({}, "", step.go);
    else if (step.read) await new Promise((done) => setTimeout(done, step.read));
    else await fetch(step.fetch).then((r) => r.text()); }
    document.documentElement.dataset.done = "yes"; })();`;
  return `<script>${code}</script>`;
}

function withScript(html: string, script: string): string {
  return html.includes("</body>") ? html.replace("</body>", `${script}</body>`) : `${html}${script}`;
}

function apiRoute(file: Saved): Route {
  return { match: (url) => url.href === file.url, contentType: "application/json", body: JSON.stringify(file.body) };
}

async function storedHashes(extension: ExtensionBrowser): Promise<Set<string>> {
  return new Set((await storedItems(await extension.worker())).map((row) => row.contentHash));
}

async function expectStored(extension: ExtensionBrowser, wanted: Set<string>): Promise<void> {
  await expect
    .poll(
      async () => {
        const stored = await storedHashes(extension);
        return [...wanted].filter((hash) => !stored.has(hash)).length;
      },
      { timeout: 20_000, interval: 250 },
    )
    .toBe(0);
}

describe("LinkedIn and Discord capture in real Chromium", () => {
  let extension: ExtensionBrowser;
  beforeAll(async () => {
    extension = await launchWithExtension();
    await consentToEverything(await extension.worker(), ["linkedin", "discord"]);
  });
  afterAll(async () => extension?.close());

  it("stores LinkedIn's first screen from the page's code blocks and the feed it fetches", async () => {
    const pageUrl = "https://www.linkedin.com/feed/";
    const html = fixture("linkedin/constructed-feed-page.html");
    const feed = saved("linkedin/constructed-graphql-mainfeed.json");
    const firstScreen = adapterForPage(pageUrl)?.parseEmbedded(pageUrl, html, context()) ?? [];
    const scrolled = adapterForResponse(feed.url)?.parse(feed.url, feed.body, context()) ?? [];
    expect(firstScreen.length).toBeGreaterThan(0);
    expect(scrolled.length).toBeGreaterThan(0);

    const page = await extension.browser.newPage();
    await servePlatform(page, [
      {
        match: (url) => url.href === pageUrl,
        contentType: "text/html",
        body: withScript(html, pageScript([{ fetch: feed.url }])),
      },
      apiRoute(feed),
    ]);
    await page.goto(pageUrl);
    await page.waitForSelector('html[data-done="yes"]', { timeout: 30_000 });
    // Ads are filtered out by default, so the promoted update is the one item not stored.
    const shown = [...firstScreen, ...scrolled].filter((item) => !item.promoted);
    expect(shown.length).toBe(firstScreen.length + scrolled.length - 1);
    await expectStored(extension, new Set(shown.map(contentHash)));
    await page.close();
  });

  it("stores a Discord server channel's messages and never a DM's or a group DM's, even after moving on", async () => {
    const channel = saved("discord/constructed-guild-channel-messages.json");
    const thread = saved("discord/constructed-thread-messages.json");
    const direct = saved("discord/constructed-dm-messages.json");
    const group = saved("discord/constructed-group-dm-messages.json");
    const parse = (file: Saved) =>
      adapterForResponse(file.url)?.parse(file.url, file.body, context(file.pageUrl)) ?? [];
    const wanted = new Set([...parse(channel), ...parse(thread)].map(contentHash));
    expect(wanted.size).toBeGreaterThan(0);
    const directIds = [...(direct.body as { id: string }[]), ...(group.body as { id: string }[])].map((m) => m.id);

    const page = await extension.browser.newPage();
    const pages = [channel.pageUrl as string];
    const script = pageScript([
      { fetch: channel.url },
      { read: 500 },
      { go: new URL(direct.pageUrl as string).pathname },
      { fetch: direct.url },
      { go: new URL(group.pageUrl as string).pathname },
      { fetch: group.url },
      // The client moves to a server thread while the DM answers may still wait to be read.
      { go: new URL(thread.pageUrl as string).pathname },
      { fetch: thread.url },
    ]);
    await servePlatform(page, [
      { match: (url) => pages.includes(url.href), contentType: "text/html", body: withScript(blankPage, script) },
      ...[channel, thread, direct, group].map(apiRoute),
    ]);
    await page.goto(channel.pageUrl as string);
    await page.waitForSelector('html[data-done="yes"]', { timeout: 30_000 });
    await expectStored(extension, wanted);

    const stored = (await storedItems(await extension.worker())).filter((row) => row.platform === "discord");
    expect(stored.length).toBe(wanted.size);
    expect(stored.filter((row) => directIds.includes(row.item.id))).toEqual([]);
    await page.close();
  });
});
