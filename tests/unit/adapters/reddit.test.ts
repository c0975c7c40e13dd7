import { describe, expect, it } from "vitest";
import { redditAdapter } from "../../../extension/adapters/reddit";
import { MAX_TEXT_LENGTH } from "../../../shared/item";
import {
  byId,
  CAPTURED_AT,
  expectExactly,
  sortedIds as ids,
  type Json,
  readingFixtures,
} from "../../helpers/adapter-fixtures";

type Thing = { kind: string; data: Json };
type Listing = { kind: "Listing"; data: { children: Thing[] } & Json };
const { fixture, page: fixtureText, parse, parseFixture, parsePage } = readingFixtures(redditAdapter);
const parseEmbedded = (url: string, html: string) => parsePage(html, url);
const words = (text: string) => text.trim().split(/\s+/);

/** A real post of the r/redditdev thread, to change one field at a time. */
function threadPost(): Json {
  const [posts] = fixture<Listing[]>("praw-TestSubmission-test_comments-1.json").body;
  return structuredClone(posts?.data.children[0]?.data) as Json;
}

function listingOf(...things: Thing[]): Listing {
  return { kind: "Listing", data: { children: things, after: null, before: null } };
}

const THREAD_URL = "https://oauth.reddit.com/comments/2gmzqe/?sort=confidence&raw_json=1";
const FEED_URL = "https://www.reddit.com/svc/shreddit/community-more-posts/hot/?after=dDNf&t=DAY&name=programming";
const PAGE_URL = "https://www.reddit.com/r/AskHistorians/comments/1vc0abc/how_were_medieval_bridges_financed/";

