import { describe, expect, it } from "vitest";
import { instagramAdapter } from "../../../extension/adapters/instagram";
import { MAX_TEXT_LENGTH } from "../../../shared/item";
import {
  byId,
  CAPTURED_AT,
  expectExactly,
  sortedIds as ids,
  type Json,
  readingFixtures,
} from "../../helpers/adapter-fixtures";

const { fixture, page: text, parse, parseFixture, parsePage: parseHtml } = readingFixtures(instagramAdapter);
const parsePage = (name: string) => parseHtml(text(name), "https://www.instagram.com/p/C9aB7xYz0Qw/");

const SOURDOUGH = "3412210001112223334";
const CAROUSEL = "3412210001112229991";
const REEL = "3412299887766554433";
const REEL_TWO = "3412299887766550001";
const NO_CAPTION = "3412210001112225555";
const PRIVATE = "3412210001112226666";
const PARTNER = "3412210001112227777";
const HIDDEN_COUNTS = "3412210001112228888";
const AD = "3412277700011122233";
const SUGGESTED = "3412210001112224444";

const TIMELINE = "/graphql/query:xdt_api__v1__feed__timeline__connection";

// Every media object of each fixture (code + taken_at + user), minus the private account's post and, on the post
// page, the "more posts" grid: listed by hand from the construct script, independently of the adapter.
const FIXTURE_POSTS: { file: string; endpoint: string; ids: string[] }[] = [
  {
    file: "constructed-graphql-timeline.json",
    endpoint: TIMELINE,
    ids: [SOURDOUGH, CAROUSEL, AD, SUGGESTED, REEL, PARTNER, NO_CAPTION, HIDDEN_COUNTS],
  },
  {
    file: "constructed-graphql-user-timeline.json",
    endpoint: "/graphql/query:xdt_api__v1__feed__user_timeline_graphql_connection",
    ids: [SOURDOUGH, HIDDEN_COUNTS],
  },
  { file: "constructed-api-v1-timeline.json", endpoint: "/api/v1/feed/timeline/", ids: [SOURDOUGH, AD, REEL] },
  { file: "constructed-api-v1-clips-user.json", endpoint: "/api/v1/clips/user/", ids: [REEL, REEL_TWO] },
];

const CDN = "https://scontent-ams2-1.cdninstagram.com/v/t51.2885-15";

