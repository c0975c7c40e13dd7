import { describe, expect, it } from "vitest";
import { youtubeAdapter } from "../../../extension/adapters/youtube";
import { MAX_TEXT_LENGTH } from "../../../shared/item";
import { byId, CAPTURED_AT, ids, readingFixtures } from "../../helpers/adapter-fixtures";

const BROWSE = "https://www.youtube.com/youtubei/v1/browse?prettyPrint=false";
const reading = readingFixtures(youtubeAdapter);
const { fixture, parse, parseFixture, page } = reading;
const parsePage = (html: string, url = "https://www.youtube.com/") => reading.parsePage(html, url);
const homePage = () => page("constructed-home-page.html");

const noMetrics = { likes: null, reposts: null, replies: null, views: null };
const thumbnail = (id: string, query: string) => ({
  type: "image",
  url: `https://i.ytimg.com/vi/${id}/hq720.jpg?sqp=-oaymwEcCNACELwBSFXyq4qpAw4IARUAAIhCGAFwAcABBg==&rs=${query}`,
});

const TIDEWATER = { id: "UCq7Rt3kLm9Vx2pQ8sZ4wN1a", handle: "@TidewaterWorkshop", name: "Tidewater Workshop" };
const ORBIT = { id: "UCa1Bc2De3Fg4Hi5Jk6Lm7No", handle: "UCa1Bc2De3Fg4Hi5Jk6Lm7No", name: "Orbit Notes" };
const FJORD = { id: "UCf9Jd8Rs7Tq6Wp5Xo4Yn3Zm", handle: "@fjordfieldrecordings", name: "Fjord Field Recordings" };
const NOBODY = { id: "", handle: "", name: "" };

// Every renderer or view model that shows a video, Short, comment or post in each fixture, in page order; what is left
// out is said beside the list.
const FIXTURE_ITEMS: { file: string; endpoint: string; ids: string[] }[] = [
  {
    // The Shorts shelf's continuation button and a trailing continuationItemRenderer carry nothing.
    file: "constructed-browse-continuation.json",
    endpoint: "/youtubei/v1/browse",
    ids: ["Qw3Er5Ty7Ui", "Lm4Kt8Wq1Zs", "Op9As1Df3Gh", "Ad4Pv7Rm2Xz", "Gh6Jk8Lz0Xc", "Sh0rt3KlMnO"],
  },
  {
    file: "constructed-browse-posts.json",
    endpoint: "/youtubei/v1/browse",
    ids: [
      "UgkxQ7pR2sT4uV6wX8yZ0aB1cD3eF5gH7iJ9",
      "UgkxK2mN4pQ6rS8tU0vW2xY4zA6bC8dE0fG2",
      "UgkxZ9yX8wV7uT6sR5qP4oN3mL2kJ1iH0gF9",
      "UgkxB1cD2eF3gH4iJ5kL6mN7oP8qR9sT0uV1",
    ],
  },
  {
    // The compactPromotedVideoRenderer has no card text of its own: it is no item.
    file: "constructed-next-watch.json",
    endpoint: "/youtubei/v1/next",
    ids: ["k3Jd9Lx2QpA", "Qw3Er5Ty7Ui", "Rt5Yu7Io9Pa", "Gh6Jk8Lz0Xc", "Ws2Ed4Rf6Tg"],
  },
  {
    file: "constructed-next-comments.json",
    endpoint: "/youtubei/v1/next",
    ids: ["UgzP3bRt5kLm7nQ9sV1wX4AaABAg", "Ugw8sK2mD4fG6hJ8kL0pQ4AaABAg", "UgxT6yU8iO0pA2sD4fG6h4AaABAg"],
  },
  {
    file: "constructed-next-replies.json",
    endpoint: "/youtubei/v1/next",
    ids: [
      "UgzP3bRt5kLm7nQ9sV1wX4AaABAg.9zXq2Wv4Yb6Zc8Df0Gh2Jk",
      "UgzP3bRt5kLm7nQ9sV1wX4AaABAg.9zXq2Wv4Yb6Zc8Df0Gh3Lm",
      "UgyN0w7Th3rE4dA1bC2d4AaABAg",
    ],
  },
  {
    // The channelRenderer is a channel, not something posted.
    file: "constructed-search.json",
    endpoint: "/youtubei/v1/search",
    ids: ["Ad9Sr4Ch6Yv", "Rt5Yu7Io9Pa", "Ws2Ed4Rf6Tg", "Sh0rt4PqRsT", "Sh0rt5UvWxY", "Lv1Ve2St3Rm"],
  },
];