// Every `{"kind": "t1"|"t3", "data": …}` anywhere in each file, except comments whose body is "[deleted]" or
// "[removed]", found by a generic walk in Python over the raw JSON, independently of the adapter.
const FIXTURE_THINGS: { file: string; endpoint: string; ids: string[] }[] = [
  {
    file: "praw-TestFront-test_best-1.json",
    endpoint: "/best",
    ids: words(`
      8h71zh 8h75oo 8h787k 8h7alq 8h7cnv 8h7gif 8h7i0h 8h7iyo 8h7jvq 8h7jzx 8h7k3g 8h7leb 8h7mj4 8h7ms2
      8h7npd 8h7ot0 8h7qja 8h7qs6 8h7r4f 8h7siq 8h7tyq 8h7u4g 8h7ulb 8h7upd 8h7vl0 8h7wk4 8h7wtu 8h7x1f
      8h7ymm 8h7yxa 8h7ziw 8h7zj8 8h8041 8h8134 8h829z 8h83dv 8h83um 8h84d1 8h85tt 8h86cy 8h88oq 8h88sh
      8h894m 8h899i 8h8ayy 8h8b4t 8h8c0w 8h8efd 8h8g1q 8h8h1a 8h8hmk 8h8huo 8h8kgs 8h8kv8 8h8l3n 8h8pwt
      8h8tmp 8h8ukn 8h8uoi 8h8v1b 8h8vtb 8h8w1l 8h8y3s 8h91m7 8h92nf 8h93h2 8h94ma 8h953a 8h95yv 8h9605
      8h96ld 8h987e 8h98vl 8h99et 8h99tg 8h9aho 8h9cel 8h9e4k 8h9g31 8h9h5k 8h9htz 8h9jy5 8h9ksf 8h9n3j
      8h9oio 8h9rf9 8h9riz 8h9v02 8h9vz6 8h9wo7 8h9xqa 8h9y1e 8h9yy6 8ha7rv 8ha91c 8haa9n 8hacb7 8hacwl
      8hagya 8hak2k
    `),
  },
  {
    file: "praw-TestFront-test_hot-1.json",
    endpoint: "/hot",
    ids: words(`
      4890oq 489eor 489urr 489w4y 489waa 489x09 48a0uy 48a1w4 48a25r 48a2oq 48a3tj 48a45k 48a6f9 48a77m
      48a8mb 48a8x4 48a9sm 48aawc 48aee9 48ah35 48ahrx 48ai2w 48aj9b 48ak39 48altl 48ap4b 48apbs 48aq82
      48aqup 48aqzd 48ara5 48auxn 48auzp 48b1ll 48b1x8 48b9sn 48bd52 48bg8d 48bojf 48bpgl 48br75 48btc8
      48bura 48bv0v 48bv8o 48c31c 48c4mn 48c4vj 48c8s1 48caqh 48caxp 48cen2 48ch08 48ch3r 48chw7 48ciqg
      48cj0d 48clog 48cpxz 48cqwd 48cusy 48cuwz 48cw3p 48cx84 48d25k 48d26q 48d505 48d57w 48d5la 48d6ct
      48d802 48da67 48dath 48ddai 48dewp 48dgl4 48dhs1 48dmx2 48dnfp 48dnk1 48dnth 48dp7m 48dpkx 48dq4v
      48dr7c 48drj3 48dtj9 48du2x 48dunx 48duo3 48dx2d 48dxmq 48dxvx 48dyed 48e0oj 48e4ss 48e7mz 48e7nr
      48ea64 48ekm6
    `),
  },
  {
    file: "praw-TestFront-test_new-1.json",
    endpoint: "/new",
    ids: words(`
      48ezfg 48ezgj 48ezgm 48ezh0 48ezhc 48ezhe 48ezj3 48ezj9 48ezkp 48ezku 48ezl7 48ezl8 48ezma 48ezn3
      48ezna 48ezos 48ezpm 48ezq2 48ezq6 48ezql 48ezr2 48ezsk 48ezt7 48ezu0 48ezud 48ezv1 48ezw7 48ezw8
      48ezwm 48ezwq 48ezwv 48ezwy 48ezx3 48ezxc 48ezxi 48ezzd 48ezzl 48f00q 48f018 48f01s 48f01v 48f02z
      48f037 48f03g 48f03p 48f03y 48f045 48f04k 48f05h 48f07a 48f07f 48f085 48f08f 48f08s 48f098 48f09j
      48f09v 48f0as 48f0bf 48f0bq 48f0ch 48f0d9 48f0df 48f0do 48f0du 48f0ej 48f0f8 48f0fp 48f0fr 48f0gb
      48f0gm 48f0gv 48f0gx 48f0hd 48f0hh 48f0hw 48f0i0 48f0ii 48f0ij 48f0ix 48f0k7 48f0kh 48f0ks 48f0lp
      48f0ls 48f0ly 48f0md 48f0mp 48f0mx 48f0mz 48f0n7 48f0nu 48f0om 48f0q4 48f0q7 48f0qj 48f0qs 48f0qw
      48f0ri 48f0th
    `),
  },
  {
    file: "praw-TestMultiredditListings-test_comments-1.json",
    endpoint: "/user/:name/m/:multi/comments",
    ids: words(`
      d5fn584 d5fn5au d5fn5ft d5fn5if d5fn5l6 d5fn5mq d5fn5n8 d5fn5ub d5fn61o d5fn68s d5fn6mn d5fn6xw
      d5fn73u d5fn76b d5fn79b d5fn7ga d5fn7po d5fn7t3 d5fn7uf d5fn864 d5fn8d7 d5fn8h2 d5fn905 d5fn93p
      d5fn9do d5fn9k0 d5fnaa5 d5fnacm d5fnad5 d5fnags d5fnajx d5fnavx d5fnb2k d5fnb45 d5fnb4f d5fnb4l
      d5fnb6j d5fnb9s d5fnbmj d5fnbw5 d5fnbxd d5fncb8 d5fncem d5fnchl d5fncnx d5fnd1j d5fndck d5fnddh
      d5fne3h d5fne6y d5fneaz d5fnehq d5fnemd d5fnenc d5fneqj d5fnev8 d5fnezc d5fnf1k d5fnffq d5fnfn0
      d5fnfq2 d5fnfr2 d5fnfrp d5fng46 d5fngdn d5fngs0 d5fngwp d5fngyu d5fnhh0 d5fnhvg d5fni21 d5fni7a
      d5fnji5 d5fnjrc d5fnkc2 d5fnkvk d5fnkx8 d5fnl0i d5fnl8c d5fnl97 d5fnlps d5fnlra d5fnlt1 d5fnlxk
      d5fnm5n d5fnmuo d5fnn0c d5fnnoo d5fnoa0 d5fnoej d5fnork d5fnplz d5fnpqr d5fnpz1 d5fnq1u d5fnq3u
      d5fnqg8 d5fnqh4 d5fnqtg d5fnqtv
    `),
  },
  {
    file: "praw-TestSubmission-test_comments-1.json",
    endpoint: "/comments/:id",
    ids: words(`
      2gmzqe cklfmye cklhv0f
    `),
  },
  {
    file: "praw-TestSubredditListings-test_hot-1.json",
    endpoint: "/r/:sub/hot",
    ids: words(`
      46c00m 487b9m 487frn 488gwi 488k4a 4894gv 489vq7 48a6ak 48a8ki 48abur 48ac38 48aiwj 48ap4b 48ar8y
      48asf9 48at86 48ata5 48auf2 48av0m 48axxq 48aya2 48b1hr 48b1x8 48b2pq 48b83n 48baf5 48benr 48bhkk
      48blom 48bps1 48bvot 48c5xz 48cci0 48cdxf 48chyr 48cih3 48ciot 48ckvs 48coru 48cu42 48cv0n 48cvk3
      48cx6i 48dalp 48dath 48dbma 48dbwc 48ddud 48de9j 48denr 48dfdh 48dghe 48dh13 48di3q 48dibf 48dj4w
      48dj7e 48djxl 48dkdf 48dlnt 48dmxr 48dn16 48ds2t 48dskz 48dvmq 48dww5 48dyrx 48dyyd 48e0bw 48e1qv
      48e1x1 48e443 48e48v 48e5j3 48e62d 48e7n4 48e8by 48ebu2 48ecmq 48ed16 48egp4 48egqh 48emr5 48ene9
      48ent8 48eti2 48eugq 48eugs 48exet 48ezxi 48f3eo 48f4ad 48f4fh 48f4ms 48f5ql 48f5tr 48f79b 48f7ry
      48f7tp 48f90s 48f9n8 48f9pq
    `),
  },
];

