import { describe, expect, it } from "vitest";
import { blueskyAdapter } from "../../../extension/adapters/bluesky";
import { MAX_TEXT_LENGTH } from "../../../shared/item";
import {
  byId,
  CAPTURED_AT,
  expectExactly,
  sortedIds as ids,
  type Json,
  readingFixtures,
} from "../../helpers/adapter-fixtures";

const { fixture, page, parse, parseFixture, parsePage } = readingFixtures(blueskyAdapter);

const RIVER = "did:plc:w4xbfzo7kqfes5zb7r6qv3rw";
const KESTREL = "did:plc:ragtjsm2j2vknwkz3zp4oxrd";
const MOSS = "did:plc:vpkhqolt662uhesyj6nxm7ys";
const ODD = "did:plc:lo2xhq3xzfnyirw6k3n7xmsu";
const BLOCKED = "did:plc:z72i7hdynmk6r22z27h6tvur";
const post = (did: string, rkey: string) => `at://${did}/app.bsky.feed.post/${rkey}`;

const SURVEY = post(RIVER, "3lwkq2ch7cs2a");
const KESTREL_VIDEO = post(KESTREL, "3lwjx5mnbqk2f");
const MOSS_REPOST = `at://${MOSS}/app.bsky.feed.repost/3lwkr7dsz5c2y`;
const BARRIER = post(KESTREL, "3lwjz2a4xks2c");
const EAST_BANK = post(RIVER, "3lwjz4pqmvc2h");
const OLD_MILL = post(MOSS, "3lwjz7ttl2k2v");
const MILL_POND_QUOTE = post(ODD, "3lwkb3xq5gs2m");
const BLOCKED_QUOTE = post(RIVER, "3lwkc5n7hkc2q");
const GONE_REPLY = post(KESTREL, "3lwkd2j6rfs2t");
const FEED_PROMO = post(MOSS, "3lwke4tqp2s2w");
const TOLL = post(KESTREL, "3lwl2aaa2ks2a");
const GOOD_TO_KNOW = post(RIVER, "3lwl2bbb3ks2b");
const CAFE = post(ODD, "3lwl2ccc4ks2c");

// Every object with a post at-uri and an author and a record (or quoted `value`), plus every reasonRepost uri,
// found by a generic walk in Python over the raw JSON, independently of the adapter.
const FIXTURE_POSTS: { file: string; endpoint: string; ids: string[] }[] = [
  {
    file: "constructed-getTimeline.json",
    endpoint: "/xrpc/app.bsky.feed.getTimeline",
    ids: [
      MILL_POND_QUOTE,
      KESTREL_VIDEO,
      BARRIER,
      GONE_REPLY,
      OLD_MILL,
      FEED_PROMO,
      MOSS_REPOST,
      EAST_BANK,
      BLOCKED_QUOTE,
      SURVEY,
    ],
  },
  {
    file: "constructed-getPostThread.json",
    endpoint: "/xrpc/app.bsky.feed.getPostThread",
    ids: [CAFE, BARRIER, TOLL, OLD_MILL, EAST_BANK, GOOD_TO_KNOW],
  },
  {
    file: "constructed-getPostThreadV2.json",
    endpoint: "/xrpc/app.bsky.unspecced.getPostThreadV2",
    ids: [CAFE, BARRIER, TOLL, OLD_MILL, EAST_BANK],
  },
  {
    file: "constructed-searchPosts.json",
    endpoint: "/xrpc/app.bsky.feed.searchPosts",
    ids: [MILL_POND_QUOTE, KESTREL_VIDEO, SURVEY],
  },
];

