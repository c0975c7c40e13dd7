import { describe, expect, it } from "vitest";
import { threadsAdapter } from "../../../extension/adapters/threads";
import { byId, CAPTURED_AT, sortedIds as ids, type Json, readingFixtures, valid } from "../../helpers/adapter-fixtures";

const { fixture, page: text, parse, parseFixture } = readingFixtures(threadsAdapter);
const id = (n: number) => `34567800000000000${String(n).padStart(2, "0")}`;

const THREAD_START = id(1);
const THREAD_NEXT = id(2);
const PHOTO = id(10);
const VIDEO = id(20);
const ORIGINAL = id(30);
const REPOST = id(31);
const QUOTED = id(40);
const QUOTE = id(41);
const REPLY = id(50);
const PRIVATE = id(60);
const LINKED = id(70);
const AD = id(80);
const UNAVAILABLE = id(90);
const ANSWER = "3456780000000000101";
const ANSWER_BACK = "3456780000000000102";
const PRIVATE_ANSWER = "3456780000000000103";

const FEED = "/api/graphql:feedData";

describe("the Threads adapter on responses constructed from the documented shapes", () => {
  it("returns exactly the public, available posts of a feed answer, each once and each a valid item", () => {
    const items = parseFixture("constructed-graphql-feed.json");
    expect(ids(items)).toEqual(
      [THREAD_START, THREAD_NEXT, PHOTO, REPOST, ORIGINAL, VIDEO, QUOTE, QUOTED, REPLY, LINKED, AD].sort(),
    );
    expect(items).toHaveLength(11);
    for (const item of items) {
      expect(item.source).toEqual({ endpoint: FEED, capturedAt: CAPTURED_AT });
      expect(item.platform).toBe("threads");
    }
    expect(items.some((item) => item.id === PRIVATE || item.id === UNAVAILABLE)).toBe(false);
  });

  it("reads a post: caption, author, date, counts of likes, reposts and replies, permalink on threads.com", () => {
    expect(byId(parseFixture("constructed-graphql-feed.json"), THREAD_START)).toEqual({
      platform: "threads",
      id: THREAD_START,
      url: "https://www.threads.com/@mira.writes/post/DA1tHrEaD01",
      kind: "post",
      text: "Notes from a week without a phone, a thread 🧵",
      author: { id: "63119944021", handle: "mira.writes", name: "Mira K." },
      createdAt: "2024-07-29T08:00:00.000Z",
      lang: null,
      media: [],
      metrics: { likes: 812, reposts: 22, replies: 64, views: null },
      promoted: false,
      originalId: null,
      replyToId: null,
      source: { endpoint: FEED, capturedAt: CAPTURED_AT },
    });
  });

  it("reads each post after the first of a thread as a reply to the one before it", () => {
    expect(byId(parseFixture("constructed-graphql-feed.json"), THREAD_NEXT)).toMatchObject({
      kind: "reply",
      replyToId: THREAD_START,
      text: "1/ The first two days were the hardest. I kept reaching for my pocket.",
      author: { handle: "mira.writes" },
    });
  });

  it("reads a reply shown alone from its text fragments, mention and link included", () => {
    expect(byId(parseFixture("constructed-graphql-feed.json"), REPLY)).toEqual({
      platform: "threads",
      id: REPLY,
      url: "https://www.threads.com/@oskar_builds/post/DA1rEpLy050",
      kind: "reply",
      text: "@tam.garden try the example.org/seeds catalogue",
      author: { id: "314216", handle: "oskar_builds", name: "oskar_builds" },
      createdAt: "2024-07-29T03:50:00.000Z",
      lang: null,
      media: [],
      metrics: { likes: 15, reposts: 0, replies: 1, views: null },
      promoted: false,
      originalId: null,
      replyToId: null,
      source: { endpoint: FEED, capturedAt: CAPTURED_AT },
    });
  });

  it("turns a repost into the reposter's item with the original's words, and keeps the original", () => {
    const items = parseFixture("constructed-graphql-feed.json");
    expect(byId(items, REPOST)).toEqual({
      platform: "threads",
      id: REPOST,
      url: "https://www.threads.com/@tam.garden/post/DA1rEpOsT31",
      kind: "repost",
      text: "Ship small things often.",
      author: { id: "5822770013", handle: "tam.garden", name: "tam.garden" },
      createdAt: "2024-07-28T23:40:00.000Z",
      lang: null,
      media: [],
      metrics: { likes: null, reposts: null, replies: null, views: null },
      promoted: false,
      originalId: ORIGINAL,
      replyToId: null,
      source: { endpoint: FEED, capturedAt: CAPTURED_AT },
    });
    expect(byId(items, ORIGINAL)).toMatchObject({
      kind: "post",
      author: { handle: "oskar_builds" },
      metrics: { likes: 9001, reposts: 1200, replies: 402, views: null },
    });
  });

  it("reads a quote as a quote of the quoted post, and returns the quoted post too", () => {
    const items = parseFixture("constructed-graphql-feed.json");
    expect(byId(items, QUOTE)).toMatchObject({
      kind: "quote",
      originalId: QUOTED,
      text: "This, and they have the best chairs",
      author: { handle: "tam.garden" },
    });
    expect(byId(items, QUOTED)).toMatchObject({ kind: "post", text: "Libraries are the last free indoor places." });
  });

  it("reads pictures, videos and the target of a link preview", () => {
    const items = parseFixture("constructed-graphql-feed.json");
    expect(byId(items, PHOTO).media).toEqual([
      {
        type: "image",
        url: "https://scontent-ams2-1.cdninstagram.com/v/t51.2885-15/tomatoes_a_n.jpg?stp=dst-jpg_e35&oh=00_AY0",
      },
      {
        type: "image",
        url: "https://scontent-ams2-1.cdninstagram.com/v/t51.2885-15/tomatoes_b_n.jpg?stp=dst-jpg_e35&oh=00_AY1",
      },
    ]);
    expect(byId(items, VIDEO).media).toEqual([
      {
        type: "video",
        url: "https://scontent-ams2-1.cdninstagram.com/o1/v/t16/f2/m69/shed_timelapse.mp4?efg=eyJ2ZW5jb2RlX3RhZyI6Inhwdl9wcm9ncmVzc2l2ZSJ9&oh=00_AZ1",
      },
    ]);
    expect(byId(items, LINKED).media).toEqual([{ type: "link", url: "https://example.com/articles/attention" }]);
  });

  it("keeps an ad as promoted and nothing else", () => {
    const items = parseFixture("constructed-graphql-feed.json");
    expect(items.filter((item) => item.promoted).map((item) => item.id)).toEqual([AD]);
  });

  it("reads a post page: the thread down to the post, then the replies to it, without private ones", () => {
    const items = parseFixture("constructed-graphql-post.json");
    expect(items.map((item) => item.id)).toEqual([THREAD_START, THREAD_NEXT, ANSWER, ANSWER_BACK]);
    expect(items.some((item) => item.id === PRIVATE_ANSWER)).toBe(false);
    expect(byId(items, ANSWER)).toMatchObject({
      kind: "reply",
      replyToId: THREAD_NEXT,
      author: { handle: "tam.garden" },
    });
    expect(byId(items, ANSWER_BACK)).toMatchObject({
      kind: "reply",
      replyToId: ANSWER,
      author: { handle: "mira.writes" },
    });
    expect(items[0]?.source.endpoint).toBe("/api/graphql:data");
  });

  it("reads the posts a profile page preloads in its HTML", () => {
    const page = text("constructed-profile-page.html");
    const items = valid(
      threadsAdapter.parseEmbedded("https://www.threads.com/@oskar_builds", page, { capturedAt: CAPTURED_AT }),
    );
    expect(items.map((item) => item.id)).toEqual([ORIGINAL, "3456780000000000200", VIDEO]);
    expect(items[0]).toMatchObject({
      url: "https://www.threads.com/@oskar_builds/post/DA1oRiGiN30",
      source: { endpoint: "RelayPrefetchedStreamCache:mediaData", capturedAt: CAPTURED_AT },
    });
  });

  it("never reads a post shared in a direct message", () => {
    const { url, body } = fixture("constructed-graphql-post.json");
    const thread = ((body.data as Json).data as Json).containing_thread;
    expect(parse(url, { data: { direct_inbox: { threads: [thread] } } })).toEqual([]);
    expect(parse(url, { data: { feed: { threads: [thread] } } })).toHaveLength(2);
  });

  it("drops a repost or quote of a private post, and the private post with it", () => {
    const { url, body } = fixture("constructed-graphql-feed.json");
    const copy = structuredClone(body);
    const edges = ((copy.data as Json).feedData as Json).edges as Json[];
    const repostThread = (edges[2] as Json).node as Json;
    const items0 = ((repostThread.text_post_app_thread as Json).thread_items as Json[])[0] as Json;
    const repost = items0.post as Json;
    const shared = ((repost.text_post_app_info as Json).share_info as Json).reposted_post as Json;
    (shared.user as Json).text_post_app_is_private = true;
    const items = parse(url, copy);
    expect(items.some((item) => item.id === REPOST || item.id === ORIGINAL)).toBe(false);
    expect(items).toHaveLength(9);
  });
});