describe("the Reddit adapter on real listings", () => {
  for (const { file, endpoint, ids: expected } of FIXTURE_THINGS) {
    it(`returns exactly the posts and comments of ${file}, each once and each a valid item`, () => {
      const items = parseFixture(file);
      expectExactly(items, { platform: "reddit", endpoint, ids: expected });
    });
  }

  it("reads a self post as its title and text, and its comments with the comment or post each answers", () => {
    const items = parseFixture("praw-TestSubmission-test_comments-1.json");
    expect(byId(items, "2gmzqe")).toEqual({
      platform: "reddit",
      id: "2gmzqe",
      url: "https://www.reddit.com/r/redditdev/comments/2gmzqe/praw_https_enabled_praw_testing_needed/",
      kind: "post",
      text:
        "[PRAW] HTTPS enabled PRAW testing needed\n\nPRAW client developers,\n\nI have made a PRAW branch to test " +
        "using only HTTPS over the API. This change requires some testers to see if there any issues that did not " +
        "come up from our set of unit tests. This is the first of a few improvements that will (hopefully soon) be " +
        "released with PRAW version 3. If you want to start using HTTPS exclusively through PRAW please update via " +
        "the following:\n\n    pip install git+git://github.com/praw-dev/praw.git@praw3\n\nIf you experience any " +
        "issues feel free to report them here, however filing a bug on github " +
        "(https://github.com/praw-dev/praw/issues) would be ideal. Thanks!",
      author: { id: "", handle: "bboe", name: "bboe" },
      createdAt: "2014-09-17T06:34:31.000Z",
      lang: null,
      media: [],
      metrics: { likes: 11, reposts: null, replies: 2, views: null },
      promoted: false,
      originalId: null,
      replyToId: null,
      source: { endpoint: "/comments/:id", capturedAt: CAPTURED_AT },
    });
    expect(byId(items, "cklfmye")).toEqual({
      platform: "reddit",
      id: "cklfmye",
      url: "https://www.reddit.com/r/redditdev/comments/2gmzqe/comment/cklfmye/",
      kind: "comment",
      text:
        "Quick question: I remember reading about an issue where the proxy settings for https requests were not " +
        "getting picked up from the environment variables. Does this branch have that fix? Thanks",
      author: { id: "", handle: "paneer_burrito", name: "paneer_burrito" },
      createdAt: "2014-09-18T01:51:52.000Z",
      lang: null,
      media: [],
      metrics: { likes: 1, reposts: null, replies: null, views: null },
      promoted: false,
      originalId: null,
      replyToId: "2gmzqe",
      source: { endpoint: "/comments/:id", capturedAt: CAPTURED_AT },
    });
    expect(byId(items, "cklhv0f")).toMatchObject({ kind: "comment", replyToId: "cklfmye", author: { handle: "bboe" } });
  });

  it("reads an image post, a Reddit video (a GIF when Reddit says so) and a crosspost count", () => {
    const items = parseFixture("praw-TestFront-test_best-1.json");
    expect(byId(items, "8h71zh")).toEqual({
      platform: "reddit",
      id: "8h71zh",
      url: "https://www.reddit.com/r/WhitePeopleTwitter/comments/8h71zh/ever_been_in_a_storm_wally/",
      kind: "post",
      text: "Ever been in a storm, Wally?",
      author: { id: "", handle: "insomnolescent", name: "insomnolescent" },
      createdAt: "2018-05-05T11:52:22.000Z",
      lang: null,
      media: [{ type: "image", url: "https://i.redd.it/iawliai201w01.jpg" }],
      metrics: { likes: 39375, reposts: 1, replies: 385, views: null },
      promoted: false,
      originalId: null,
      replyToId: null,
      source: { endpoint: "/best", capturedAt: CAPTURED_AT },
    });
    expect(byId(items, "8h7yxa").media).toEqual([{ type: "gif", url: "https://v.redd.it/gvfh7n7nv1w01/DASH_600_K" }]);
  });

  it("reads a link post as the link and its preview image", () => {
    expect(byId(parseFixture("praw-TestFront-test_hot-1.json"), "48dyed")).toMatchObject({
      text:
        "A gene mutation associated with colon cancer has been discovered in an 18th century Hungarian mummy. " +
        "The finding suggests colon cancer's genetic roots predate modern risk factors.",
      author: { handle: "drewiepoodle" },
      createdAt: "2016-03-01T02:12:07.000Z",
      media: [
        {
          type: "link",
          url:
            "http://www.upi.com/Science_News/2016/02/29/Colon-cancer-gene-mutation-found-in-18th-century-mummy/" +
            "9281456773668/?spt=sec&or=sn",
        },
        {
          type: "image",
          url: "https://i.redditmedia.com/DOSO1IKY2K76maC7R5JotgcCXH16HlR0I9maZY8JoKI.jpg?s=2e4c708e89ab02442072cd33d0c7b8a3",
        },
      ],
      metrics: { likes: 2469, reposts: null, replies: 87, views: null },
    });
  });

  it("keeps NSFW posts as they are: the over_18 flag is the reader's filter, not the adapter's", () => {
    const items = parseFixture("praw-TestFront-test_hot-1.json");
    expect(byId(items, "489urr").media).toEqual([{ type: "image", url: "http://i.imgur.com/iX23qfn.jpg" }]);
    expect(ids(items)).toContain("48dewp");
  });

  it("gives a comment without a permalink the address of its thread", () => {
    expect(byId(parseFixture("praw-TestMultiredditListings-test_comments-1.json"), "d5fnqtv")).toMatchObject({
      url: "https://www.reddit.com/r/MapPorn/comments/4t9hx7/comment/d5fnqtv/",
      kind: "comment",
      replyToId: "d5fn8h2",
      text: "Actually, Eastern Hungary has a large native Hungarian Protestant population.",
    });
  });
});

