import { describe, expect, it } from "vitest";
import { tiktokAdapter } from "../../../extension/adapters/tiktok";
import { MAX_TEXT_LENGTH } from "../../../shared/item";
import { byId, CAPTURED_AT, ids, readingFixtures } from "../../helpers/adapter-fixtures";

const RECOMMEND = "https://www.tiktok.com/api/recommend/item_list/?aid=1988&count=9";
const reading = readingFixtures(tiktokAdapter);
const { parse, parseFixture, page } = reading;
const parsePage = (html: string) =>
  reading.parsePage(html, "https://www.tiktok.com/@maren.bakes/video/7398001122334455667");
const videoPage = () => page("constructed-video-page.html");

const MAREN = { id: "6912345678901234567", handle: "maren.bakes", name: "Maren 🍞" };
const SHAPING = "7398001122334455667";

describe("the TikTok adapter", () => {
  it("matches the item_list and search APIs of tiktok.com by path, whatever the query", () => {
    expect(tiktokAdapter.matches(RECOMMEND)).toBe(true);
    expect(tiktokAdapter.matches("https://www.tiktok.com/api/post/item_list/?secUid=x&cursor=0")).toBe(true);
    expect(tiktokAdapter.matches("https://www.tiktok.com/api/related/item_list/?itemID=1")).toBe(true);
    expect(tiktokAdapter.matches("https://www.tiktok.com/api/search/general/full/?keyword=a")).toBe(true);
    expect(tiktokAdapter.matches("https://www.tiktok.com/api/search/item/full/?keyword=a")).toBe(true);
    expect(tiktokAdapter.matches("https://www.tiktok.com/api/user/detail/?uniqueId=a")).toBe(false);
    expect(tiktokAdapter.matches("https://www.tiktok.com/api/im/message/list/")).toBe(false);
    expect(tiktokAdapter.matches("https://tiktok.evil.example/api/recommend/item_list/")).toBe(false);
    expect(tiktokAdapter.matches("http://www.tiktok.com/api/recommend/item_list/")).toBe(false);
  });

  it("reads the For You feed: public videos and photo posts, never live rooms, private or friends-only items", () => {
    const items = parseFixture("constructed-recommend-item_list.json");
    // Left out: a live room (liveRoomInfo), a private account's video, a friends-only video.
    expect(ids(items)).toEqual([
      SHAPING,
      "7398112233445566778",
      "7398223344556677889",
      "7398667788990011223",
      "7398778899001122334",
    ]);
    expect(byId(items, SHAPING)).toEqual({
      platform: "tiktok",
      id: SHAPING,
      url: `https://www.tiktok.com/@maren.bakes/video/${SHAPING}`,
      kind: "video",
      text: "Sourdough shaping, slowed down #sourdough #bread",
      author: MAREN,
      createdAt: "2024-08-01T00:00:00.000Z",
      lang: "en",
      media: [
        {
          type: "image",
          url: "https://p16-sign-va.tiktokcdn.com/obj/tos-maliva-p-0068/b4f08ffd06aecf01786316c3807630b7?x-expires=1754222400&x-signature=c0v%3D",
        },
        { type: "video", url: expect.stringMatching(/^https:\/\/v16-webapp-prime\.tiktok\.com\/video\/tos\//) },
      ],
      metrics: { likes: 48210, reposts: 1203, replies: 388, views: 612000 },
      promoted: false,
      originalId: null,
      replyToId: null,
      source: { endpoint: "/api/recommend/item_list/", capturedAt: CAPTURED_AT },
    });
  });

  it("flags ads as promoted", () => {
    const items = parseFixture("constructed-recommend-item_list.json");
    expect(items.filter((item) => item.promoted).map((item) => item.id)).toEqual(["7398112233445566778"]);
    expect(byId(items, "7398112233445566778").author).toEqual({
      id: "7256789012345678901",
      handle: "acmeroastery",
      name: "Acme Roastery",
    });
  });

  it("reads a photo post as a post with all its images, and an unknown language as none", () => {
    const photo = byId(parseFixture("constructed-recommend-item_list.json"), "7398667788990011223");
    expect(photo.kind).toBe("post");
    expect(photo.url).toBe("https://www.tiktok.com/@kit.and.kaboodle/photo/7398667788990011223");
    expect(photo.lang).toBeNull();
    expect(photo.media).toHaveLength(4);
    expect(photo.media.every((media) => media.type === "image")).toBe(true);
  });

  it("keeps markup in a caption as the words it is, and a creation time sent as a string", () => {
    const item = byId(parseFixture("constructed-recommend-item_list.json"), "7398223344556677889");
    expect(item.text).toBe("Send it 🧗 <script>alert(1)</script> #climbing");
    expect(item.createdAt).toBe("2024-07-30T00:00:00.000Z");
    expect(item.lang).toBe("es");
  });

  it("reads a profile's videos and leaves out a private one", () => {
    const items = parseFixture("constructed-post-item_list.json");
    expect(ids(items)).toEqual(["7391000000000000001", SHAPING]);
    expect(items.every((item) => item.source.endpoint === "/api/post/item_list/")).toBe(true);
    expect(byId(items, "7391000000000000001").metrics).toEqual({
      likes: 90210,
      reposts: 4020,
      replies: 1200,
      views: 1_800_000,
    });
  });

  it("reads search results that carry an item, not users or live rooms", () => {
    const items = parseFixture("constructed-search-general.json");
    expect(ids(items)).toEqual(["7395550000000000001", "7395550000000000002"]);
    expect(byId(items, "7395550000000000001")).toMatchObject({
      text: "Beginner bouldering mistakes #climbing",
      author: { id: "7023456789012345678", handle: "tomas_climbs", name: "Tomás Ruiz" },
      createdAt: "2024-07-20T18:26:40.000Z",
      source: { endpoint: "/api/search/general/full/", capturedAt: CAPTURED_AT },
    });
  });

  it("reads the video of a video page from __UNIVERSAL_DATA_FOR_REHYDRATION__", () => {
    const items = parsePage(videoPage());
    expect(ids(items)).toEqual([SHAPING]);
    expect(items[0]).toMatchObject({
      url: `https://www.tiktok.com/@maren.bakes/video/${SHAPING}`,
      author: MAREN,
      createdAt: "2024-08-01T00:00:00.000Z",
      metrics: { likes: 48222, reposts: 1204, replies: 389, views: 613001 },
      source: { endpoint: "__UNIVERSAL_DATA_FOR_REHYDRATION__", capturedAt: CAPTURED_AT },
    });
  });

  it("reads older pages' SIGI_STATE, where the author is a handle beside the item", () => {
    const state = {
      ItemModule: {
        "7111111111111111111": {
          id: "7111111111111111111",
          desc: "old page",
          createTime: "1650000000",
          author: "maren.bakes",
          authorId: "6912345678901234567",
          nickname: "Maren 🍞",
          stats: { diggCount: 5, shareCount: 1, commentCount: 0, playCount: 90 },
          video: {},
        },
      },
    };
    const html = `<script id="SIGI_STATE" type="application/json">${JSON.stringify(state)}</script>`;
    expect(parsePage(html)).toEqual([
      {
        platform: "tiktok",
        id: "7111111111111111111",
        url: "https://www.tiktok.com/@maren.bakes/video/7111111111111111111",
        kind: "video",
        text: "old page",
        author: MAREN,
        createdAt: "2022-04-15T05:20:00.000Z",
        lang: null,
        media: [],
        metrics: { likes: 5, reposts: 1, replies: 0, views: 90 },
        promoted: false,
        originalId: null,
        replyToId: null,
        source: { endpoint: "SIGI_STATE", capturedAt: CAPTURED_AT },
      },
    ]);
  });

  it("yields nothing, and never throws, for unknown shapes, wrong types and broken pages", () => {
    for (const body of [null, 7, "x", [], {}, { itemList: "x" }, { itemList: [null, 1, "x", []] }, { data: [{}] }]) {
      expect(parse(RECOMMEND, body)).toEqual([]);
    }
    const wrongTypes = { itemList: [{ id: 12.5, desc: "a" }, { id: "abc", desc: "b" }, { id: { x: 1 } }] };
    expect(parse(RECOMMEND, wrongTypes)).toEqual([]);
    const odd = parse(RECOMMEND, { itemList: [{ id: "1", author: "not/a handle", createTime: -5, stats: "x" }] });
    expect(odd).toMatchObject([{ id: "1", url: null, createdAt: null, text: "", metrics: { likes: null } }]);
    expect(parsePage('<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application/json">{"a":')).toEqual([]);
    expect(parsePage('<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__">{"__DEFAULT_SCOPE__": 5}</script>')).toEqual([]);
    expect(parsePage("")).toEqual([]);
  });

  it("cuts a huge caption to the item limit and drops URLs that are no http(s)", () => {
    const items = parse(RECOMMEND, {
      itemList: [
        {
          id: "2",
          desc: "y".repeat(MAX_TEXT_LENGTH + 10),
          author: { id: "3", uniqueId: "a", nickname: "A" },
          video: { cover: "javascript:alert(1)", playAddr: `https://x.example/${"p".repeat(3000)}` },
        },
      ],
    });
    expect(items.map((item) => [item.text.length, item.media])).toEqual([[MAX_TEXT_LENGTH, []]]);
  });
});
