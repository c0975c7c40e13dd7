import { describe, expect, it } from "vitest";
import { mastodonAdapter } from "../../../extension/adapters/mastodon";
import { MAX_TEXT_LENGTH } from "../../../shared/item";
import {
  byId,
  CAPTURED_AT,
  expectExactly,
  sortedIds as ids,
  type Json,
  readingFixtures,
} from "../../helpers/adapter-fixtures";

const { fixture, page, parse, parseFixture, parsePage } = readingFixtures(mastodonAdapter);
const homeStatuses = () => fixture<Json[]>("mastodonpy-home_tl-1.json").body;
const HOME = "https://mastodon.social/api/v1/timelines/home";

// For each file, the ids of every status whose visibility is public or unlisted (and, for a boost, whose boosted
// status is too), plus boosted and quoted statuses, found by a Python walk over the raw JSON, not by the adapter.
const FIXTURE_STATUSES: { file: string; endpoint: string; ids: string[] }[] = [
  {
    file: "mastodonpy-home_tl-1.json",
    endpoint: "/api/v1/timelines/home",
    ids: [
      "117020574694606796",
      "117020582721532745",
      "117020583000712307",
      "117020588169351887",
      "117020588242324937",
      "117020590470221822",
      "117020590477318485",
      "117020592137523525",
      "117020593473214477",
    ],
  },
  {
    file: "mastodonpy-hashtag_tl-1.json",
    endpoint: "/api/v1/timelines/tag/:tag",
    ids: ["117020593741189701"],
  },
  {
    file: "mastodonpy-list_timeline-1.json",
    endpoint: "/api/v1/timelines/list/:id",
    ids: [
      "117020574694606796",
      "117020582721532745",
      "117020588169351887",
      "117020588242324937",
      "117020590477318485",
      "117020592137523525",
      "117020598436551261",
    ],
  },
  ...["mastodonpy-public_tl-1.json", "mastodonpy-public_tl-2.json"].map((file) => ({
    file,
    endpoint: "/api/v1/timelines/public",
    ids: [
      "117020574694606796",
      "117020582721532745",
      "117020586180926938",
      "117020588169351887",
      "117020588242324937",
      "117020590477318485",
      "117020592137523525",
      "117020593378945190",
    ],
  })),
  { file: "mastodonpy-status_context-1.json", endpoint: "/api/v1/statuses/:id/context", ids: [] },
  {
    file: "derived-home_tl-boosts.json",
    endpoint: "/api/v1/timelines/home",
    ids: [
      "117020588242324937",
      "117020592137523525",
      "117020593473214477",
      "117020600000000001",
      "117020600000000003",
      "117020600000000004",
      "117020600000000005",
    ],
  },
  {
    file: "derived-status_context.json",
    endpoint: "/api/v1/statuses/:id/context",
    ids: ["117020574694606796", "117020600000000003", "117020600000000006"],
  },
];

describe("the Mastodon adapter on real captured responses", () => {
  for (const { file, endpoint, ids: expected } of FIXTURE_STATUSES) {
    it(`returns exactly the public and unlisted statuses of ${file}, each once and each a valid item`, () => {
      const items = parseFixture(file);
      expectExactly(items, { platform: "mastodon", endpoint, ids: expected });
    });
  }

  it("never returns a private or direct status of the home timeline", () => {
    const hidden = homeStatuses()
      .filter((status) => status.visibility === "private" || status.visibility === "direct")
      .map((status) => status.id as string);
    expect(hidden).toHaveLength(4);
    const returned = ids(parseFixture("mastodonpy-home_tl-1.json"));
    for (const id of hidden) expect(returned).not.toContain(id);
  });

  it("reads a status: words from its HTML, mentions as @names, author, counts, language and permalink", () => {
    expect(byId(parseFixture("mastodonpy-home_tl-1.json"), "117020588169351887")).toEqual({
      platform: "mastodon",
      id: "117020588169351887",
      url: "http://localhost:3000/@admin/117020588169351887",
      kind: "post",
      text: "@mastodonpy_test beep beep I'm a jeep",
      author: { id: "117020565693913441", handle: "admin", name: "admin" },
      createdAt: "2026-08-01T13:54:30.847Z",
      lang: "en",
      media: [],
      metrics: { likes: 0, reposts: 0, replies: 0, views: null },
      promoted: false,
      originalId: null,
      replyToId: null,
      source: { endpoint: "/api/v1/timelines/home", capturedAt: CAPTURED_AT },
    });
  });

  it("names an author by display name, falling back to the username when it is empty", () => {
    const items = parseFixture("mastodonpy-home_tl-1.json");
    expect(byId(items, "117020593473214477").author).toEqual({
      id: "117020565966271181",
      handle: "mastodonpy_test",
      name: "John Lennon",
    });
    expect(byId(items, "117020593473214477").kind).toBe("post");
    expect(byId(items, "117020592137523525").text).toBe("you can't say that on television");
  });

  it("reads a hashtag link as the tag's text", () => {
    expect(byId(parseFixture("mastodonpy-hashtag_tl-1.json"), "117020593741189701")).toMatchObject({
      text: "#hoot (hashtag toot)",
      lang: "ja",
      author: { id: "117020566092212359", handle: "mastodonpy_test_2", name: "mastodonpy_test_2" },
      createdAt: "2026-08-01T13:55:55.867Z",
      url: "http://localhost:3000/@mastodonpy_test_2/117020593741189701",
    });
  });

  it("keeps the instance's endpoint without the query string", () => {
    for (const item of parseFixture("mastodonpy-public_tl-2.json")) {
      expect(item.source.endpoint).toBe("/api/v1/timelines/public");
    }
  });
});