describe("listing details (real posts with one field changed)", () => {
  it("marks promoted posts, by either flag", () => {
    const items = parse(
      THREAD_URL,
      listingOf(
        { kind: "t3", data: { ...threadPost(), id: "ad1", promoted: true } },
        { kind: "t3", data: { ...threadPost(), id: "ad2", is_promoted: true } },
        { kind: "t3", data: { ...threadPost(), id: "organic", promoted: false } },
      ),
    );
    expect(items.map((item) => [item.id, item.promoted])).toEqual([
      ["ad1", true],
      ["ad2", true],
      ["organic", false],
    ]);
  });

  it("returns nothing from a private subreddit", () => {
    const items = parse(
      THREAD_URL,
      listingOf(
        { kind: "t3", data: { ...threadPost(), id: "closed", subreddit_type: "private" } },
        { kind: "t1", data: { id: "c1", body: "members only", subreddit_type: "private", parent_id: "t3_closed" } },
        { kind: "t3", data: { ...threadPost(), id: "open", subreddit_type: "public" } },
      ),
    );
    expect(ids(items)).toEqual(["open"]);
  });

  it("skips 'load more' stubs and deleted comments but reads the replies under them", () => {
    const comment = (id: string, body: string, parent: string, replies: unknown = ""): Thing => ({
      kind: "t1",
      data: { id, body, parent_id: parent, link_id: "t3_2gmzqe", subreddit: "redditdev", author: "x", replies },
    });
    const body = listingOf(
      comment("gone", "[deleted]", "t3_2gmzqe", listingOf(comment("kept", "still here", "t1_gone"))),
      comment("mod", "[removed]", "t3_2gmzqe"),
      {
        kind: "more",
        data: { count: 12, name: "t1_more1", id: "more1", parent_id: "t3_2gmzqe", children: ["a", "b"] },
      },
    );
    const items = parse(THREAD_URL, body);
    expect(items.map((item) => [item.id, item.replyToId])).toEqual([["kept", "gone"]]);
  });

  it("decodes Reddit's &amp; &lt; &gt; escaping unless the request asked for raw_json=1", () => {
    const post = { ...threadPost(), title: "Q&amp;A &lt;3", selftext: "" };
    expect(parse("https://oauth.reddit.com/comments/2gmzqe", listingOf({ kind: "t3", data: post }))[0]?.text).toBe(
      "Q&A <3",
    );
    expect(parse(THREAD_URL, listingOf({ kind: "t3", data: post }))[0]?.text).toBe("Q&amp;A &lt;3");
  });

  it("reads a crosspost as a repost of the post it shares, and that post too", () => {
    const shared = { ...threadPost(), id: "orig01", name: "t3_orig01", author: "first_poster" };
    const crosspost = {
      ...threadPost(),
      id: "xpost1",
      title: "Saw this in r/redditdev",
      selftext: "",
      crosspost_parent: "t3_orig01",
      crosspost_parent_list: [shared],
    };
    const items = parse(THREAD_URL, listingOf({ kind: "t3", data: crosspost }));
    expect(items.map((item) => [item.id, item.kind, item.originalId])).toEqual([
      ["xpost1", "repost", "orig01"],
      ["orig01", "post", null],
    ]);
  });

  it("reads a gallery's images in their order", () => {
    const gallery = {
      ...threadPost(),
      id: "gal01",
      is_self: false,
      is_gallery: true,
      url: "https://www.reddit.com/gallery/gal01",
      gallery_data: {
        items: [
          { media_id: "b2", id: 2 },
          { media_id: "a1", id: 1 },
          { media_id: "missing", id: 3 },
        ],
      },
      media_metadata: {
        a1: {
          status: "valid",
          e: "Image",
          s: { u: "https://preview.redd.it/a1.jpg?width=800&amp;s=x", x: 800, y: 600 },
        },
        b2: { status: "valid", e: "AnimatedImage", s: { gif: "https://i.redd.it/b2.gif", mp4: "https://x/b2.mp4" } },
      },
    };
    expect(parse("https://www.reddit.com/r/pics/.json", listingOf({ kind: "t3", data: gallery }))[0]?.media).toEqual([
      { type: "gif", url: "https://i.redd.it/b2.gif" },
      { type: "image", url: "https://preview.redd.it/a1.jpg?width=800&s=x" },
    ]);
  });

  it("reads the comments behind 'load more comments' (/api/morechildren)", () => {
    const [, comments] = fixture<Listing[]>("praw-TestSubmission-test_comments-1.json").body;
    const things = comments?.data.children ?? [];
    const items = parse("https://oauth.reddit.com/api/morechildren?link_id=t3_2gmzqe", {
      json: { errors: [], data: { things } },
    });
    expect(ids(items)).toEqual(["cklfmye", "cklhv0f"]);
    expect(items[0]?.source.endpoint).toBe("/api/morechildren");
  });

  it("cuts a very long self post at MAX_TEXT_LENGTH", () => {
    const post = { ...threadPost(), selftext: "word ".repeat(10_000) };
    expect(parse(THREAD_URL, listingOf({ kind: "t3", data: post }))[0]?.text).toHaveLength(MAX_TEXT_LENGTH);
  });
});

