import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { linkedinAdapter } from "../../../extension/adapters/linkedin";
import { type Item, itemSchema } from "../../../shared/item";

const CAPTURED_AT = "2026-08-01T12:00:00.000Z";
const FIXTURES = new URL("../../fixtures/linkedin/", import.meta.url);

type Json = Record<string, unknown>;
interface Saved {
  url: string;
  body: { data: Json; included: Json[] };
}

function fixture(name: string): Saved {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), "utf8")) as Saved;
}

function parse(url: string, body: unknown): Item[] {
  const items = linkedinAdapter.parse(url, body, { capturedAt: CAPTURED_AT });
  for (const item of items) itemSchema.parse(item);
  return items;
}

function byId(items: Item[], id: string): Item {
  const item = items.find((candidate) => candidate.id === id);
  if (!item) throw new Error(`no item ${id} among ${items.map((i) => i.id).join(", ")}`);
  return item;
}

const ids = (items: Item[]) => items.map((item) => item.id).sort();
const MAIN_FEED = "constructed-graphql-mainfeed.json";
const REST_FEED = "constructed-updatesV2.json";
const post = (id: string) => `https://www.linkedin.com/feed/update/urn:li:activity:${id}/`;

// Activity ids of the fixture's updates (the generator's list, minus the "people you may know" aggregate, which has
// no activity), plus its one comment.
const JANE = "7488522288153862835";
const PRIYA = "7488196670652596479";
const TOMAS_REPOST = "7488474139594911757";
const JANE_QUOTE = "7488541902761934575";
const AD = "7484879772057602766";
const PRIYA_VIDEO = "7487904704102601527";
const TOMAS_COMMENT = "7488528816537649374";

const updateUrn = (activity: string) => `urn:li:fsd_update:(urn:li:activity:${activity},MAIN_FEED,EMPTY,DEFAULT,false)`;

/** The fixture's update for an activity, to change one field of it. */
function updateOf(body: Saved["body"], activity: string): Json {
  const update = body.included.find(
    (entity) => entity.$type === "com.linkedin.voyager.dash.feed.Update" && entity.entityUrn === updateUrn(activity),
  );
  if (!update) throw new Error(`no update ${activity}`);
  return update;
}