describe("the Bluesky adapter on responses constructed from the lexicons", () => {
  for (const { file, endpoint, ids: expected } of FIXTURE_POSTS) {
    it(`returns exactly the posts of ${file}, each once and each a valid item`, () => {
      const items = parseFixture(file);
      expectExactly(items, { platform: "bluesky", endpoint, ids: expected });
    });
  }

  it("reads a post: record text with shortened links written out, author, images, counts, language, permalink", () => {
    expect(byId(parseFixture("constructed-getTimeline.json"), SURVEY)).toEqual({
      platform: "bluesky",
      id: SURVEY,
      url: "https://bsky.app/profile/river.bsky.social/post/3lwkq2ch7cs2a",
      kind: "post",
      text:
        "New survey of the Ganges delta 🌊 by @kestrel.example.com: " +
        "https://example.org/surveys/2026/ganges-delta-sediment #geography",
      author: { id: RIVER, handle: "river.bsky.social", name: "River Delta 🌊" },
      createdAt: "2026-07-31T09:14:02.118Z",
      lang: "en",
      media: [
        {
          type: "image",
          url: `https://cdn.bsky.app/img/feed_fullsize/plain/${RIVER}/bafkreidelta1rivermouthaerialphotoqq5zd2yqk4w7ebdr3pl6kq2lvbm@jpeg`,
        },
        {
          type: "image",
          url: `https://cdn.bsky.app/img/feed_fullsize/plain/${RIVER}/bafkreidelta2sandbarsaerialphotovv6pl3hzq4x2fwe5mk7sa3cnbdui@jpeg`,
        },
      ],
      metrics: { likes: 87, reposts: 12, replies: 4, views: null },
      promoted: false,
      originalId: null,
      replyToId: null,
      source: { endpoint: "/xrpc/app.bsky.feed.getTimeline", capturedAt: CAPTURED_AT },
    });
  });

  it("turns a repost into a repost item by the reposter, named by the repost record, and keeps the original", () => {
    const items = parseFixture("constructed-getTimeline.json");
    const playlist =
      "https://video.bsky.app/watch/did%3Aplc%3Aragtjsm2j2vknwkz3zp4oxrd/" +
      "bafkreivideokestrelhoveringoverfieldmp4zq3v7x2lmkd5r4s6tbnwe/playlist.m3u8";
    expect(byId(items, MOSS_REPOST)).toEqual({
      platform: "bluesky",
      id: MOSS_REPOST,
      url: null,
      kind: "repost",
      text: "Rüttelflug über dem Feld heute früh.",
      author: { id: MOSS, handle: "moss.bsky.social", name: "moss.bsky.social" },
      createdAt: "2026-07-31T10:02:44.310Z",
      lang: "de",
      media: [{ type: "video", url: playlist }],
      metrics: { likes: null, reposts: null, replies: null, views: null },
      promoted: false,
      originalId: KESTREL_VIDEO,
      replyToId: null,
      source: { endpoint: "/xrpc/app.bsky.feed.getTimeline", capturedAt: CAPTURED_AT },
    });
    expect(byId(items, KESTREL_VIDEO)).toMatchObject({
      kind: "post",
      author: { id: KESTREL, handle: "kestrel.example.com", name: "Kestrel" },
      url: "https://bsky.app/profile/kestrel.example.com/post/3lwjx5mnbqk2f",
      metrics: { likes: 240, reposts: 31, replies: 2, views: null },
    });
  });

  it("keeps only the original of a repost whose record has no URI (older servers)", () => {
    const reposts = parseFixture("constructed-getTimeline.json").filter((item) => item.kind === "repost");
    expect(reposts.map((item) => item.author.id)).toEqual([MOSS]);
  });

  it("returns the posts a reply answers, as the app shows them above it", () => {
    const items = parseFixture("constructed-getTimeline.json");
    expect(items.map((item) => item.id).slice(3, 6)).toEqual([BARRIER, EAST_BANK, OLD_MILL]);
    expect(byId(items, OLD_MILL)).toMatchObject({ kind: "reply", replyToId: EAST_BANK, originalId: null });
    expect(byId(items, EAST_BANK)).toMatchObject({ kind: "reply", replyToId: BARRIER });
    expect(byId(items, BARRIER)).toMatchObject({
      kind: "post",
      replyToId: null,
      media: [{ type: "link", url: "https://www.example.net/news/2026/07/flood-defences" }],
    });
  });

  it("keeps a reply whose parent is gone, naming the parent", () => {
    expect(byId(parseFixture("constructed-getTimeline.json"), GONE_REPLY)).toMatchObject({
      kind: "reply",
      replyToId: post(BLOCKED, "3lwhz2mn5xs2k"),
    });
  });

  it("reads a quote with media as a quote of the quoted post, and returns the quoted post too", () => {
    const items = parseFixture("constructed-searchPosts.json");
    expect(byId(items, MILL_POND_QUOTE)).toEqual({
      platform: "bluesky",
      id: MILL_POND_QUOTE,
      url: `https://bsky.app/profile/${ODD}/post/3lwkb3xq5gs2m`,
      kind: "quote",
      text: "Same bird at the mill pond this evening",
      author: { id: ODD, handle: "handle.invalid", name: "handle.invalid" },
      createdAt: "2026-07-30T19:30:00.000Z",
      lang: "en",
      media: [
        {
          type: "image",
          url: `https://cdn.bsky.app/img/feed_fullsize/plain/${ODD}/bafkreiquotemillphotoaq2m3n4b5v6c7x8z9l0k1j2h3g4f5d6s7a8pw@jpeg`,
        },
      ],
      metrics: { likes: 6, reposts: 0, replies: 0, views: null },
      promoted: false,
      originalId: KESTREL_VIDEO,
      replyToId: null,
      source: { endpoint: "/xrpc/app.bsky.feed.searchPosts", capturedAt: CAPTURED_AT },
    });
    // Read from the quote's viewRecord: its `value` record, its counts and its own embed.
    expect(byId(items, KESTREL_VIDEO)).toMatchObject({
      kind: "post",
      text: "Rüttelflug über dem Feld heute früh.",
      lang: "de",
      metrics: { likes: 240, reposts: 31, replies: 2, views: null },
      media: [{ type: "video" }],
    });
  });

  it("names a blocked quoted post without reading it, and does not count a feed card as a quote", () => {
    const items = parseFixture("constructed-getTimeline.json");
    expect(byId(items, BLOCKED_QUOTE)).toMatchObject({ kind: "quote", originalId: post(BLOCKED, "3lwi2bdqz6k2a") });
    expect(ids(items)).not.toContain(post(BLOCKED, "3lwi2bdqz6k2a"));
    expect(byId(items, FEED_PROMO)).toMatchObject({ kind: "post", originalId: null, media: [], lang: "en" });
  });

  it("reads a thread top down: its parents, the post, then the replies depth first, skipping gone and blocked ones", () => {
    const items = parseFixture("constructed-getPostThread.json");
    expect(items.map((item) => [item.id, item.replyToId])).toEqual([
      [BARRIER, null],
      [EAST_BANK, BARRIER],
      [OLD_MILL, EAST_BANK],
      [TOLL, OLD_MILL],
      [GOOD_TO_KNOW, TOLL],
      [CAFE, OLD_MILL],
    ]);
  });

  it("reads the flat thread items of getPostThreadV2, skipping items that are not posts", () => {
    const items = parseFixture("constructed-getPostThreadV2.json");
    expect(items.map((item) => item.id)).toEqual([BARRIER, EAST_BANK, OLD_MILL, TOLL, CAFE]);
  });
});