describe("the Instagram adapter on responses constructed from the documented shapes", () => {
  for (const { file, endpoint, ids: expected } of FIXTURE_POSTS) {
    it(`returns exactly the posts of ${file}, each once and each a valid item`, () => {
      const items = parseFixture(file);
      expectExactly(items, { platform: "instagram", endpoint, ids: expected });
    });
  }

  it("reads a post: caption, author, date, largest picture, counts, permalink", () => {
    expect(byId(parseFixture("constructed-graphql-timeline.json"), SOURDOUGH)).toEqual({
      platform: "instagram",
      id: SOURDOUGH,
      url: "https://www.instagram.com/p/C9aB1cDeF2g/",
      kind: "post",
      text: "Day 14 of the sourdough starter. It finally doubled overnight 🎉 #sourdough #fermentation",
      author: { id: "1783921650", handle: "alba.ferments", name: "Alba Moreno 🍋" },
      createdAt: "2024-07-28T08:00:00.000Z",
      lang: null,
      media: [
        {
          type: "image",
          url: `${CDN}/C9aB1cDeF2g_n.jpg?stp=dst-jpg_e35_p1080x1080&_nc_ht=scontent-ams2-1.cdninstagram.com&_nc_cat=1&oh=00_AYDC9aB1c&oe=66A1B2C3`,
        },
      ],
      metrics: { likes: 1532, reposts: null, replies: 48, views: null },
      promoted: false,
      originalId: null,
      replyToId: null,
      source: { endpoint: TIMELINE, capturedAt: CAPTURED_AT },
    });
  });

  it("reads a reel as a video with its play count, at its /reel/ address, its caption as plain text", () => {
    expect(byId(parseFixture("constructed-api-v1-timeline.json"), REEL)).toEqual({
      platform: "instagram",
      id: REEL,
      url: "https://www.instagram.com/reel/C9bReelK1tQ/",
      kind: "video",
      text: "15-minute miso noodles. Recipe in the comments <script>alert(1)</script>",
      author: { id: "4481726092", handle: "kaicooks", name: "kaicooks" },
      createdAt: "2024-07-28T10:00:00.000Z",
      lang: null,
      media: [
        {
          type: "video",
          url:
            "https://scontent-ams2-1.cdninstagram.com/o1/v/t16/f2/m86/miso_noodles.mp4?efg=eyJ2ZW5jb2RlX3RhZyI6InZ0c192b2RfdXJsZ2VuLmNsaXBzLmMyLjcyMC5iYXNlbGluZSJ9" +
            "&_nc_ht=scontent-ams2-1.cdninstagram.com&oh=00_AYHmiso_n",
        },
      ],
      metrics: { likes: 88211, reposts: null, replies: 1290, views: 1204551 },
      promoted: false,
      originalId: null,
      replyToId: null,
      source: { endpoint: "/api/v1/feed/timeline/", capturedAt: CAPTURED_AT },
    });
  });

  it("reads every picture and video of a carousel, in order", () => {
    expect(byId(parseFixture("constructed-graphql-timeline.json"), CAROUSEL)).toMatchObject({
      kind: "post",
      text: "Three lakes in one weekend.\nSwipe for the last one →",
      author: { id: "25025320", handle: "juno_trails", name: "Juno" },
      media: [
        {
          type: "image",
          url: `${CDN}/lake_one_n.jpg?stp=dst-jpg_e35_p1080x1080&_nc_ht=scontent-ams2-1.cdninstagram.com&_nc_cat=1&oh=00_AYDlake_o&oe=66A1B2C3`,
        },
        {
          type: "image",
          url: `${CDN}/lake_two_n.jpg?stp=dst-jpg_e35_p1080x1080&_nc_ht=scontent-ams2-1.cdninstagram.com&_nc_cat=1&oh=00_AYDlake_t&oe=66A1B2C3`,
        },
        { type: "video", url: expect.stringContaining("/lake_three_clip.mp4?") },
      ],
      metrics: { likes: 20411, reposts: null, replies: 301, views: null },
    });
  });

  it("keeps an ad as promoted, and a paid partnership as an ordinary post", () => {
    for (const file of ["constructed-graphql-timeline.json", "constructed-api-v1-timeline.json"]) {
      const items = parseFixture(file);
      expect(byId(items, AD)).toMatchObject({
        promoted: true,
        author: { handle: "luma.shoes" },
        text: "Walk on clouds. Shop the new Luma runner.",
      });
      expect(items.filter((item) => item.promoted).map((item) => item.id)).toEqual([AD]);
    }
    expect(byId(parseFixture("constructed-graphql-timeline.json"), PARTNER).promoted).toBe(false);
  });

  it("never returns a private account's post", () => {
    for (const file of ["constructed-graphql-timeline.json", "constructed-api-v1-timeline.json"]) {
      expect(JSON.stringify(fixture(file).body)).toContain(PRIVATE);
      const items = parseFixture(file);
      expect(items.some((item) => item.id === PRIVATE || item.author.handle === "closed.curtains")).toBe(false);
    }
  });

  it("never reads a post shared in a direct message", () => {
    const { url, body } = fixture("constructed-graphql-user-timeline.json");
    const post = (((body.data as Json).xdt_api__v1__feed__user_timeline_graphql_connection as Json).edges as Json[])[0];
    const inbox = {
      data: {
        xdt_api__v1__direct_v2__inbox: {
          threads: [{ items: [{ item_type: "media_share", media_share: (post as Json).node }] }],
        },
      },
    };
    expect(parse(url, inbox)).toEqual([]);
    expect(parse(url, body)).toHaveLength(2);
  });

  it("reads a suggested post from the feed's explore story", () => {
    expect(byId(parseFixture("constructed-graphql-timeline.json"), SUGGESTED)).toMatchObject({
      author: { handle: "quiet.studio", name: "Quiet Studio" },
      text: "Studio tour: where the quiet happens",
    });
  });

  it("gives a post without a caption empty text, and hidden like counts as null", () => {
    const items = parseFixture("constructed-graphql-timeline.json");
    expect(byId(items, NO_CAPTION)).toMatchObject({ text: "", metrics: { likes: 904, replies: 0 } });
    expect(byId(items, HIDDEN_COUNTS).metrics).toEqual({ likes: null, reposts: null, replies: 5, views: null });
  });

  it("takes the exact id from `id` where the API v1 sends `pk` as a number too large to be exact", () => {
    const { body } = fixture("constructed-api-v1-timeline.json");
    const first = (body.feed_items as Json[])[0]?.media_or_ad as Json;
    expect(typeof first.pk).toBe("number");
    expect(String(first.pk)).not.toBe(SOURDOUGH);
    expect(byId(parseFixture("constructed-api-v1-timeline.json"), SOURDOUGH).id).toBe(SOURDOUGH);
  });

  it("reads an answer sent as text behind Meta's `for (;;);` guard", () => {
    const { body } = fixture("constructed-api-v1-clips-user.json");
    const guarded = `for (;;);${JSON.stringify(body)}`;
    expect(ids(parse("https://www.instagram.com/api/v1/clips/music/", guarded))).toEqual([REEL_TWO, REEL].sort());
  });

  it("reads the post a post page preloads, not the grid of other posts below it", () => {
    const items = parsePage("constructed-post-page.html");
    expect(ids(items)).toEqual([CAROUSEL]);
    expect(items[0]).toMatchObject({
      url: "https://www.instagram.com/p/C9aB7xYz0Qw/",
      source: {
        endpoint: "RelayPrefetchedStreamCache:xdt_api__v1__media__shortcode__web_info",
        capturedAt: CAPTURED_AT,
      },
    });
  });
});