describe("the LinkedIn adapter", () => {
  it("matches the Voyager feed by path, GraphQL whatever its query id, and nothing else", () => {
    const match = linkedinAdapter.matches;
    expect(match("https://www.linkedin.com/voyager/api/feed/updatesV2?count=10&q=feed&start=0")).toBe(true);
    expect(
      match("https://www.linkedin.com/voyager/api/graphql?variables=(start:0)&queryId=voyagerFeedDashMainFeed.1"),
    ).toBe(true);
    expect(match("https://www.linkedin.com/voyager/api/graphql?queryId=voyagerFeedDashMainFeed.ffff")).toBe(true);
    expect(
      match("https://www.linkedin.com/voyager/api/voyagerMessagingGraphQL/graphql?queryId=messengerMessages.1"),
    ).toBe(false);
    expect(match("https://www.linkedin.com/voyager/api/me")).toBe(false);
    expect(match("http://www.linkedin.com/voyager/api/feed/updatesV2")).toBe(false);
    expect(match("https://linkedin.example.com/voyager/api/feed/updatesV2")).toBe(false);
    expect(match("not a url")).toBe(false);
  });

  it("reads every update with an activity and every comment of a GraphQL main feed, resolving urns in included[]", () => {
    const { url, body } = fixture(MAIN_FEED);
    expect(ids(parse(url, body))).toEqual(
      [JANE, PRIYA, TOMAS_REPOST, JANE_QUOTE, AD, PRIYA_VIDEO, TOMAS_COMMENT].sort(),
    );
  });

  it("reads a post's author, words, image, counts, permalink and the time its id carries", () => {
    const { url, body } = fixture(MAIN_FEED);
    expect(byId(parse(url, body), JANE)).toEqual({
      platform: "linkedin",
      id: JANE,
      url: post(JANE),
      kind: "post",
      text: "Our new sediment survey of the Rhine delta is out. Three years of field work, 41 sampling sites, one very muddy team. #hydrology #fieldwork",
      author: { id: "urn:li:member:1093847", handle: "jane-okafor-hydro", name: "Jane Okafor" },
      createdAt: "2026-07-30T09:14:03.512Z",
      lang: null,
      media: [
        {
          type: "image",
          url: "https://media.licdn.com/dms/image/v2/D4E22AQGx7p1cQ2bK9w/feedshare-shrink_1280/0/survey-map.jpg?e=1790000000&v=beta&t=full",
        },
      ],
      metrics: { likes: 214, reposts: 9, replies: 18, views: null },
      promoted: false,
      originalId: null,
      replyToId: null,
      source: { endpoint: "/voyager/api/graphql/voyagerFeedDashMainFeed", capturedAt: CAPTURED_AT },
    });
  });

  it("reads a reshare without words as a repost showing the original, which is an item of its own", () => {
    const { url, body } = fixture(MAIN_FEED);
    const items = parse(url, body);
    const original = byId(items, PRIYA);
    const repost = byId(items, TOMAS_REPOST);
    expect(original.kind).toBe("post");
    expect(original.media).toEqual([{ type: "link", url: "https://example.org/preprints/sediment-2026" }]);
    expect(repost).toMatchObject({
      kind: "repost",
      text: original.text,
      media: original.media,
      originalId: PRIYA,
      author: { id: "urn:li:member:2209311", handle: "tomas-lindqvist-7a1b", name: "Tomas Lindqvist" },
      createdAt: "2026-07-30T06:02:44.001Z",
      metrics: { likes: 3, reposts: 0, replies: 0, views: null },
    });
  });

  it("reads a reshare with words as a quote keeping its own words, as plain text", () => {
    const { url, body } = fixture(MAIN_FEED);
    expect(byId(parse(url, body), JANE_QUOTE)).toMatchObject({
      kind: "quote",
      text: "This matches what we see in the delta. Worth a read <script>alert(1)</script> & worth a share.",
      originalId: PRIYA,
      media: [],
    });
  });

  it("reads the video a post plays from its video metadata entity", () => {
    const { url, body } = fixture(MAIN_FEED);
    expect(byId(parse(url, body), PRIYA_VIDEO).media).toEqual([
      {
        type: "video",
        url: "https://dms.licdn.com/playlist/vid/v2/D4E05AQHv1deoPlay/mp4-720p-30fp-crf28/0/1722184800000?e=1790000000&v=beta&t=abc",
      },
    ]);
  });

  it("reads a comment with its author, words, time and the post it answers", () => {
    const { url, body } = fixture(MAIN_FEED);
    expect(byId(parse(url, body), TOMAS_COMMENT)).toEqual({
      platform: "linkedin",
      id: TOMAS_COMMENT,
      url: `${post(JANE)}?commentUrn=urn%3Ali%3Acomment%3A(activity%3A${JANE}%2C${TOMAS_COMMENT})`,
      kind: "comment",
      text: "Congratulations! Is the raw data going to be public?",
      author: { id: "urn:li:fsd_profile:ACoAA2209311", handle: "tomas-lindqvist-7a1b", name: "Tomas Lindqvist" },
      createdAt: "2026-07-30T09:40:00.000Z",
      lang: null,
      media: [],
      metrics: { likes: null, reposts: null, replies: null, views: null },
      promoted: false,
      originalId: null,
      replyToId: JANE,
      source: { endpoint: "/voyager/api/graphql/voyagerFeedDashMainFeed", capturedAt: CAPTURED_AT },
    });
  });

  it("marks a sponsored update promoted, and only that one", () => {
    const { url, body } = fixture(MAIN_FEED);
    const items = parse(url, body);
    expect(items.filter((item) => item.promoted).map((item) => item.id)).toEqual([AD]);
    expect(byId(items, AD)).toMatchObject({
      author: { id: "urn:li:company:88123", handle: "riverline-analytics", name: "Riverline Analytics" },
      media: [{ type: "link", url: "https://riverline.example.com/demo?utm_source=linkedin" }],
    });
  });

  it("knows an ad by any one of its signs: sponsored tracking, an isSponsored flag, or a Promoted sub-description", () => {
    const promotedWith = (change: (update: Json) => void): boolean => {
      const { url, body } = fixture(MAIN_FEED);
      const update = updateOf(body, JANE);
      change(update);
      return byId(parse(url, body), JANE).promoted;
    };
    const metadata = (update: Json) => update.metadata as Json;
    const subDescription = (update: Json) => (update.actor as Json).subDescription as Json;
    expect(promotedWith(() => {})).toBe(false);
    expect(promotedWith((u) => Object.assign(metadata(u).trackingData as Json, { sponsoredTracking: { a: 1 } }))).toBe(
      true,
    );
    expect(promotedWith((u) => Object.assign(metadata(u), { isSponsored: true }))).toBe(true);
    expect(promotedWith((u) => Object.assign(u, { sponsored: true }))).toBe(true);
    expect(promotedWith((u) => Object.assign(subDescription(u), { text: "Promoted by Riverline" }))).toBe(true);
    expect(promotedWith((u) => Object.assign(subDescription(u), { text: "2h • Not Promoted" }))).toBe(false);
  });

  it("reads the older REST feed (updatesV2) with its miniProfile actors and inline metadata", () => {
    const { url, body } = fixture(REST_FEED);
    const items = parse(url, body);
    expect(ids(items)).toEqual(["7486752109363223253", "7488847292137489476", "7488852197376238499"]);
    expect(byId(items, "7488852197376238499")).toEqual({
      platform: "linkedin",
      id: "7488852197376238499",
      url: post("7488852197376238499"),
      kind: "post",
      text: "Finished the retrofit of the old weir today. Before and after in the photos.",
      author: { id: "urn:li:member:7712045", handle: "marco-bianchi-eng", name: "Marco Bianchi" },
      createdAt: "2026-07-31T07:05:00.000Z",
      lang: null,
      media: [
        {
          type: "image",
          url: "https://media.licdn.com/dms/image/v2/C4D22AQweir/feedshare-shrink_2048/0/weir-after.jpg?e=1790000000&v=beta&t=x",
        },
      ],
      metrics: { likes: 58, reposts: 1, replies: 6, views: null },
      promoted: false,
      originalId: null,
      replyToId: null,
      source: { endpoint: "/voyager/api/feed/updatesV2", capturedAt: CAPTURED_AT },
    });
    expect(byId(items, "7486752109363223253").promoted).toBe(true);
    expect(byId(items, "7488847292137489476").promoted).toBe(false);
  });

  it("leaves counts unknown when the social detail an update names is not included", () => {
    const { url, body } = fixture(MAIN_FEED);
    updateOf(body, JANE)["*socialDetail"] = "urn:li:fsd_socialDetail:(missing)";
    expect(byId(parse(url, body), JANE).metrics).toEqual({ likes: null, reposts: null, replies: null, views: null });
  });

  it("reads the first screen from the page's bpr-guid code blocks, skipping other and broken blocks", () => {
    const html = readFileSync(new URL("constructed-feed-page.html", FIXTURES), "utf8");
    const items = linkedinAdapter.parseEmbedded("https://www.linkedin.com/feed/", html, { capturedAt: CAPTURED_AT });
    for (const item of items) itemSchema.parse(item);
    const { url, body } = fixture(MAIN_FEED);
    const fromApi = byId(parse(url, body), JANE);
    expect(items).toEqual([{ ...fromApi, source: { endpoint: "<code id=bpr-guid-*>", capturedAt: CAPTURED_AT } }]);
    expect(linkedinAdapter.parseEmbedded("https://example.com/feed/", html, { capturedAt: CAPTURED_AT })).toEqual([]);
  });

  it("yields nothing, without throwing, for shapes it does not know", () => {
    const url = fixture(MAIN_FEED).url;
    for (const body of [
      null,
      [],
      "text",
      { data: {} },
      { included: [] },
      { data: [], included: [] },
      { data: {}, included: "x" },
      { data: {}, included: [null, 1, "urn:li:activity:1", { entityUrn: 5 }] },
      { data: {}, included: [{ entityUrn: "urn:li:fsd_update:(urn:li:activity:abc)", actor: {} }] },
    ]) {
      expect(parse(url, body)).toEqual([]);
    }
  });

  it("skips an update whose actor names nobody, and one whose reshare points at itself stays a post", () => {
    const { url, body } = fixture(MAIN_FEED);
    updateOf(body, PRIYA_VIDEO).actor = { name: { text: "Nobody" } };
    updateOf(body, JANE)["*resharedUpdate"] = updateOf(body, JANE).entityUrn;
    const items = parse(url, body);
    expect(items.map((item) => item.id)).not.toContain(PRIYA_VIDEO);
    expect(byId(items, JANE)).toMatchObject({ kind: "post", originalId: null });
  });
});