describe("which URLs it reads", () => {
  it("matches the feed, thread and search methods on any host", () => {
    const table: [string, boolean][] = [
      ["https://bsky.social/xrpc/app.bsky.feed.getTimeline?limit=30", true],
      ["https://morel.us-east.host.bsky.network/xrpc/app.bsky.feed.getTimeline", true],
      ["https://public.api.bsky.app/xrpc/app.bsky.feed.getFeed?feed=at%3A%2F%2Fdid%3Aplc%3Ax", true],
      ["https://api.bsky.app/xrpc/app.bsky.feed.getAuthorFeed?actor=alice.bsky.social&filter=posts_no_replies", true],
      ["https://pds.example.org/xrpc/app.bsky.feed.getListFeed?list=at%3A%2F%2Fx", true],
      ["https://public.api.bsky.app/xrpc/app.bsky.feed.getPostThread?uri=at%3A%2F%2Fx&depth=6", true],
      ["https://api.bsky.app/xrpc/app.bsky.unspecced.getPostThreadV2?anchor=at%3A%2F%2Fx", true],
      ["https://api.bsky.app/xrpc/app.bsky.unspecced.getPostThreadOtherV2?anchor=at%3A%2F%2Fx", true],
      ["https://api.bsky.app/xrpc/app.bsky.feed.searchPosts?q=delta", true],
      ["https://bsky.social/xrpc/app.bsky.actor.getProfile?actor=alice", false],
      ["https://bsky.social/xrpc/chat.bsky.convo.getMessages?convoId=1", false],
      ["https://bsky.social/xrpc/app.bsky.notification.listNotifications", false],
      ["https://bsky.social/xrpc/app.bsky.feed.getLikes?uri=x", false],
      ["https://bsky.social/xrpc/com.atproto.repo.listRecords", false],
      ["https://bsky.app/profile/alice.bsky.social/post/3lwkq2ch7cs2a", false],
      ["https://bsky.social/xrpc/app.bsky.feed.getTimeline/extra", false],
      ["wss://bsky.network/xrpc/com.atproto.sync.subscribeRepos", false],
      ["not a url", false],
    ];
    for (const [url, expected] of table) expect([url, blueskyAdapter.matches(url)]).toEqual([url, expected]);
  });

  it("records the method as the endpoint, never the query that names a post or a person", () => {
    const { body } = fixture("constructed-getPostThread.json");
    const items = parse("https://api.bsky.app/xrpc/app.bsky.feed.getPostThread?uri=at%3A%2F%2Fdid%3Aplc%3Ax", body);
    expect(new Set(items.map((item) => item.source.endpoint))).toEqual(new Set(["/xrpc/app.bsky.feed.getPostThread"]));
  });

  it("reads the body by the method it answers, and a page without posts as nothing", () => {
    const { body } = fixture("constructed-searchPosts.json");
    expect(parse("https://bsky.social/xrpc/app.bsky.feed.getTimeline", body)).toEqual([]);
    expect(parse("https://bsky.social/xrpc/app.bsky.actor.getProfile", body)).toEqual([]);
    expect(blueskyAdapter.parseEmbedded("https://bsky.app/", "<html></html>", { capturedAt: CAPTURED_AT })).toEqual([]);
  });
});

