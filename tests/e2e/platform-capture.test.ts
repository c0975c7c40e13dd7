// Each platform's first screen (embedded in the page) and a scrolled API response, captured in real Chromium on the
// platform's real origin through request interception.
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
}

const CORS = { "access-control-allow-origin": "*" };

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
    platform: "bluesky",
    pageUrl: "https://bsky.app/",
    page: '<!doctype html><html><head><meta charset="utf-8"><title>Bluesky</title></head><body><div id="root"></div></body></html>',
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
    api: [
      { url: "https://mastodon.social/api/v1/timelines/home", body: mastodonHome.body },
      { url: "https://mastodon.social/api/v1/timelines/public?max_id=1", body: mastodonPublic.body },
    ],
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
    const embeds = ["x", "reddit", "youtube", "tiktok"].includes(scenario.platform);
    if (embeds) expect(firstScreen.size).toBeGreaterThan(0);

    const page = await extension.browser.newPage();
    const routes: Route[] = [
      {
        match: (url) => url.href === scenario.pageUrl,
        contentType: "text/html",
        body: withScroll(scenario.page, scenario.api),
      },
      ...scenario.api.map(({ url, body }) => ({
        match: (candidate: URL) => candidate.href === url,
        contentType: "application/json",
        body,
        headers: CORS,
      })),
    ];
    await servePlatform(page, routes);
    await page.goto(scenario.pageUrl);
    await page.waitForSelector('html[data-scrolled="yes"]', { timeout: 30_000 });

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