describe("the YouTube adapter", () => {
  it("matches the browse, next and search InnerTube calls of youtube.com only", () => {
    expect(youtubeAdapter.matches(BROWSE)).toBe(true);
    expect(youtubeAdapter.matches("https://m.youtube.com/youtubei/v1/next?key=abc")).toBe(true);
    expect(youtubeAdapter.matches("https://www.youtube.com/youtubei/v1/search")).toBe(true);
    expect(youtubeAdapter.matches("https://www.youtube.com/youtubei/v1/player?prettyPrint=false")).toBe(false);
    expect(youtubeAdapter.matches("https://www.youtube.com/youtubei/v1/log_event")).toBe(false);
    expect(youtubeAdapter.matches("https://evil.example/youtubei/v1/browse")).toBe(false);
    expect(youtubeAdapter.matches("http://www.youtube.com/youtubei/v1/browse")).toBe(false);
    expect(youtubeAdapter.matches("not a url")).toBe(false);
  });

  it.each(FIXTURE_ITEMS)("reads every item of $file, once, in page order", ({ file, endpoint, ids: wanted }) => {
    const items = parseFixture(file);
    expect(ids(items)).toEqual(wanted);
    for (const item of items) {
      expect(item.platform).toBe("youtube");
      expect(item.source).toEqual({ endpoint, capturedAt: CAPTURED_AT });
    }
  });

  it("reads the home page's first screen from ytInitialData: lockups, Shorts, an older card and an ad", () => {
    const items = parsePage(homePage());
    // The playlist lockup is no video; the script that only mentions ytInitialData is no assignment.
    expect(ids(items)).toEqual([
      "k3Jd9Lx2QpA",
      "Zr8Ad0Tq5Lk",
      "Lm4Kt8Wq1Zs",
      "Sh0rt1AbCdE",
      "Sh0rt2FgHiJ",
      "Vx9Ow3Ld7Hc",
      "Fj2Rd5Gh8Kl",
    ]);
    expect(byId(items, "k3Jd9Lx2QpA")).toEqual({
      platform: "youtube",
      id: "k3Jd9Lx2QpA",
      url: "https://www.youtube.com/watch?v=k3Jd9Lx2QpA",
      kind: "video",
      text: "Restoring a 1962 lathe — part 4: the headstock",
      author: TIDEWATER,
      createdAt: null,
      lang: null,
      media: [thumbnail("k3Jd9Lx2QpA", "AOn4CLDk3Jd9L")],
      metrics: { ...noMetrics, views: 1_200_000 },
      promoted: false,
      originalId: null,
      replyToId: null,
      source: { endpoint: "ytInitialData", capturedAt: CAPTURED_AT },
    });
    expect(byId(items, "Sh0rt1AbCdE")).toMatchObject({
      url: "https://www.youtube.com/shorts/Sh0rt1AbCdE",
      kind: "video",
      text: "Sharpening a chisel in 30 seconds",
      author: NOBODY,
      metrics: { ...noMetrics, views: 2_400_000 },
      promoted: false,
    });
    expect(byId(items, "Fj2Rd5Gh8Kl").metrics.views).toBe(0);
  });

  it("flags what sits in an ad slot as promoted, and nothing else", () => {
    const home = parsePage(homePage());
    expect(home.filter((item) => item.promoted).map((item) => item.id)).toEqual(["Zr8Ad0Tq5Lk"]);
    expect(byId(home, "Zr8Ad0Tq5Lk")).toMatchObject({
      text: "Acme Roastery — single origin, delivered fresh",
      author: { id: "UCb7Rn6Ad5Sp4On3So2Re1Dx", handle: "@AcmeRoastery", name: "Acme Roastery" },
      metrics: noMetrics,
    });
    const scrolled = parseFixture("constructed-browse-continuation.json");
    expect(scrolled.filter((item) => item.promoted).map((item) => item.id)).toEqual(["Ad4Pv7Rm2Xz"]);
    const search = parseFixture("constructed-search.json");
    expect(search.filter((item) => item.promoted).map((item) => item.id)).toEqual(["Ad9Sr4Ch6Yv"]);
    expect(byId(search, "Ad9Sr4Ch6Yv").text).toBe(
      "Acme Roastery lathe-turned grinder\n\nHand-made, for people who care.",
    );
  });

  it("keeps markup in a title as the words it is, never as HTML", () => {
    const item = byId(parsePage(homePage()), "Vx9Ow3Ld7Hc");
    expect(item.text).toBe(
      'Why <script>alert("x")</script> breaks naive scrapers & how to fix it\n\n' +
        "We look at what happens when markup ends up in a title.",
    );
    expect(item.author).toEqual(ORBIT);
    expect(item.metrics.views).toBe(45_210);
  });

  it("reads a scrolled video card's title, description snippet, channel and exact views", () => {
    const items = parseFixture("constructed-browse-continuation.json");
    expect(byId(items, "Op9As1Df3Gh")).toEqual({
      platform: "youtube",
      id: "Op9As1Df3Gh",
      url: "https://www.youtube.com/watch?v=Op9As1Df3Gh",
      kind: "video",
      text: "Nightly build notes: what changed in 0.21\n\nIn this update we cover the capture hook and the review page.",
      author: ORBIT,
      createdAt: null,
      lang: null,
      media: [thumbnail("Op9As1Df3Gh", "AOn4CLDOp9As1")],
      metrics: { ...noMetrics, views: 1024 },
      promoted: false,
      originalId: null,
      replyToId: null,
      source: { endpoint: "/youtubei/v1/browse", capturedAt: CAPTURED_AT },
    });
    // A lockup whose channel line links nowhere still names the channel, from its avatar's link.
    expect(byId(items, "Gh6Jk8Lz0Xc").author).toEqual(FJORD);
  });

  it("reads the watched video of a watch page with its description, exact views and the day it was published", () => {
    const items = parseFixture("constructed-next-watch.json");
    expect(items[0]).toEqual({
      platform: "youtube",
      id: "k3Jd9Lx2QpA",
      url: "https://www.youtube.com/watch?v=k3Jd9Lx2QpA",
      kind: "video",
      text:
        "Restoring a 1962 lathe — part 4: the headstock\n\nThe headstock comes apart.\nBearings, spindle and a " +
        "surprise inside.\n\nChapters:\n0:00 Intro\n3:12 Disassembly",
      author: TIDEWATER,
      createdAt: "2025-07-29T00:00:00.000Z",
      lang: null,
      media: [],
      metrics: { ...noMetrics, views: 1_204_332 },
      promoted: false,
      originalId: null,
      replyToId: null,
      source: { endpoint: "/youtubei/v1/next", capturedAt: CAPTURED_AT },
    });
    expect(byId(items, "Rt5Yu7Io9Pa").metrics.views).toBe(1_503_877);
  });

  it("reads comments from the entity payloads of frameworkUpdates, with likes and reply counts", () => {
    const items = parseFixture("constructed-next-comments.json");
    expect(items[0]).toEqual({
      platform: "youtube",
      id: "UgzP3bRt5kLm7nQ9sV1wX4AaABAg",
      // The continuation does not name its video, so there is no permalink and no video to answer.
      url: null,
      kind: "comment",
      text: "The sound when the spindle finally turned freely 👌",
      author: { id: "UCm1Rt2Ur3Ns4Me5Ta6Lx7Yz", handle: "@marta.turns.metal", name: "@marta.turns.metal" },
      createdAt: null,
      lang: null,
      media: [],
      metrics: { likes: 1200, reposts: null, replies: 14, views: null },
      promoted: false,
      originalId: null,
      replyToId: null,
      source: { endpoint: "/youtubei/v1/next", capturedAt: CAPTURED_AT },
    });
    expect(byId(items, "Ugw8sK2mD4fG6hJ8kL0pQ4AaABAg").text).toBe(
      "Which grease did you use on the bearings?\nAsking for my own 1958 model.",
    );
    // No number under a comment means nobody liked or answered it yet.
    expect(byId(items, "UgxT6yU8iO0pA2sD4fG6h4AaABAg").metrics).toEqual({ ...noMetrics, likes: 0, replies: 0 });
  });

  it("reads older comment renderers: a reply answers its thread, a top-level comment its video", () => {
    const items = parseFixture("constructed-next-replies.json");
    expect(items[0]).toEqual({
      platform: "youtube",
      id: "UgzP3bRt5kLm7nQ9sV1wX4AaABAg.9zXq2Wv4Yb6Zc8Df0Gh2Jk",
      url: "https://www.youtube.com/watch?v=k3Jd9Lx2QpA&lc=UgzP3bRt5kLm7nQ9sV1wX4AaABAg.9zXq2Wv4Yb6Zc8Df0Gh2Jk",
      kind: "comment",
      text: "@marta.turns.metal same here, it's the best moment of a rebuild",
      author: { ...TIDEWATER, name: "@TidewaterWorkshop" },
      createdAt: null,
      lang: null,
      media: [],
      metrics: { likes: 342, reposts: null, replies: null, views: null },
      promoted: false,
      originalId: null,
      replyToId: "UgzP3bRt5kLm7nQ9sV1wX4AaABAg",
      source: { endpoint: "/youtubei/v1/next", capturedAt: CAPTURED_AT },
    });
    expect(byId(items, "UgyN0w7Th3rE4dA1bC2d4AaABAg")).toMatchObject({
      replyToId: "k3Jd9Lx2QpA",
      metrics: { likes: 5, reposts: null, replies: 3, views: null },
    });
  });

  it("reads community posts with their images, or the video they share as a link", () => {
    const items = parseFixture("constructed-browse-posts.json");
    expect(byId(items, "UgkxK2mN4pQ6rS8tU0vW2xY4zA6bC8dE0fG2")).toEqual({
      platform: "youtube",
      id: "UgkxK2mN4pQ6rS8tU0vW2xY4zA6bC8dE0fG2",
      url: "https://www.youtube.com/post/UgkxK2mN4pQ6rS8tU0vW2xY4zA6bC8dE0fG2",
      kind: "post",
      text: "Tonight's prep #mealprep",
      author: { id: "UCz4Hh8gTn2Kp6Yb1Lc9Vd3e", handle: "@LumenKitchen", name: "Lumen Kitchen" },
      createdAt: null,
      lang: null,
      media: [
        { type: "image", url: "https://yt3.ggpht.com/lumenA1b2C3=s1080-c-fcrop64=1,00000000ffffffff-nd-v1" },
        { type: "image", url: "https://yt3.ggpht.com/lumenD4e5F6=s1080-c-fcrop64=1,00000000ffffffff-nd-v1" },
      ],
      metrics: { ...noMetrics, likes: 312 },
      promoted: false,
      originalId: null,
      replyToId: null,
      source: { endpoint: "/youtubei/v1/browse", capturedAt: CAPTURED_AT },
    });
    expect(byId(items, "UgkxB1cD2eF3gH4iJ5kL6mN7oP8qR9sT0uV1").media).toEqual([
      { type: "link", url: "https://www.youtube.com/watch?v=Fj2Rd5Gh8Kl" },
    ]);
    expect(byId(items, "UgkxZ9yX8wV7uT6sR5qP4oN3mL2kJ1iH0gF9").metrics.likes).toBeNull();
  });

  it("reads search results: cards with their snippets, Shorts shelves, and no views for a live stream", () => {
    const items = parseFixture("constructed-search.json");
    expect(byId(items, "Rt5Yu7Io9Pa").text).toBe(
      "Scraping paint without scraping the metal\n\nHow to strip an old lathe without damage.",
    );
    expect(byId(items, "Sh0rt5UvWxY")).toMatchObject({
      url: "https://www.youtube.com/shorts/Sh0rt5UvWxY",
      text: "Before / after: 1962 lathe",
      metrics: { ...noMetrics, views: 3_400_000 },
      media: [{ type: "image", url: "https://i.ytimg.com/vi/Sh0rt5UvWxY/frame0.jpg" }],
    });
    expect(byId(items, "Lv1Ve2St3Rm").metrics.views).toBeNull();
  });

  it("reads ytInitialData written as a quoted string, as the mobile site does", () => {
    const html = homePage();
    const start = html.indexOf("var ytInitialData = ") + "var ytInitialData = ".length;
    const end = html.indexOf(";</script>", start);
    const json = html.slice(start, end);
    const escaped = [...json].map((char) => (/[{}"'\\]/.test(char) ? `\\x${char.charCodeAt(0).toString(16)}` : char));
    const mobile = `<html><body><script>var ytInitialData = '${escaped.join("")}';</script></body></html>`;
    expect(ids(parsePage(mobile, "https://m.youtube.com/"))).toEqual(ids(parsePage(html)));
  });

  it("reads the player response of a first watch page for the exact upload time", () => {
    const { body } = fixture("constructed-next-watch.json");
    const player = {
      videoDetails: { videoId: "k3Jd9Lx2QpA", title: "t", viewCount: "1204400", author: "Tidewater Workshop" },
      microformat: { playerMicroformatRenderer: { publishDate: "2025-07-29T06:00:12-07:00" } },
    };
    const html =
      `<script>var ytInitialPlayerResponse = ${JSON.stringify(player)};var meta = document.createElement('meta');</script>` +
      `<script>var ytInitialData = ${JSON.stringify(body)};</script>`;
    const watched = parsePage(html, "https://www.youtube.com/watch?v=k3Jd9Lx2QpA")[0];
    expect(watched).toMatchObject({ id: "k3Jd9Lx2QpA", createdAt: "2025-07-29T13:00:12.000Z", author: TIDEWATER });
    expect(watched?.metrics.views).toBe(1_204_400);
  });

  it("yields nothing, and never throws, for unknown shapes, wrong types and broken pages", () => {
    for (const body of [null, 42, "text", [], {}, { contents: "x" }, { onResponseReceivedActions: [null, 1, "x"] }]) {
      expect(parse(BROWSE, body)).toEqual([]);
    }
    const wrongTypes = {
      contents: [{ videoRenderer: { videoId: 42, title: { runs: "x" } } }, { lockupViewModel: [] }],
    };
    expect(parse(BROWSE, wrongTypes)).toEqual([]);
    const badIds = [{ videoRenderer: { videoId: "short", title: { simpleText: "t" } } }];
    expect(parse(BROWSE, { contents: badIds })).toEqual([]);
    expect(parsePage('<html><script>var ytInitialData = {"a": </script></html>')).toEqual([]);
    expect(parsePage("<html><script>var ytInitialData = '\\x7b';</script></html>")).toEqual([]);
    expect(parsePage("")).toEqual([]);
    expect(
      youtubeAdapter.parseEmbedded("https://www.youtube.com/", undefined as unknown as string, {
        capturedAt: CAPTURED_AT,
      }),
    ).toEqual([]);
  });

  it("survives very deep nesting and cuts a huge title to the item limit", () => {
    let deep: unknown = { videoRenderer: { videoId: "Deep0000001", title: { simpleText: "deep" } } };
    for (let level = 0; level < 5000; level++) deep = { contents: [deep] };
    expect(parse(BROWSE, deep)).toEqual([]);
    const huge = "x".repeat(MAX_TEXT_LENGTH * 2);
    const items = parse(BROWSE, {
      contents: [{ videoRenderer: { videoId: "Huge0000001", title: { simpleText: huge } } }],
    });
    expect(items.map((item) => item.text.length)).toEqual([MAX_TEXT_LENGTH]);
  });
});
