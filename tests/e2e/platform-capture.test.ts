// Each platform's first screen and a scrolled API response, captured in real Chromium on the platform's real origin
// through request interception. The first screen is what the platform's server puts in the page (X, Reddit, YouTube,
// TikTok, Bluesky's post pages), or, where the page embeds no posts we may keep (Mastodon's web app), the API answers
// the page fetches while it loads, which the document_start hook must already catch.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Adapter } from "../../extension/adapters/adapter";
import { adapterForPage, adapterForResponse } from "../../extension/adapters/registry";
import type { Item } from "../../shared/item";
import { type ExtensionBrowser, launchWithExtension } from "./harness/browser";
import { consentToEverything, storedItems } from "./harness/extension-items";
import { type Route, servePlatform } from "./harness/platform-site";
import { fixture } from "./harness/x-site";

interface Scenario {
  platform: string;
  pageUrl: string;
  /** The page as served; its script fetches the API responses the way the site does while scrolling. */
  page: string;
  /** `post`: the site asks with a POST and a JSON body, as YouTube's InnerTube calls do. */
  api: { url: string; body: string; post?: boolean }[];
  /** The first screen the page fetches from the head while it loads, before anything else of the page runs. */
  load?: { url: string; body: string }[];
}

const CORS = { "access-control-allow-origin": "*" };

/** Puts first in the head a script that fetches each URL at once, as a web app's first screen does, then marks it. */
function withFirstScreenFetch(html: string, calls: { url: string }[]): string {
  if (calls.length === 0) return html;
  const urls = JSON.stringify(calls.map(({ url }) => url));
  const script = `<script>Promise.all(${urls}.map((url) => fetch(url).then((r) => r.text()))).then(() => { document.documentElement.dataset.loaded = "yes"; });</script>`;
  return html.replace(/<head[^>]*>/, (head) => `${head}${script}`);
}

/** Appends a script that fetches each URL in turn, then marks the page done. */
function withScroll(html: string, calls: { url: string; post?: boolean }[]): string {
  const requests = calls.map(({ url, post }) => ({
    url,
    init: post ? { method: "POST", body: '{"context":{}}' } : {},
  }));
  const script = `<script>(async () => { for (const { url, init } of ${JSON.stringify(requests)}) { await fetch(url, init).then((r) => r.text()); } document.documentElement.dataset.scrolled = "yes"; })();</script>`;
  return html.includes("</body>") ? html.replace("</body>", `${script}</body>`) : `${html}${script}`;
}

function wrapped(path: string): { url: string; body: string } {
  const saved = JSON.parse(fixture(path)) as { url: string; body: unknown };
  return { url: saved.url, body: JSON.stringify(saved.body) };
}

const HOME = "https://x.com/i/api/graphql/Iaj4kAIobIAtigNaYNIOAw/HomeTimeline?variables=%7B%7D";
const mastodonHome = wrapped("mastodon/mastodonpy-home_tl-1.json");
const mastodonPublic = wrapped("mastodon/mastodonpy-public_tl-1.json");
const redditHot = wrapped("reddit/praw-TestSubredditListings-test_hot-1.json");
const youtubeScrolled = wrapped("youtube/constructed-browse-continuation.json");
const tiktokFeed = wrapped("tiktok/constructed-recommend-item_list.json");

const SCENARIOS: Scenario[] = [
  {
    platform: "x",
    pageUrl: "https://x.com/home",
    page: fixture("x/derived-initial-state-page.html"),
    api: [{ url: HOME, body: fixture("x/derived-home_timeline.json") }],
  },
  {
    platform: "reddit",
    pageUrl: "https://www.reddit.com/",
    page: fixture("reddit/constructed-shreddit-feed.html"),
    api: [{ url: "https://www.reddit.com/r/redditdev/hot.json?raw_json=1", body: redditHot.body }],
  },
  {
    // A post page: bsky.app's server writes the post and its first replies into the page (JSON-LD, <noscript>).
    platform: "bluesky",
    pageUrl: "https://bsky.app/profile/river.bsky.social/post/3lxaqmhz4ks2a",
    page: fixture("bluesky/constructed-post-page.html"),
    api: [
      {
        url: "https://public.api.bsky.app/xrpc/app.bsky.feed.getTimeline?limit=30",
        body: wrapped("bluesky/constructed-getTimeline.json").body,
      },
      {
        url: "https://public.api.bsky.app/xrpc/app.bsky.feed.searchPosts?q=river&cursor=30",
        body: wrapped("bluesky/constructed-searchPosts.json").body,
      },
    ],
  },
  {
    platform: "mastodon",
    pageUrl: "https://mastodon.social/home",
    page: '<!doctype html><html><head><meta charset="utf-8"><title>Mastodon</title></head><body><div id="mastodon"></div></body></html>',
    // Mastodon's pages embed no status we may keep (tests/unit/adapters/mastodon.test.ts): the web app's first screen
    // is its home timeline, fetched while the page loads.
    load: [{ url: "https://mastodon.social/api/v1/timelines/home", body: mastodonHome.body }],
    api: [{ url: "https://mastodon.social/api/v1/timelines/public?max_id=1", body: mastodonPublic.body }],
  },
  {
    platform: "youtube",
    pageUrl: "https://www.youtube.com/",
    page: fixture("youtube/constructed-home-page.html"),
    api: [
      {
        url: "https://www.youtube.com/youtubei/v1/browse?prettyPrint=false",
        body: youtubeScrolled.body,
        post: true,
      },
    ],
  },
  {
    platform: "tiktok",
    pageUrl: "https://www.tiktok.com/@maren.bakes/video/7398001122334455667",
    page: fixture("tiktok/constructed-video-page.html"),
    api: [{ url: "https://www.tiktok.com/api/recommend/item_list/?aid=1988&count=9", body: tiktokFeed.body }],
  },
];