describe("boosts, replies, quotes, media and threads (derived from real statuses)", () => {
  const items = parseFixture("derived-home_tl-boosts.json");

  it("turns a boost into a repost by the booster that names the original, and returns the original too", () => {
    expect(byId(items, "117020600000000001")).toEqual({
      platform: "mastodon",
      id: "117020600000000001",
      url: "http://localhost:3000/ap/users/117020565966271181/statuses/117020600000000001/activity",
      kind: "repost",
      text: "on the internet, nobody knows you're a plane",
      author: { id: "117020565966271181", handle: "mastodonpy_test", name: "John Lennon" },
      createdAt: "2026-08-01T14:00:00.000Z",
      lang: "en",
      media: [],
      metrics: { likes: null, reposts: null, replies: null, views: null },
      promoted: false,
      originalId: "117020588242324937",
      replyToId: null,
      source: { endpoint: "/api/v1/timelines/home", capturedAt: CAPTURED_AT },
    });
    expect(byId(items, "117020588242324937")).toMatchObject({
      kind: "post",
      author: { handle: "admin" },
      metrics: { likes: 0, reposts: 1, replies: 0, views: null },
    });
  });

  it("returns neither a public boost of a private status nor the private status", () => {
    expect(ids(items)).not.toContain("117020600000000002");
    expect(ids(items)).not.toContain("117020585762235614");
    expect(items.map((item) => item.text)).not.toContain("bwooh! secret");
  });

  it("marks an answer as a reply to the status it answers", () => {
    expect(byId(items, "117020600000000003")).toMatchObject({
      kind: "reply",
      replyToId: "117020583000712307",
      originalId: null,
      metrics: { likes: 3, reposts: 2, replies: 1, views: null },
    });
  });

  it("reads media, the content warning first, line breaks, entities and full link addresses", () => {
    expect(byId(items, "117020600000000004")).toEqual({
      platform: "mastodon",
      id: "117020600000000004",
      url: "http://localhost:3000/@admin/117020600000000004",
      kind: "post",
      text:
        "plane photos\n\nLanding & take-off,\nseen from the #tower\n\n" +
        "More at https://example.org/planes/2026/landing-gallery <3",
      author: { id: "117020565693913441", handle: "admin", name: "admin" },
      createdAt: "2026-08-01T14:00:03.000Z",
      lang: "de",
      media: [
        {
          type: "image",
          url: "http://localhost:3000/system/media_attachments/files/117/020/600/000/000/100/original/plane.png",
        },
        {
          type: "gif",
          url: "http://localhost:3000/system/media_attachments/files/117/020/600/000/000/101/original/wheels.mp4",
        },
        { type: "video", url: "https://video.example.net/media/landing.mp4" },
        { type: "link", url: "https://example.org/planes/2026/landing-gallery" },
      ],
      metrics: { likes: 0, reposts: 0, replies: 0, views: null },
      promoted: false,
      originalId: null,
      replyToId: null,
      source: { endpoint: "/api/v1/timelines/home", capturedAt: CAPTURED_AT },
    });
  });

  it("turns a quote into a quote of the quoted status, without the RE: line kept for old clients", () => {
    expect(byId(items, "117020600000000005")).toMatchObject({
      kind: "quote",
      text: "they just did",
      originalId: "117020592137523525",
      replyToId: null,
    });
    expect(byId(items, "117020592137523525").kind).toBe("post");
  });

  it("reads a thread's ancestors and descendants, never its private or direct ones", () => {
    const thread = parseFixture("derived-status_context.json");
    expect(ids(thread)).toEqual(["117020574694606796", "117020600000000003", "117020600000000006"]);
    expect(byId(thread, "117020600000000006")).toMatchObject({
      kind: "reply",
      replyToId: "117020600000000003",
      text: "it's cool guy",
    });
  });
});