describe("the Instagram adapter's choice of responses", () => {
  it("matches the GraphQL and API v1 feed paths on Instagram's hosts", () => {
    for (const url of [
      "https://www.instagram.com/graphql/query",
      "https://www.instagram.com/graphql/query/?doc_id=123",
      "https://www.instagram.com/api/graphql",
      "https://www.instagram.com/api/v1/feed/timeline/",
      "https://i.instagram.com/api/v1/feed/user/1783921650/",
      "https://www.instagram.com/api/v1/feed/user/alba.ferments/username/?count=12",
      "https://www.instagram.com/api/v1/feed/reels_media/?reel_ids=1",
      "https://www.instagram.com/api/v1/clips/user/",
      "https://www.instagram.com/api/v1/media/3412210001112223334/info/",
    ]) {
      expect(instagramAdapter.matches(url), url).toBe(true);
    }
  });

  it("does not match direct messages, other sites, plain pages or http", () => {
    for (const url of [
      "https://www.instagram.com/api/v1/direct_v2/inbox/",
      "https://www.instagram.com/",
      "https://www.instagram.com/alba.ferments/",
      "http://www.instagram.com/graphql/query",
      "https://www.threads.com/api/graphql",
      "https://instagram.com.evil.example/graphql/query",
      "not a url",
    ]) {
      expect(instagramAdapter.matches(url), url).toBe(false);
    }
  });

  it("records a user feed's endpoint without the person's id or name", () => {
    const { body } = fixture("constructed-api-v1-clips-user.json");
    const byName = parse("https://www.instagram.com/api/v1/feed/user/kaicooks/username/?count=12", body);
    const byNumber = parse("https://i.instagram.com/api/v1/feed/user/4481726092/", body);
    expect(byName[0]?.source.endpoint).toBe("/api/v1/feed/user/:name/username/");
    expect(byNumber[0]?.source.endpoint).toBe("/api/v1/feed/user/:id/");
  });
});

describe("the Instagram adapter on hostile or unknown input", () => {
  const url = "https://www.instagram.com/graphql/query";

  it("yields nothing for shapes it does not know, and never throws", () => {
    for (const body of [null, 42, "text", [], {}, { data: null }, { data: { viewer: { id: "1" } } }, { errors: [] }]) {
      expect(parse(url, body)).toEqual([]);
    }
    expect(instagramAdapter.parseEmbedded(url, "<html><script>{</script>", { capturedAt: CAPTURED_AT })).toEqual([]);
    expect(instagramAdapter.parseEmbedded(url, 7 as unknown as string, { capturedAt: CAPTURED_AT })).toEqual([]);
  });

  it("drops media with wrong types, bad ids or unusable names, and caps huge captions", () => {
    const good = (fixture("constructed-graphql-user-timeline.json").body.data as Json)
      .xdt_api__v1__feed__user_timeline_graphql_connection as Json;
    const node = (good.edges as Json[])[0]?.node as Json;
    const variants: Json[] = [
      { ...node, id: "not-a-number", pk: "x1" },
      { ...node, id: "11_1", pk: "11", code: "../../etc" },
      { ...node, id: "12_1", pk: "12", user: { ...(node.user as Json), username: "bad name<script>" } },
      { ...node, id: "13_1", pk: "13", user: { ...(node.user as Json), pk: { nested: true }, pk_id: null, id: null } },
      { ...node, id: "14_1", pk: "14", caption: { text: "a".repeat(MAX_TEXT_LENGTH + 500) }, like_count: -3 },
      {
        ...node,
        id: "15_1",
        pk: "15",
        image_versions2: { candidates: [{ url: "javascript:alert(1)" }] },
        taken_at: 1e20,
      },
    ];
    const items = parse(url, { data: { feed: { edges: variants.map((entry) => ({ node: entry })) } } });
    expect(ids(items)).toEqual(["14", "15"]);
    expect(byId(items, "14")).toMatchObject({ text: "a".repeat(MAX_TEXT_LENGTH), metrics: { likes: null } });
    expect(byId(items, "15")).toMatchObject({ media: [], createdAt: null });
  });

  it("reads a post nested a few levels down but stops at a depth limit on deeply nested input", () => {
    const nested = (levels: number): unknown => {
      let value: unknown = { code: "C1", taken_at: 1, user: { pk: "1", username: "a" }, pk: "1" };
      for (let depth = 0; depth < levels; depth++) value = { next: value };
      return value;
    };
    expect(ids(parse(url, { data: { feed: nested(5) } }))).toEqual(["1"]);
    expect(parse(url, { data: { feed: nested(10_000) } })).toEqual([]);
  });
});