describe("malformed and hostile posts", () => {
  const SEARCH = "https://api.bsky.app/xrpc/app.bsky.feed.searchPosts?q=x";
  const survey = () => structuredClone(fixture("constructed-searchPosts.json").body.posts as Json[])[0] as Json;
  const withRecord = (fields: Json) => {
    const view = survey();
    view.record = { ...(view.record as Json), ...fields };
    return view;
  };

  it("returns [] for bodies that are not feeds, threads or searches, and never throws", () => {
    const bodies: unknown[] = [
      null,
      undefined,
      7,
      "<html><body>502 Bad Gateway</body></html>",
      '{"feed": [',
      [],
      {},
      { error: "InvalidRequest", message: "Error: limit must be <= 100" },
      { feed: "none", posts: 5, thread: "x" },
      { feed: [null, 1, "x", {}, { post: null }, { post: { uri: "at://x" } }] },
      { posts: [{ uri: SURVEY, author: { did: "not a did" }, record: { text: "x" } }] },
    ];
    for (const url of [SEARCH, "https://bsky.social/xrpc/app.bsky.feed.getTimeline"]) {
      for (const body of bodies) expect(parse(url, body)).toEqual([]);
    }
    expect(blueskyAdapter.parse(42 as unknown as string, {}, { capturedAt: CAPTURED_AT })).toEqual([]);
  });

  it("keeps odd record fields out of the item: bad dates and languages, non-http embeds, negative counts", () => {
    const view = withRecord({ createdAt: "soon", langs: ["a-language-tag-far-too-long"], text: 5 });
    view.embed = { $type: "app.bsky.embed.images#view", images: [{ fullsize: "javascript:x" }, null, "junk"] };
    view.likeCount = -1;
    view.repostCount = "3";
    expect(parse(SEARCH, { posts: [view] })[0]).toMatchObject({
      text: "",
      createdAt: null,
      lang: null,
      media: [],
      metrics: { likes: null, reposts: 3, replies: 4, views: null },
    });
  });

  it("leaves text as written when link facets point outside it, overlap or link elsewhere than http(s)", () => {
    const text = "short link exa.com/pa... and more";
    const facet = (byteStart: unknown, byteEnd: unknown, uri: string) => ({
      index: { byteStart, byteEnd },
      features: [{ $type: "app.bsky.richtext.facet#link", uri }],
    });
    const facets = [
      facet(11, 24, "https://exa.com/page"),
      facet(12, 20, "https://overlapping.example"),
      facet(500, 900, "https://outside.example"),
      facet(-5, 2, "https://negative.example"),
      facet("11", 23, "https://string.example"),
      facet(28, 33, "javascript:alert(1)"),
    ];
    const [item] = parse(SEARCH, { posts: [withRecord({ text, facets })] });
    expect(item?.text).toBe("short link https://exa.com/page and more");
  });

  it("cuts a very long post at MAX_TEXT_LENGTH", () => {
    const [item] = parse(SEARCH, { posts: [withRecord({ text: "🌊".repeat(30_000), facets: [] })] });
    expect(item?.text).toHaveLength(MAX_TEXT_LENGTH);
  });

  it("stops at a reasonable depth in a thread nested without end", () => {
    const view = survey();
    let thread: Json = { $type: "app.bsky.feed.defs#threadViewPost", post: view, replies: [] };
    for (let depth = 0; depth < 5000; depth++) thread = { post: view, parent: thread, replies: [thread] };
    expect(parse("https://api.bsky.app/xrpc/app.bsky.feed.getPostThread", { thread }).map((i) => i.id)).toEqual([
      SURVEY,
    ]);
  });

  it("never throws, and returns only valid items, whatever value of a real response is replaced by junk", () => {
    const junk: unknown[] = [null, 0, -1, "", "at://x", [], {}, true, { uri: SURVEY }];
    const { url, body: original } = fixture("constructed-getTimeline.json");
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]) => {
      if (value === null || typeof value !== "object") return;
      for (const [key, child] of Object.entries(value)) {
        const childPath = [...path, Array.isArray(value) ? Number(key) : key];
        paths.push(childPath);
        walk(child, childPath);
      }
    };
    walk(original, []);
    expect(paths.length).toBeGreaterThan(500);
    paths.forEach((path, index) => {
      const body = structuredClone(original) as Json;
      let parent = body as Record<string | number, unknown>;
      for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
      parent[path[path.length - 1] as string | number] = junk[index % junk.length];
      expect(parse(url, body).length).toBeLessThanOrEqual(12);
    });
  });
});