describe("shreddit HTML (constructed from the documented element attributes)", () => {
  const feed = () => parse(FEED_URL, fixtureText("constructed-shreddit-feed.html"));
  const page = () => parseEmbedded(PAGE_URL, fixtureText("constructed-shreddit-comments-page.html"));

  it("reads every post card of a feed fragment with an id, each once, the ad among them", () => {
    const items = feed();
    // The <shreddit-post> and <shreddit-ad-post> elements with a t3_ id, read with Python's html.parser.
    expect(ids(items)).toEqual(["1va0ad1", "1vbp0vm", "1vbq2xe", "1vbr7tt", "1vbs0vd", "1vbt9gl", "1vbu3mm"]);
    expect(items).toHaveLength(7);
    for (const item of items) {
      expect(item.source).toEqual({ endpoint: "/svc/shreddit/community-more-posts/hot", capturedAt: CAPTURED_AT });
    }
  });

  it("reads a link card from its attributes, the first copy winning over a later one", () => {
    expect(byId(feed(), "1vbp0vm")).toEqual({
      platform: "reddit",
      id: "1vbp0vm",
      url: "https://www.reddit.com/r/programming/comments/1vbp0vm/on_type_inference/",
      kind: "post",
      text: "On Type Inference",
      author: { id: "t2_cx7hq", handle: "radekmie", name: "radekmie" },
      createdAt: "2026-07-31T12:03:50.281Z",
      lang: "en",
      media: [{ type: "link", url: "https://radekmie.dev/blog/on-type-inference/" }],
      metrics: { likes: 29, reposts: null, replies: 13, views: null },
      promoted: false,
      originalId: null,
      replyToId: null,
      source: { endpoint: "/svc/shreddit/community-more-posts/hot", capturedAt: CAPTURED_AT },
    });
  });

  it("reads a text card's decoded title and its text-body slot, not the credit bar", () => {
    expect(byId(feed(), "1vbq2xe")).toMatchObject({
      text:
        'Why does "const" not make objects immutable? Q&A for beginners\n\n' +
        "I wrote const user = {} and could still set user.name.\n\nIs that a bug <or> intended? Thanks in advance!",
      media: [],
      metrics: { likes: 112, replies: 41 },
    });
  });

  it("marks <shreddit-ad-post> as promoted, and only it", () => {
    const items = feed();
    expect(byId(items, "1va0ad1")).toMatchObject({
      promoted: true,
      text: "The kettle that boils in 60 seconds\n\nTea in a minute. Free shipping this week.",
      author: { id: "t2_adv3rt1s", handle: "GreenKettleCo" },
    });
    expect(items.filter((item) => item.promoted).map((item) => item.id)).toEqual(["1va0ad1"]);
  });

  it("reads image, video and gallery cards' media by post-type", () => {
    const items = feed();
    expect(byId(items, "1vbr7tt").media).toEqual([{ type: "image", url: "https://i.redd.it/w8f2kq0d1mgf1.jpeg" }]);
    expect(byId(items, "1vbs0vd")).toMatchObject({
      media: [{ type: "video", url: "https://v.redd.it/k2n8x7q1mgf1" }],
      text: "Our cat discovered the robot vacuum",
    });
    expect(byId(items, "1vbt9gl")).toMatchObject({ media: [], lang: "de" });
  });

  it("keeps a card with nothing but an id, its other fields empty or null", () => {
    expect(byId(feed(), "1vbu3mm")).toEqual({
      platform: "reddit",
      id: "1vbu3mm",
      url: null,
      kind: "post",
      text: "",
      author: { id: "", handle: "", name: "" },
      createdAt: null,
      lang: null,
      media: [],
      metrics: { likes: null, reposts: null, replies: null, views: null },
      promoted: false,
      originalId: null,
      replyToId: null,
      source: { endpoint: "/svc/shreddit/community-more-posts/hot", capturedAt: CAPTURED_AT },
    });
  });

  it("reads a post page: the post and its nested comments, never markup inside a script", () => {
    const items = page();
    // <shreddit-post> ids and <shreddit-comment thingid> values outside scripts, less "[removed]", via html.parser.
    expect(ids(items)).toEqual(["1vc0abc", "lq0b7x2", "lq0c9y4", "lq0d1z8", "lq0f6m3", "lq0mod1"]);
    expect(byId(items, "1vc0abc")).toEqual({
      platform: "reddit",
      id: "1vc0abc",
      url: PAGE_URL,
      kind: "post",
      text:
        "How were medieval bridges financed?\n\nCrossing a river was expensive. I know of three ways towns paid for " +
        "a bridge:\n\ntolls on carts & pedestrians\nindulgences sold by the church\nbequests in wills\n\n" +
        "Were there others? See Pont d’Avignon for the one I read about.\nSources welcome!",
      author: { id: "t2_b7r1dg3", handle: "pontifex_minor", name: "pontifex_minor" },
      createdAt: "2026-07-30T16:20:05.512Z",
      lang: "en",
      media: [],
      metrics: { likes: 2381, reposts: null, replies: 4, views: null },
      promoted: false,
      originalId: null,
      replyToId: null,
      source: { endpoint: "/r/:sub/comments/:id", capturedAt: CAPTURED_AT },
    });
  });

  it("reads each comment's own body and the comment or post it answers", () => {
    const items = page();
    expect(byId(items, "lq0b7x2")).toEqual({
      platform: "reddit",
      id: "lq0b7x2",
      url: "https://www.reddit.com/r/AskHistorians/comments/1vc0abc/comment/lq0b7x2/",
      kind: "comment",
      text:
        "Bridge brotherhoods were common in France.\n\nThey collected alms at the bridge chapel.\n\n" +
        "Income also came from rents on houses built on the bridge itself.",
      author: { id: "t2_k1rst3n", handle: "Hist_Kirsten", name: "Hist_Kirsten" },
      createdAt: "2026-07-30T18:02:41.337Z",
      lang: null,
      media: [],
      metrics: { likes: 845, reposts: null, replies: null, views: null },
      promoted: false,
      originalId: null,
      replyToId: "1vc0abc",
      source: { endpoint: "/r/:sub/comments/:id", capturedAt: CAPTURED_AT },
    });
    expect(items.map((item) => [item.id, item.replyToId, item.text.slice(0, 20)])).toEqual([
      ["1vc0abc", null, "How were medieval br"],
      ["lq0mod1", "1vc0abc", "Welcome to r/AskHist"],
      ["lq0b7x2", "1vc0abc", "Bridge brotherhoods "],
      ["lq0c9y4", "lq0b7x2", "Did the brotherhoods"],
      ["lq0d1z8", "lq0c9y4", "Yes: repairs were th"],
      ["lq0f6m3", "1vc0abc", "Following this threa"],
    ]);
    expect(byId(items, "lq0f6m3")).toMatchObject({ url: null, createdAt: null, metrics: { likes: null } });
  });

  it("reads attributes however they are quoted or cased, with entities decoded", () => {
    const html =
      "<shreddit-post ID='t3_abc123' Post-Title='Fish &amp; chips &#x1F41F;' author=chef score=12 " +
      'created-timestamp=1722420000 comment-count="x" promoted></shreddit-post>' +
      '<shreddit-comment thingid="t1_def456" parentid="t1_zzz" author="a" created="2026-07-30T20:10:00Z">' +
      '<div slot="comment"><p>one</p><div><p>two</p></div></div><p>not the body</p></shreddit-comment>';
    const items = parse(FEED_URL, html);
    expect(items.map((item) => [item.id, item.text, item.author.handle, item.metrics.likes, item.promoted])).toEqual([
      ["abc123", "Fish & chips 🐟", "chef", 12, true],
      ["def456", "one\n\ntwo", "a", null, false],
    ]);
    expect(items[0]?.createdAt).toBeNull();
    expect(items[0]?.metrics.replies).toBeNull();
    expect(items[1]).toMatchObject({ replyToId: "zzz", createdAt: "2026-07-30T20:10:00.000Z" });
  });

  it("reads a page cut short anywhere without throwing, returning only elements the page has", () => {
    const html = fixtureText("constructed-shreddit-comments-page.html");
    // Cut inside its body, the removed comment's "[removed]" is no longer a placeholder: it may come back cut too.
    const elements = [...ids(page()), "lq0e4k1"];
    for (let end = 0; end <= html.length; end += 97) {
      for (const item of parseEmbedded(PAGE_URL, html.slice(0, end))) expect(elements).toContain(item.id);
    }
  });

  it("stays fast on hostile markup: unclosed elements, quotes and brackets by the thousand", () => {
    const hostile = [
      "<shreddit-post id='t3_a".repeat(20_000),
      '<shreddit-comment thingid="t1_b">'.repeat(20_000),
      '<shreddit-post id="t3_c"><div slot="text-body">'.repeat(5_000) + "<div>".repeat(20_000),
      "<".repeat(200_000),
      "<shreddit-".repeat(50_000),
      `${"<script>".repeat(20_000)}<shreddit-post id='t3_d'>`,
    ];
    const started = performance.now();
    for (const html of hostile) {
      parse(FEED_URL, html);
      parseEmbedded(PAGE_URL, html);
    }
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe("which URLs it reads", () => {
  it("matches Reddit's listing API and shreddit fragments, not its pages or other APIs", () => {
    const table: [string, boolean][] = [
      ["https://oauth.reddit.com/best?limit=100&raw_json=1", true],
      ["https://oauth.reddit.com/", true],
      ["https://oauth.reddit.com/r/askreddit/hot", true],
      ["https://oauth.reddit.com/r/askreddit/comments/", true],
      ["https://oauth.reddit.com/comments/2gmzqe/?sort=confidence", true],
      ["https://oauth.reddit.com/user/kjoneslol/m/sfwpornnetwork/comments/", true],
      ["https://oauth.reddit.com/user/spez/submitted", true],
      ["https://www.reddit.com/.json", true],
      ["https://www.reddit.com/r/pics.json", true],
      ["https://www.reddit.com/r/pics/top/.json?t=day", true],
      ["https://www.reddit.com/r/pics/comments/1abcde/a_title/.json", true],
      ["https://old.reddit.com/r/pics/comments/1abcde/a_title/k9x8y7z.json", true],
      ["https://www.reddit.com/user/spez/comments.json", true],
      ["https://www.reddit.com/search.json?q=rivers", true],
      ["https://www.reddit.com/svc/shreddit/feeds/home-feed?after=x", true],
      ["https://www.reddit.com/svc/shreddit/community-more-posts/hot/?name=pics", true],
      ["https://www.reddit.com/svc/shreddit/more-comments/pics/t3_1abcde?cursor=x", true],
      ["https://www.reddit.com/svc/shreddit/comments/r/pics/t3_1abcde", true],
      ["https://www.reddit.com/r/pics/", false],
      ["https://www.reddit.com/r/pics/comments/1abcde/a_title/", false],
      ["https://www.reddit.com/svc/shreddit/user-drawer", false],
      ["https://oauth.reddit.com/api/v1/me", false],
      ["https://oauth.reddit.com/message/inbox", false],
      ["https://www.reddit.com/message/messages.json", false],
      ["https://www.reddit.com/r/pics/about.json", false],
      ["https://gql.reddit.com/", false],
      ["https://reddit.com.evil.example/r/pics.json", false],
      ["http://www.reddit.com/r/pics.json", false],
      ["not a url", false],
    ];
    for (const [url, expected] of table) expect([url, redditAdapter.matches(url)]).toEqual([url, expected]);
  });

  it("records endpoints without names or ids", () => {
    const post = listingOf({ kind: "t3", data: threadPost() });
    const table: [string, string][] = [
      ["https://www.reddit.com/r/AskHistorians/comments/1abcde/some_slug/k9x8y7z/.json", "/r/:sub/comments/:id"],
      ["https://www.reddit.com/user/Some_Person/submitted.json?sort=new", "/user/:name/submitted"],
      ["https://oauth.reddit.com/user/a/m/b/new", "/user/:name/m/:multi/new"],
      ["https://oauth.reddit.com/r/pics/comments", "/r/:sub/comments"],
      [
        "https://www.reddit.com/svc/shreddit/comments/r/pics/t3_1abcde?seeker-session=true",
        "/svc/shreddit/comments/r/:sub/:id",
      ],
      ["https://www.reddit.com/.json", "/"],
    ];
    for (const [url, endpoint] of table) expect([url, parse(url, post)[0]?.source.endpoint]).toEqual([url, endpoint]);
  });
});

describe("malformed responses", () => {
  it("returns [] for bodies that are not listings, and never throws", () => {
    const bodies: unknown[] = [
      null,
      undefined,
      42,
      "",
      "<html><body>Too Many Requests</body></html>",
      '{"kind": "Listing", "data": {"children": [',
      {},
      { kind: "Listing" },
      { kind: "Listing", data: { children: "none" } },
      { kind: "Listing", data: { children: [null, 1, "t3", { kind: "t3" }, { kind: "t3", data: { id: "" } }] } },
      { kind: "t5", data: { id: "2qh33", display_name: "funny" } },
      [null, { kind: "Listing", data: null }],
      { json: { errors: [["RATELIMIT", "slow down"]], data: {} } },
    ];
    for (const body of bodies) expect(parse(THREAD_URL, body)).toEqual([]);
    expect(redditAdapter.parse(undefined as unknown as string, {}, { capturedAt: CAPTURED_AT })).toEqual([]);
    expect(redditAdapter.parseEmbedded(PAGE_URL, null as unknown as string, { capturedAt: CAPTURED_AT })).toEqual([]);
  });

  it("keeps odd values out of items: bad ids, dates, counts and addresses", () => {
    const post = {
      ...threadPost(),
      id: "not valid!",
      name: "t3_ok1",
      created_utc: "yesterday",
      ups: -4,
      num_comments: 1.5,
      permalink: "//evil.example/r/x",
      url: "javascript:alert(1)",
      is_self: false,
    };
    expect(parse(THREAD_URL, listingOf({ kind: "t3", data: post }))).toEqual([
      expect.objectContaining({
        id: "ok1",
        url: null,
        createdAt: null,
        media: [],
        metrics: { likes: null, reposts: null, replies: null, views: null },
      }),
    ]);
  });

  it("never throws, and returns only valid items, whatever value of a real response is replaced by junk", () => {
    const junk: unknown[] = [null, 0, -1, "", "t3_", [], {}, true, { kind: "t1", data: {} }];
    const original = fixture("praw-TestSubmission-test_comments-1.json").body;
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
    expect(paths.length).toBeGreaterThan(100);
    paths.forEach((path, index) => {
      const body = structuredClone(original) as Json;
      let parent = body as Record<string | number, unknown>;
      for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
      parent[path[path.length - 1] as string | number] = junk[index % junk.length];
      expect(parse(THREAD_URL, body).length).toBeLessThanOrEqual(3);
    });
  });
});