describe("which URLs it reads", () => {
  const status = homeStatuses().find((candidate) => candidate.id === "117020592137523525") as Json;

  it("matches the status timelines of any instance, by path alone", () => {
    const table: [string, boolean][] = [
      ["https://mastodon.social/api/v1/timelines/home?limit=40", true],
      ["https://fosstodon.org/api/v1/timelines/public?local=true", true],
      ["https://hachyderm.io/api/v1/timelines/tag/rust?any[]=go", true],
      ["https://social.example/api/v1/timelines/list/42", true],
      ["https://mastodon.social/api/v1/accounts/109302/statuses?exclude_replies=true", true],
      ["https://mastodon.social/api/v1/statuses/109302/context", true],
      ["https://mastodon.social/api/v1/statuses/109302", true],
      ["https://mastodon.social/api/v1/trends/statuses?offset=20", true],
      ["http://localhost:3000/api/v1/timelines/home", true],
      ["https://mastodon.social/api/v1/notifications", false],
      ["https://mastodon.social/api/v1/conversations", false],
      ["https://mastodon.social/api/v1/accounts/109302", false],
      ["https://mastodon.social/api/v1/timelines/direct", false],
      ["https://mastodon.social/api/v2/search?q=x", false],
      ["https://mastodon.social/@admin/109302", false],
      ["https://mastodon.social/api/v1/statuses/109302/context/extra", false],
      ["ftp://mastodon.social/api/v1/timelines/home", false],
      ["not a url", false],
      ["", false],
    ];
    for (const [url, expected] of table) expect([url, mastodonAdapter.matches(url)]).toEqual([url, expected]);
  });

  it("records each endpoint with ids and tags left out", () => {
    const table: [string, unknown, string][] = [
      ["https://a.example/api/v1/timelines/tag/ganzlangerhashtag?limit=5", [status], "/api/v1/timelines/tag/:tag"],
      ["https://a.example/api/v1/timelines/list/77/", [status], "/api/v1/timelines/list/:id"],
      ["https://a.example/api/v1/accounts/123456/statuses", [status], "/api/v1/accounts/:id/statuses"],
      ["https://a.example/api/v1/trends/statuses", [status], "/api/v1/trends/statuses"],
      ["https://a.example/api/v1/statuses/117020592137523525", status, "/api/v1/statuses/:id"],
      [
        "https://a.example/api/v1/statuses/1/context",
        { ancestors: [status], descendants: [] },
        "/api/v1/statuses/:id/context",
      ],
    ];
    for (const [url, body, endpoint] of table) {
      const items = parse(url, body);
      expect(items.map((item) => [item.id, item.source.endpoint])).toEqual([["117020592137523525", endpoint]]);
    }
  });

  it("reads nothing from a URL it does not match, nor from pages", () => {
    expect(parse("https://mastodon.social/api/v1/notifications", [status])).toEqual([]);
    expect(
      mastodonAdapter.parseEmbedded("https://mastodon.social/@admin", "<html></html>", { capturedAt: CAPTURED_AT }),
    ).toEqual([]);
  });
});

describe("pages", () => {
  it("keeps nothing from a status page: its JSON-LD and og tags never say whether the status is public", () => {
    const html = page("constructed-status-page.html");
    // The page does carry the status; it is its visibility that is missing (the API's answer at load has it).
    expect(html).toContain('"@type":"SocialMediaPosting"');
    expect(html).toContain('id="initial-state"');
    expect(parsePage(html, "https://mastodon.social/@ana_rios/113456789012345678")).toEqual([]);
  });
});