describe("the first screen of bsky.app pages (constructed from bskyweb's templates)", () => {
  const POST_PAGE = "https://bsky.app/profile/river.bsky.social/post/3lxaqmhz4ks2a";
  const PROFILE_PAGE = "https://bsky.app/profile/kestrel.example.com";
  const EAST_BANK_SURVEY = post(RIVER, "3lxaqmhz4ks2a");
  const WEIR_QUESTION = post(KESTREL, "3lxaqr2bvjc2b");
  const WEST_SIDE = post(ODD, "3lxaqs7dnxk2c");
  const SPILLWAY = post(KESTREL, "3lxbc2kq7hs2d");
  const SMALL_DAMS = post(KESTREL, "3lxbb6ts2lc2e");
  const BEST_IN_YEARS = post(KESTREL, "3lxba4mm5rk2f");
  const MILL_POND_CLEANUP = post(RIVER, "3lvz7pqc3ws2g");
  const thumb = (did: string, cid: string) => `https://cdn.bsky.app/img/feed_thumbnail/plain/${did}/${cid}@jpeg`;

  it("reads a post page's post and the replies shown under it from its JSON-LD", () => {
    const items = parsePage(page("constructed-post-page.html"), POST_PAGE);
    expectExactly(items, {
      platform: "bluesky",
      endpoint: "/profile/:actor/post/:rkey",
      ids: [EAST_BANK_SURVEY, WEIR_QUESTION, WEST_SIDE],
    });
    expect(byId(items, EAST_BANK_SURVEY)).toEqual({
      platform: "bluesky",
      id: EAST_BANK_SURVEY,
      url: POST_PAGE,
      kind: "quote",
      text: "Survey results for the east bank: nitrate 12 < 15 mg/l & falling 🌊\nFull report: https://example.org/reports/east-bank-2025",
      author: { id: RIVER, handle: "river.bsky.social", name: "River Delta 🌊" },
      createdAt: "2025-08-14T09:21:07.412Z",
      lang: null,
      media: [
        { type: "image", url: thumb(RIVER, "bafkreihsurveychart1x2y3z4a5b6c7d8e9f0g1h2i3j4k5l6m7n8o") },
        { type: "image", url: thumb(RIVER, "bafkreihsurveymap9x8y7z6a5b4c3d2e1f0g9h8i7j6k5l4m3n2o1") },
        { type: "link", url: "https://example.org/reports/east-bank-2025" },
      ],
      metrics: { likes: 214, reposts: null, replies: 2, views: null },
      promoted: false,
      originalId: null,
      replyToId: null,
      source: { endpoint: "/profile/:actor/post/:rkey", capturedAt: CAPTURED_AT },
    });
    expect(byId(items, WEIR_QUESTION)).toMatchObject({
      kind: "reply",
      replyToId: EAST_BANK_SURVEY,
      author: { id: KESTREL, handle: "kestrel.example.com", name: "Kestrel" },
      media: [{ type: "image", url: thumb(KESTREL, "bafkreia2weirphoto7q3xv4m5c6d7e8f9g0h1i2j3k4l5m6n7o8p9q") }],
      metrics: { likes: null, reposts: null, replies: null, views: null },
    });
    // An author without a usable handle is named by its DID, on its permalink too.
    expect(byId(items, WEST_SIDE)).toMatchObject({
      author: { id: ODD, handle: "handle.invalid", name: "handle.invalid" },
      url: `https://bsky.app/profile/${ODD}/post/3lxaqs7dnxk2c`,
      text: "Same on the west side — samples on Friday.",
    });
  });

  it("reads a profile page's recent posts, and nothing from the profile itself", () => {
    const items = parsePage(page("constructed-profile-page.html"), PROFILE_PAGE);
    expectExactly(items, {
      platform: "bluesky",
      endpoint: "/profile/:actor",
      ids: [SPILLWAY, SMALL_DAMS, BEST_IN_YEARS],
    });
    expect(items.map((item) => item.kind)).toEqual(["post", "post", "quote"]);
    expect(byId(items, SMALL_DAMS)).toMatchObject({
      text: "Reading: how small dams change river temperature.",
      media: [{ type: "link", url: "https://example.org/articles/small-dams-temperature" }],
      metrics: { likes: 12, reposts: null, replies: 0, views: null },
      createdAt: "2025-08-14T18:30:01.000Z",
    });
  });

  it("falls back to the <noscript> summary when the page's JSON-LD does not parse (older pages)", () => {
    const items = parsePage(
      page("constructed-post-page-inline-jsonld.html"),
      "https://bsky.app/profile/river.bsky.social/post/3lvz7pqc3ws2g",
    );
    expect(items).toEqual([
      {
        platform: "bluesky",
        id: MILL_POND_CLEANUP,
        url: "https://bsky.app/profile/river.bsky.social/post/3lvz7pqc3ws2g",
        kind: "post",
        text: "Don't miss Saturday's clean-up at the mill pond & bring gloves.\nMeet at 9 by the <old> footbridge.",
        author: { id: RIVER, handle: "river.bsky.social", name: "River Delta 🌊" },
        createdAt: "2025-07-30T16:45:00.000Z",
        lang: null,
        media: [],
        metrics: { likes: null, reposts: null, replies: null, views: null },
        promoted: false,
        originalId: null,
        replyToId: null,
        source: { endpoint: "/profile/:actor/post/:rkey", capturedAt: CAPTURED_AT },
      },
    ]);
  });

  it("keeps the same post once when both the JSON-LD and the summary carry it", () => {
    const items = parsePage(page("constructed-post-page.html"), POST_PAGE);
    expect(items.filter((item) => item.id === EAST_BANK_SURVEY)).toHaveLength(1);
    expect(byId(items, EAST_BANK_SURVEY).kind).toBe("quote");
  });

  it("reads nothing from a page for signed-in readers only, whose summary names no post", () => {
    const html = page("constructed-post-page.html")
      .replace(/<link rel="alternate" href="at:[^>]*>/, "")
      .replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/, "")
      .replace(
        /<p id="bsky_post_text">[^<]*/,
        '<p id="bsky_post_text">This author has chosen to make their posts visible only to people who are signed in.',
      );
    expect(parsePage(html, POST_PAGE)).toEqual([]);
  });

  it("never throws on broken pages: cut short, hostile JSON-LD, a summary whose DID is not the post's", () => {
    const full = page("constructed-post-page.html");
    for (let cut = 0; cut < full.length; cut += 97) parsePage(full.slice(0, cut), POST_PAGE);
    const hostile = [
      '<script type="application/ld+json">{"@type":"DiscussionForumPosting","identifier":"at://x/y","author":1}</script>',
      '<script type="application/ld+json">[1,2,3]</script><script type="application/ld+json">{"mainEntity":null}</script>',
      `<script type="application/ld+json">{"@type":"DiscussionForumPosting","identifier":"${EAST_BANK_SURVEY}","author":{"name":"@${"a".repeat(300)}"},"text":{"x":1},"image":"javascript:alert(1)","datePublished":"yesterday"}</script>`,
      `<link rel="alternate" href="${EAST_BANK_SURVEY}"><p id="bsky_did">${KESTREL}</p><p id="bsky_post_text">not this author's post</p>`,
    ];
    const items = hostile.flatMap((html) => parsePage(html, POST_PAGE));
    expect(items).toEqual([
      expect.objectContaining({
        id: EAST_BANK_SURVEY,
        author: { id: RIVER, handle: RIVER, name: RIVER },
        text: "",
        media: [],
        createdAt: null,
      }),
    ]);
    expect(parsePage(`<script type="application/ld+json">${"{".repeat(100_000)}</script>`, POST_PAGE)).toEqual([]);
    expect(
      blueskyAdapter.parseEmbedded(POST_PAGE, undefined as unknown as string, { capturedAt: CAPTURED_AT }),
    ).toEqual([]);
  });
});