describe("the Threads adapter's choice of responses", () => {
  it("matches the GraphQL path on threads.com and threads.net", () => {
    for (const url of [
      "https://www.threads.com/api/graphql",
      "https://www.threads.net/api/graphql",
      "https://threads.com/api/graphql/",
      "https://www.threads.com/graphql/query",
    ]) {
      expect(threadsAdapter.matches(url), url).toBe(true);
    }
  });

  it("does not match other paths, other sites or http", () => {
    for (const url of [
      "https://www.threads.com/@mira.writes",
      "https://www.threads.com/ajax/bz",
      "http://www.threads.com/api/graphql",
      "https://www.instagram.com/api/graphql",
      "https://threads.com.evil.example/api/graphql",
      "",
    ]) {
      expect(threadsAdapter.matches(url), url).toBe(false);
    }
  });
});

describe("the Threads adapter on hostile or unknown input", () => {
  const url = "https://www.threads.com/api/graphql";

  it("yields nothing for shapes it does not know, and never throws", () => {
    for (const body of [null, 0, "nope", [], {}, { data: 5 }, { data: { viewer: { user: null } } }, { errors: [{}] }]) {
      expect(parse(url, body)).toEqual([]);
    }
    expect(threadsAdapter.parseEmbedded(url, '<script data-sjs>{"__bbox":', { capturedAt: CAPTURED_AT })).toEqual([]);
  });

  it("drops posts with bad ids, codes or usernames and keeps thread order for the rest", () => {
    const base = {
      code: "DA1ok",
      taken_at: 1722240000,
      user: { pk: "9", username: "ok.user" },
      caption: { text: "<script>alert(1)</script>" },
    };
    const entries = [
      { post: { ...base, pk: "101" } },
      { post: { ...base, pk: "102", code: "a/b" } },
      { post: { ...base, pk: "103", user: { pk: "9", username: "no spaces allowed" } } },
      { post: { ...base, pk: { toString: "1" } } },
      {
        post: {
          ...base,
          pk: "105",
          like_count: "12",
          text_post_app_info: { repost_count: -1, direct_reply_count: 1.5 },
        },
      },
      { notAPost: true },
    ];
    const items = parse(url, { data: { feed: { thread_items: entries } } });
    expect(items.map((item) => item.id)).toEqual(["101", "105"]);
    expect(byId(items, "101")).toMatchObject({ text: "<script>alert(1)</script>", kind: "post", replyToId: null });
    expect(byId(items, "105")).toMatchObject({
      kind: "reply",
      replyToId: "103",
      metrics: { likes: 12, reposts: null, replies: null, views: null },
    });
  });
});