describe("malformed and hostile statuses", () => {
  const status = homeStatuses().find((candidate) => candidate.id === "117020592137523525") as Json;
  const withFields = (fields: Json) => ({ ...structuredClone(status), ...fields });

  it("returns [] for bodies that are not statuses, and never throws", () => {
    const bodies: unknown[] = [
      null,
      undefined,
      0,
      "<!DOCTYPE html><html><body>Mastodon is down</body></html>",
      '[{"id": "1", "visibility": "public"',
      {},
      { error: "Record not found" },
      { ancestors: "none", descendants: 5 },
      [null, 1, "x", [], {}, { id: {} }, { id: "1", visibility: "public" }],
    ];
    for (const body of bodies) expect(parse(HOME, body)).toEqual([]);
    expect(mastodonAdapter.parse(null as unknown as string, [status], { capturedAt: CAPTURED_AT })).toEqual([]);
  });

  it("skips a status without readable visibility, id or author, and keeps the others", () => {
    const body = [
      withFields({ id: "1", visibility: undefined }),
      withFields({ id: "2", visibility: "limited" }),
      withFields({ id: "" }),
      withFields({ id: "4", account: { id: "5" } }),
      withFields({ id: "6", account: null }),
      withFields({ id: "7" }),
      withFields({ id: "7", content: "<p>a second copy</p>" }),
    ];
    const items = parse(HOME, body);
    expect(ids(items)).toEqual(["7"]);
    expect(items[0]?.text).toBe("you can't say that on television");
  });

  it("ignores the answer to deleting a status, which carries its source text instead of content", () => {
    const { content: _content, ...deleted } = withFields({ text: "you can't say that on television" });
    expect(parse("https://mastodon.social/api/v1/statuses/117020592137523525", deleted)).toEqual([]);
  });

  it("keeps odd fields out of the item: non-http URLs, bad dates, negative counts, long languages", () => {
    const [item] = parse(HOME, [
      withFields({
        url: "javascript:alert(1)",
        uri: "tag:localhost,2026:status",
        created_at: "yesterday",
        favourites_count: -3,
        reblogs_count: "7",
        replies_count: 1.5,
        language: "a-language-code-that-is-far-too-long",
        in_reply_to_id: { id: "1" },
        media_attachments: [{ type: "image", url: "data:image/png;base64,AAAA" }, "junk", null],
        card: { url: "javascript:void(0)" },
      }),
    ]);
    expect(item).toMatchObject({
      url: null,
      createdAt: null,
      lang: null,
      kind: "post",
      replyToId: null,
      media: [],
      metrics: { likes: null, reposts: 7, replies: null, views: null },
    });
  });

  it("cuts a very long status at MAX_TEXT_LENGTH", () => {
    const [item] = parse(HOME, [withFields({ content: `<p>${"ab ".repeat(20_000)}</p>`, spoiler_text: "cw" })]);
    expect(item?.text).toHaveLength(MAX_TEXT_LENGTH);
    expect(item?.text.startsWith("cw\n\nab ab")).toBe(true);
  });

  it("reads HTML cut short, unclosed tags and stray brackets without throwing", () => {
    const contents = [
      '<p>one <a href="https://example.org/x',
      "<p>one<br><br><br><br>two</p></p></p>",
      "<p>1 < 2 and 3 > 2</p><script>alert(1)</script><p>end",
      "<!-- comment <p>hidden</p> --><p>shown</p>",
      "&#0; &#x110000; &#55296; &bogus; &amp;amp;",
    ];
    const texts = contents.map((content) => parse(HOME, [withFields({ content })])[0]?.text);
    expect(texts).toEqual([
      "one",
      "one\n\ntwo",
      "1 < 2 and 3 > 2\n\nend",
      "shown",
      "\uFFFD \uFFFD \uFFFD &bogus; &amp;",
    ]);
  });

  it("never throws, and returns only valid items, whatever value of a real response is replaced by junk", () => {
    const junk: unknown[] = [null, 0, -1, "", "<p>", [], {}, true, { id: "1" }];
    const original = fixture("derived-home_tl-boosts.json").body;
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
      const items = parse(HOME, body);
      for (const item of items) {
        expect(item.id).not.toBe("117020585762235614");
        expect(item.text).not.toContain("bwooh! secret");
      }
    });
  });
});