/** An item's identity: redaction on the device changes its text (and so its contentHash), never these. */
const identity = (item: { platform: string; id: string }) => `${item.platform}:${item.id}`;

interface Expected {
  firstScreen: Set<string>;
  scrolled: Set<string>;
  /** Ads: the default filter drops them, wherever they were seen. */
  promoted: Set<string>;
}

function expectedIds(scenario: Scenario): Expected {
  const context = { capturedAt: new Date().toISOString() };
  const page = adapterForPage(scenario.pageUrl) as Adapter;
  const expected: Expected = { firstScreen: new Set(), scrolled: new Set(), promoted: new Set() };
  const sort = (items: Item[], into: Set<string>) => {
    for (const item of items) (item.promoted ? expected.promoted : into).add(identity(item));
  };
  sort(page.parseEmbedded(scenario.pageUrl, scenario.page, context), expected.firstScreen);
  for (const { url, body } of scenario.load ?? []) {
    const adapter = adapterForResponse(url) as Adapter;
    sort(adapter.parse(url, JSON.parse(body), context), expected.firstScreen);
  }
  for (const { url, body } of scenario.api) {
    const adapter = adapterForResponse(url) as Adapter;
    sort(adapter.parse(url, JSON.parse(body), context), expected.scrolled);
  }
  return expected;
}

describe("capture on each platform's real origin in real Chromium", () => {
  let extension: ExtensionBrowser;
  beforeAll(async () => {
    extension = await launchWithExtension();
    await consentToEverything(
      await extension.worker(),
      SCENARIOS.map((s) => s.platform),
    );
  });
  afterAll(async () => extension?.close());

  it.each(SCENARIOS)("stores $platform's first screen and the scrolled items", async (scenario) => {
    const { firstScreen, scrolled, promoted } = expectedIds(scenario);
    expect(scrolled.size).toBeGreaterThan(0);
    expect(firstScreen.size).toBeGreaterThan(0);

    const page = await extension.browser.newPage();
    const routes: Route[] = [
      {
        match: (url) => url.href === scenario.pageUrl,
        contentType: "text/html",
        body: withScroll(withFirstScreenFetch(scenario.page, scenario.load ?? []), scenario.api),
      },
      ...[...(scenario.load ?? []), ...scenario.api].map(({ url, body }) => ({
        match: (candidate: URL) => candidate.href === url,
        contentType: "application/json",
        body,
        headers: CORS,
      })),
    ];
    await servePlatform(page, routes);
    await page.goto(scenario.pageUrl);
    await page.waitForSelector('html[data-scrolled="yes"]', { timeout: 30_000 });
    if (scenario.load) await page.waitForSelector('html[data-loaded="yes"]', { timeout: 30_000 });

    const wanted = new Set([...firstScreen, ...scrolled]);
    const worker = await extension.worker();
    await expect
      .poll(
        async () => {
          const stored = new Set((await storedItems(worker)).map((row) => identity(row.item)));
          return [...wanted].filter((key) => !stored.has(key));
        },
        { timeout: 20_000, interval: 250 },
      )
      .toEqual([]);
    const stored = (await storedItems(worker)).map((row) => identity(row.item));
    expect(stored.filter((key) => promoted.has(key))).toEqual([]);
    await page.close();
  });

  it("never stores a private or direct Mastodon status", async () => {
    const statuses = JSON.parse(mastodonHome.body) as { id: string; visibility: string }[];
    const hidden = statuses.filter((s) => s.visibility === "private" || s.visibility === "direct").map((s) => s.id);
    expect(hidden.length).toBeGreaterThan(0);
    const stored = (await storedItems(await extension.worker())).filter((row) => row.platform === "mastodon");
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.filter((row) => hidden.includes(row.item.id))).toEqual([]);
  });
});
