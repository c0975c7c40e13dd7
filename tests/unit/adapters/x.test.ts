import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { xAdapter } from "../../../extension/adapters/x";
import { type Item, itemSchema, MAX_TEXT_LENGTH } from "../../../shared/item";

const CAPTURED_AT = "2026-08-01T12:00:00.000Z";
const FIXTURES = new URL("../../fixtures/x/", import.meta.url);

type Json = Record<string, unknown>;

function fixtureText(name: string): string {
  return readFileSync(new URL(name, FIXTURES), "utf8");
}

function fixture(name: string): Json {
  return JSON.parse(fixtureText(name)) as Json;
}

function graphqlUrl(operation: string): string {
  return `https://x.com/i/api/graphql/Q1d_-x9/${operation}?variables=%7B%22count%22%3A20%7D&features=%7B%7D`;
}

function parse(operation: string, body: unknown): Item[] {
  const items = xAdapter.parse(graphqlUrl(operation), body, { capturedAt: CAPTURED_AT });
  for (const item of items) itemSchema.parse(item);
  return items;
}

function byId(items: Item[], id: string): Item {
  const item = items.find((candidate) => candidate.id === id);
  if (!item) throw new Error(`no item ${id} among ${items.map((i) => i.id).join(", ")}`);
  return item;
}

function ids(items: Item[]): string[] {
  return items.map((item) => item.id).sort();
}

function at(value: unknown, ...keys: (string | number)[]): Json {
  let current = value;
  for (const key of keys) current = (current as Json)[key];
  return current as Json;
}

const source = (operation: string) => ({ endpoint: `/i/api/graphql/${operation}`, capturedAt: CAPTURED_AT });

// Every tweet object in each file (any `rest_id` with `legacy.full_text`), found by a generic walk in Python over the
// raw JSON, independently of the adapter: all of them are tweets a reader of that response sees.
const FIXTURE_TWEETS: { file: string; operation: string; ids: string[] }[] = [
  {
    file: "derived-home_timeline.json",
    operation: "HomeTimeline",
    ids: [
      "2072126677535346779",
      "2074882755905585583",
      "2082640274845811115",
      "2082640276389249363",
      "2082642493892628916",
      "2082669627528601817",
      "2083289084567724316",
      "2083305234688803178",
    ],
  },
  {
    file: "twscrape-_issue_56.json",
    operation: "TweetDetail",
    ids: [
      "1682072224013099008",
      "1682074315682988045",
      "1682076558897430540",
      "1683417497502973956",
      "1683538093448544278",
      "1694048154403148198",
      "1694054280494227696",
      "1696563126227947775",
      "1696590973185180136",
      "1697284191950348589",
      "1697295406260953510",
    ],
  },
  {
    file: "twscrape-card_poll.json",
    operation: "TweetDetail",
    ids: [
      "1780380474516631844",
      "1780431775677722987",
      "1780446119811502307",
      "1780448688864710864",
      "1780481263339798641",
      "1780494116654067747",
      "1780518813319970889",
      "1780561900180251131",
      "1780585322025537822",
      "1780594156789755947",
      "1780597079439446250",
      "1780600897959346531",
      "1780603212359205323",
      "1780610524411048183",
      "1780613392257917021",
      "1780613472604037431",
      "1780615831589683695",
      "1780618184300912798",
      "1780618419081015347",
      "1780622811163230228",
      "1780628320977027504",
      "1780643369758175461",
      "1780657850072887345",
      "1780659559138496938",
      "1780666831310877100",
      "1780666889137422518",
      "1780667172303348094",
      "1780670304609509436",
      "1780673528406085674",
      "1780674956918980619",
      "1780680062796468434",
    ],
  },
  {
    file: "twscrape-manual_tweet_with_video_1.json",
    operation: "TweetDetail",
    ids: [
      "1671508600538161153",
      "1671508958299713538",
      "1671510449605558272",
      "1671647162206244864",
      "1671700833363447808",
      "1671812868457545729",
      "1671834254790086657",
      "1671842536288133120",
      "1671848456506294274",
      "1671848864599425024",
      "1671885256914518017",
    ],
  },
  {
    file: "twscrape-raw_community_tweets.json",
    operation: "CommunityTweetsTimeline",
    ids: [
      "2085068919036133646",
      "2085116923809845668",
      "2085117949619138715",
      "2085119501297754563",
      "2085135973671645241",
      "2085155561205543014",
      "2085162701769048179",
      "2085165106040541612",
      "2085166977501253637",
      "2085171427406397876",
      "2085172559062995114",
      "2085184321523007718",
      "2085185422573867492",
      "2085400706400281069",
      "2085408537933443369",
      "2085424798427983917",
      "2085437410284810255",
      "2085443586737283337",
      "2085447655904165890",
      "2085449675327390199",
      "2085450163896631306",
      "2085454739106332920",
      "2085459407878439075",
      "2085459458432422330",
    ],
  },
  {
    file: "twscrape-raw_search.json",
    operation: "SearchTimeline",
    ids: [
      "2071385784154759468",
      "2072535265533456878",
      "2074872589680250978",
      "2074879892001620294",
      "2074915723487678904",
      "2074951212344992233",
      "2074952020008591722",
      "2074952565641695738",
      "2074953114466033994",
      "2074953500061053347",
      "2074953952550863143",
      "2074954293514309854",
      "2074955188138635286",
      "2074955486441492823",
      "2074955725571559685",
      "2074958156459868660",
      "2074960554146267459",
      "2074963269429661921",
      "2074963597222977690",
      "2074964027764363573",
      "2074967301221396711",
      "2074968589820739994",
      "2074968793441591473",
      "2074974895750951259",
      "2074976613713031490",
    ],
  },
  {
    file: "twscrape-raw_tweet_details.json",
    operation: "TweetDetail",
    ids: [
      "1649191520250245121",
      "1649191521323995138",
      "1649191522485817345",
      "1649191523697979392",
      "1649192213635817472",
      "1649192382066225157",
      "1649193341454524424",
      "1649195617145573378",
      "1649195658585206784",
      "1649197403352727555",
      "1649204618902097920",
      "1649205557440512001",
      "1649219645088624642",
      "1649225698102636544",
      "1649231215319486464",
      "1649255409897861120",
      "1649263296434806785",
      "1649294040985157633",
      "1649294965783109640",
      "1649295512091197444",
      "1649301201203200003",
      "1649309063690297346",
      "1649327387509760000",
      "1649328248566820870",
      "1649369624096518145",
      "1649372245196668928",
      "1649393585656045569",
      "1649421661358243843",
      "1649593041966219264",
      "1650582904844480512",
      "1650588617964658695",
      "1651366329444712448",
      "1651968114295463937",
      "1655921906971996162",
      "1664148856903446528",
      "1672236226550571009",
      "1673106721437364225",
    ],
  },
  {
    file: "twscrape-raw_user_media.json",
    operation: "UserMedia",
    ids: [
      "1546615344780914688",
      "1547039584202067969",
      "1547588038032732160",
      "1547588055514488833",
      "1547588069661949959",
      "1553047818222321664",
      "1553093010686197762",
      "1557788977842765827",
      "1559325365054619648",
      "1560295462028120064",
      "1561805413103853570",
      "1561833980286173186",
      "1564644124858486785",
      "1565414244052508673",
      "1567226129483800578",
      "1567588519236833283",
      "1570079937704660997",
      "1575108065183125505",
      "1578067569835229213",
      "1579562419994521600",
      "1579592617834459141",
      "1582718225812684801",
      "1585707921433923585",
      "1781731016862048257",
      "1781803526538379416",
      "1782073003628757362",
      "1782123880381051254",
      "1782199752874246406",
      "1845258780788834795",
      "1930672414444372186",
      "1961527131134988419",
      "1980412193624785337",
      "1985828737297080555",
      "2037623826285027567",
      "2067064261264986463",
      "2072126677535346779",
      "2074882755905585583",
    ],
  },
  {
    file: "twscrape-raw_user_tweets.json",
    operation: "UserTweets",
    ids: [
      "2019881223666233717",
      "2072126677535346779",
      "2072327843372257460",
      "2072390249175531597",
      "2072434657120129490",
      "2072435828102447211",
      "2072437483321569650",
      "2072439358314131626",
      "2072441496809136296",
      "2074882755905585583",
      "2075716337603907695",
      "2075722586172846484",
      "2075723878333141097",
      "2075724225273323678",
      "2077972969603621173",
      "2077990228690940158",
      "2077992748905590821",
      "2079295955778875548",
      "2079312687054676035",
      "2079317765425430565",
      "2079326824333533428",
      "2079328902745305313",
      "2079756440722665849",
      "2079814480427442556",
      "2079814622639469025",
      "2079821023071907954",
      "2082134521370272218",
      "2082157309279588463",
      "2082157691451920667",
      "2082640274845811115",
      "2082640276389249363",
      "2082640959431692502",
      "2082641493324337409",
      "2082642214451020128",
      "2082642229944778990",
      "2082642493892628916",
      "2082643515624800613",
      "2082643671132864764",
      "2082669627528601817",
      "2083289084567724316",
      "2083305234688803178",
    ],
  },
  {
    file: "twscrape-raw_user_tweets_and_replies.json",
    operation: "UserTweetsAndReplies",
    ids: [
      "2019881223666233717",
      "2075716337603907695",
      "2075723878333141097",
      "2075724225273323678",
      "2075724289643290711",
      "2077972969603621173",
      "2077990228690940158",
      "2077990813733388538",
      "2077992748905590821",
      "2077992805851644128",
      "2079295955778875548",
      "2079312687054676035",
      "2079317765425430565",
      "2079319709330423928",
      "2079326824333533428",
      "2079326854322733289",
      "2079328902745305313",
      "2079756440722665849",
      "2079814480427442556",
      "2079814622639469025",
      "2079821023071907954",
      "2082134521370272218",
      "2082157309279588463",
      "2082157691451920667",
      "2082640274845811115",
      "2082640276389249363",
      "2082640959431692502",
      "2082641493324337409",
      "2082642214451020128",
      "2082642229944778990",
      "2082642493892628916",
      "2082643509970948198",
      "2082643515624800613",
      "2082643671132864764",
      "2082644401822548386",
      "2082669627528601817",
      "2083289084567724316",
      "2083305191776924151",
      "2083305234688803178",
    ],
  },
];

describe("the X adapter on real captured responses", () => {
  for (const { file, operation, ids: expected } of FIXTURE_TWEETS) {
    it(`returns exactly the tweets of ${file}, each once and each a valid item`, () => {
      const items = parse(operation, fixture(file));
      expect(ids(items)).toEqual(expected);
      expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
      for (const item of items) {
        expect(item.platform).toBe("x");
        expect(item.source).toEqual(source(operation));
      }
    });
  }

  it("reads a video tweet: the trailing media link goes, the best MP4 is kept", () => {
    const items = parse("TweetDetail", fixture("twscrape-manual_tweet_with_video_1.json"));
    expect(byId(items, "1671508600538161153")).toEqual({
      platform: "x",
      id: "1671508600538161153",
      url: "https://x.com/TheFigen_/status/1671508600538161153",
      kind: "post",
      text: "This is not science fiction.\nNightscape in Nanjing, China",
      author: { id: "1562038858988064768", handle: "TheFigen_", name: "Figen" },
      createdAt: "2023-06-21T13:21:20.000Z",
      lang: "en",
      media: [
        {
          type: "video",
          url: "https://video.twimg.com/ext_tw_video/1668857866328100864/pu/vid/720x1280/ENfeGwtfyiYvpNy8.mp4?tag=12",
        },
      ],
      metrics: { likes: 30817, reposts: 4063, replies: 534, views: 3443243 },
      promoted: false,
      originalId: null,
      replyToId: null,
      source: source("TweetDetail"),
    });
  });

  it("prefers a note tweet's long text, with its t.co links expanded, and reads authors of the older legacy shape", () => {
    const items = parse("TweetDetail", fixture("twscrape-_issue_56.json"));
    expect(byId(items, "1682072224013099008")).toEqual({
      platform: "x",
      id: "1682072224013099008",
      url: "https://x.com/FortniteStatus/status/1682072224013099008",
      kind: "post",
      text:
        "Your one-stop shop for everything live status for #Fortnite!\n\n🗣️ Tweet @FortniteStatus for help!\n\n" +
        "💁 Reach out to Player Support with issues any time at http://fn.gg/support by opening a Live Chat or " +
        "creating a ticket.\n\n📑 Articles for Common Account issues can be found at http://fn.gg/accounts\n\n" +
        "🧩 Check out our Trello board for trending issues: https://trello.com/b/Bs7hgkma/fortnite-community-issues" +
        "\n\n🚦 Visit the Status page for server status: https://status.epicgames.com",
      author: { id: "1181729392755707904", handle: "FortniteStatus", name: "Fortnite Status" },
      createdAt: "2023-07-20T16:57:24.000Z",
      lang: "en",
      media: [{ type: "image", url: "https://pbs.twimg.com/media/F1fqNNNakAANOVQ.jpg" }],
      metrics: { likes: 3101, reposts: 233, replies: 798, views: 1543491 },
      promoted: false,
      originalId: null,
      replyToId: null,
      source: source("TweetDetail"),
    });
  });

  it("reads a note tweet from search with its four photos", () => {
    const tweet = byId(parse("SearchTimeline", fixture("twscrape-raw_search.json")), "2074976613713031490");
    expect(tweet.text).toBe(
      "In Europe*, 4.7k Tesla sales were reported for the week of June 29 to July 5. 🇪🇺\n\nThis is -44.7% WoW and " +
        "+121.4% compared to the same week last year. The quarter after one week is +82.6% QoQ and +114.1% YoY. YTD " +
        "sales are +21.3% year-over-year. This is the best quarter out of the last five so far.\n\n* Data from the " +
        "daily/weekly reporting countries UK, Norway, Netherlands, Sweden, Denmark, Italy, Spain, Switzerland, Czech " +
        "Republic, Iceland (~60% of Tesla sales in Europe)",
    );
    expect(tweet.author).toEqual({ id: "20472409", handle: "piloly", name: "Roland Pircher" });
    expect(tweet.media).toEqual([
      { type: "image", url: "https://pbs.twimg.com/media/HMvMNUDXcAA3HY3.jpg" },
      { type: "image", url: "https://pbs.twimg.com/media/HMvMNT8XwAAOkNI.jpg" },
      { type: "image", url: "https://pbs.twimg.com/media/HMvMNUEXEAAuqM5.png" },
      { type: "image", url: "https://pbs.twimg.com/media/HMvMNT8WAAEih4Q.jpg" },
    ]);
    expect(tweet.metrics).toEqual({ likes: 312, reposts: 21, replies: 11, views: 25900 });
    expect(tweet.createdAt).toBe("2026-07-08T21:59:10.000Z");
    expect(tweet.source).toEqual(source("SearchTimeline"));
  });

  it("reads a reply with a GIF: leading mention kept, media link dropped, replyToId set", () => {
    const items = parse("TweetDetail", fixture("twscrape-raw_tweet_details.json"));
    expect(byId(items, "1649263296434806785")).toEqual({
      platform: "x",
      id: "1649263296434806785",
      url: "https://x.com/ashevat/status/1649263296434806785",
      kind: "reply",
      text:
        "@TwitterDev What data makes you think developers can afford $40k per month, even if they have a commercial " +
        "use case? \nYou are assuming developers are making $500k net a year just to beak even. \nDon’t you think " +
        "this is a little bit taxing on your community innovation?",
      author: { id: "108209516", handle: "ashevat", name: "Amir Shevat" },
      createdAt: "2023-04-21T04:06:26.000Z",
      lang: "en",
      media: [{ type: "gif", url: "https://video.twimg.com/tweet_video/FuNcOVrXoAIGi0f.mp4" }],
      metrics: { likes: 72, reposts: 2, replies: 2, views: 7203 },
      promoted: false,
      originalId: null,
      replyToId: "1649191520250245121",
      source: source("TweetDetail"),
    });
    expect(items.some((item) => item.id === "1649191520250245121")).toBe(true);
  });

  it("reads an animated GIF of a media grid as a gif", () => {
    const tweet = byId(parse("UserMedia", fixture("twscrape-raw_user_media.json")), "1961527131134988419");
    expect(tweet.media).toEqual([{ type: "gif", url: "https://video.twimg.com/tweet_video/Gzi-hxlXoAAUdQa.mp4" }]);
  });

  it("decodes HTML escapes and links a quote to the tweet it quotes", () => {
    const items = parse("TweetDetail", fixture("twscrape-card_poll.json"));
    const quote = byId(items, "1780643369758175461");
    expect(quote.text).toBe(
      "Who funds the Atlantic Council where Katherine Maher collected a paycheck as a fellow & from which she " +
        "campaigned to end the First Amendment?\n\nNo less than ELEVEN (11) federal US government agencies. It’s you " +
        "paying, dear taxpayer.",
    );
    expect(quote.kind).toBe("quote");
    expect(quote.originalId).toBe("1780597079439446250");
    expect(quote.media).toEqual([
      { type: "image", url: "https://pbs.twimg.com/media/GLYdtOyWYAAEb9Y.jpg" },
      { type: "image", url: "https://pbs.twimg.com/media/GLYdtOzXkAECViN.jpg" },
    ]);
    expect(quote.author).toEqual({ id: "1599510806680535042", handle: "MikeBenzCyber", name: "Mike Benz" });
    expect(byId(items, "1780597079439446250").kind).not.toBe("repost");
  });

  it("follows a quote of a quote, even when the inner quote is only complete in a later copy", () => {
    const items = parse("TweetDetail", fixture("twscrape-card_poll.json"));
    const outer = byId(items, "1780659559138496938");
    expect([outer.kind, outer.originalId, outer.author.handle]).toEqual(["quote", "1780594156789755947", "elonmusk"]);
    expect(outer.metrics).toEqual({ likes: 37091, reposts: 8483, replies: 2997, views: 8577846 });
    const inner = byId(items, "1780594156789755947");
    expect([inner.kind, inner.originalId]).toEqual(["quote", "1780561900180251131"]);
    expect(byId(items, "1780561900180251131").kind).toBe("post");
  });

  it("turns a retweet into a repost with its full text and emits the original as its own item", () => {
    const items = parse("UserTweets", fixture("twscrape-raw_user_tweets.json"));
    const repost = byId(items, "2083305234688803178");
    expect(repost).toEqual({
      platform: "x",
      id: "2083305234688803178",
      url: "https://x.com/XDevelopers/status/2083305234688803178",
      kind: "repost",
      text:
        "RT @benjitaylor: Overhauled the 𝕏 Developer Console with a fresh coat of paint. More improvements to come " +
        "as we continue investing in our DX! http://console.x.com",
      author: { id: "2244994945", handle: "XDevelopers", name: "Developers" },
      createdAt: "2026-07-31T21:34:08.000Z",
      lang: "en",
      media: [],
      metrics: { likes: 0, reposts: 31, replies: 0, views: 2062 },
      promoted: false,
      originalId: "2083289084567724316",
      replyToId: null,
      source: source("UserTweets"),
    });
    expect(byId(items, "2083289084567724316")).toEqual({
      platform: "x",
      id: "2083289084567724316",
      url: "https://x.com/benjitaylor/status/2083289084567724316",
      kind: "post",
      text:
        "Overhauled the 𝕏 Developer Console with a fresh coat of paint. More improvements to come as we continue " +
        "investing in our DX! http://console.x.com",
      author: { id: "2606432720", handle: "benjitaylor", name: "Benji Taylor" },
      createdAt: "2026-07-31T20:29:58.000Z",
      lang: "en",
      media: [],
      metrics: { likes: 674, reposts: 31, replies: 44, views: 104358 },
      promoted: false,
      originalId: null,
      replyToId: null,
      source: source("UserTweets"),
    });
    // The repost comes right before the tweet it reposts.
    const order = items.map((item) => item.id);
    expect(order.indexOf("2083289084567724316")).toBe(order.indexOf("2083305234688803178") + 1);
  });

  it("links every repost to an original that is itself among the items", () => {
    const items = parse("UserTweets", fixture("twscrape-raw_user_tweets.json"));
    const reposts = items.filter((item) => item.kind === "repost");
    expect(reposts.length).toBe(16);
    const present = new Set(items.map((item) => item.id));
    for (const repost of reposts) {
      expect(repost.originalId).not.toBeNull();
      expect(present.has(repost.originalId ?? "")).toBe(true);
      expect(repost.text.startsWith("RT @")).toBe(true);
      expect(repost.text.endsWith("…")).toBe(false);
    }
  });

  it("reads the pinned tweet of a profile", () => {
    const pinned = byId(parse("UserTweets", fixture("twscrape-raw_user_tweets.json")), "2019881223666233717");
    expect(pinned.kind).toBe("post");
    expect(pinned.text.startsWith("Officially launching X API Pay-Per-Use")).toBe(true);
  });
});

describe("the derived home timeline", () => {
  const items = parse("HomeTimeline", fixture("derived-home_timeline.json"));

  it("flags the promoted tweet, and only it", () => {
    expect(items.filter((item) => item.promoted).map((item) => item.id)).toEqual(["2072126677535346779"]);
    expect(byId(items, "2072126677535346779")).toEqual({
      platform: "x",
      id: "2072126677535346779",
      url: "https://x.com/XDevelopers/status/2072126677535346779",
      kind: "post",
      text:
        "We’re reigniting our Builder community.\n\nAnnouncing our Developer E𝕏hibit: a platform where you can " +
        "showcase your X apps to drive traffic + revenue.\n\nTry it now: from our console's apps page, submit and " +
        "verify your app.\n\nView the finished listing on: https://developer.x.com/exhibit",
      author: { id: "2244994945", handle: "XDevelopers", name: "Developers" },
      createdAt: "2026-07-01T01:14:32.000Z",
      lang: "en",
      media: [{ type: "image", url: "https://pbs.twimg.com/media/HMGsNCDacAAMUUb.png" }],
      metrics: { likes: 1050, reposts: 135, replies: 89, views: 175653 },
      promoted: true,
      originalId: null,
      replyToId: null,
      source: { endpoint: "/i/api/graphql/HomeTimeline", capturedAt: CAPTURED_AT },
    });
  });

  it("holds a plain post by a public author, with its video", () => {
    const post = byId(items, "2074882755905585583");
    expect(post.kind).toBe("post");
    expect(post.promoted).toBe(false);
    expect(post.text).toBe(
      "Real-time customer service on X has never been easier.\n\nMention events are now available in the X Activity " +
        "API and X API Pay-Per-Use, giving you sub-second webhook delivery for @ mentions.\n\nDocs: " +
        "https://docs.x.com/x-api/activity/introduction",
    );
    expect(post.media).toEqual([
      {
        type: "video",
        url: "https://video.twimg.com/amplify_video/2074882547796832256/vid/avc1/1080x1080/tTKa11kiPdc1LfJs.mp4?tag=28",
      },
    ]);
  });

  it("reads a repost of a quote down to the quoted tweet, and a conversation module", () => {
    expect(byId(items, "2082669627528601817")).toMatchObject({ kind: "repost", originalId: "2082642493892628916" });
    expect(byId(items, "2082642493892628916")).toMatchObject({ kind: "quote", originalId: "2082640274845811115" });
    expect(byId(items, "2082640274845811115").kind).toBe("post");
    expect(byId(items, "2082640276389249363")).toMatchObject({ kind: "reply", replyToId: "2082640274845811115" });
  });

  it("stays small enough for the end-to-end test", () => {
    expect(fixtureText("derived-home_timeline.json").length).toBeLessThan(300_000);
    expect(items.length).toBeLessThanOrEqual(25);
  });
});

describe("matching X response URLs", () => {
  const cases: [string, boolean][] = [
    ["https://x.com/i/api/graphql/Iaj4kAIobIAtigNaYNIOAw/HomeTimeline?variables=%7B%7D", true],
    ["https://x.com/i/api/graphql/abc/HomeLatestTimeline", true],
    ["https://twitter.com/i/api/graphql/V7H0Ap3_Hh2FyS75OCDO3Q/UserTweets?variables=x", true],
    ["https://www.x.com/i/api/graphql/q-1/UserTweetsAndReplies", true],
    ["https://www.twitter.com/i/api/graphql/q/UserMedia", true],
    ["https://mobile.x.com/i/api/graphql/q/Likes", true],
    ["https://mobile.twitter.com/i/api/graphql/q/SearchTimeline?variables=%7B%22rawQuery%22%3A%22x%22%7D", true],
    ["https://x.com/i/api/graphql/q/TweetDetail#fragment", true],
    ["https://x.com/i/api/graphql/q/ListLatestTweetsTimeline", true],
    ["https://x.com/i/api/graphql/q/Bookmarks", true],
    ["https://x.com/i/api/graphql/q/CommunityTweetsTimeline", true],
    ["https://X.COM/i/api/graphql/q/HomeTimeline", true],
    ["https://x.com/i/api/graphql/q/UserByScreenName", false],
    ["https://x.com/i/api/graphql/q/CreateTweet", false],
    ["https://x.com/i/api/graphql/q/hometimeline", false],
    ["https://x.com/i/api/graphql/q/HomeTimelineV2", false],
    ["https://x.com/i/api/graphql/HomeTimeline", false],
    ["https://x.com/i/api/graphql/q/HomeTimeline/extra", false],
    ["https://x.com/i/api/graphql/q/UserByScreenName?next=/i/api/graphql/q/HomeTimeline", false],
    ["https://x.com/i/api/2/timeline/home.json", false],
    ["https://x.com/home", false],
    ["http://x.com/i/api/graphql/q/HomeTimeline", false],
    ["https://api.x.com/graphql/q/HomeTimeline", false],
    ["https://x.com.example.org/i/api/graphql/q/HomeTimeline", false],
    ["https://example.org/i/api/graphql/q/HomeTimeline", false],
    ["https://example.org/x.com/i/api/graphql/q/HomeTimeline", false],
    ["/i/api/graphql/q/HomeTimeline", false],
    ["not a url", false],
    ["", false],
  ];
  for (const [url, expected] of cases) {
    it(`${expected ? "matches" : "does not match"} ${url || "(empty string)"}`, () => {
      expect(xAdapter.matches(url)).toBe(expected);
    });
  }

  it("answers false, without throwing, for values that are not strings", () => {
    for (const value of [null, undefined, 42, {}, []]) {
      expect(xAdapter.matches(value as unknown as string)).toBe(false);
    }
  });

  it("names the endpoint by operation, without the query id or query string", () => {
    const items = xAdapter.parse(
      "https://twitter.com/i/api/graphql/SOME-other_ID/HomeTimeline?variables=%7B%22secret%22%3A1%7D",
      fixture("derived-home_timeline.json"),
      { capturedAt: CAPTURED_AT },
    );
    expect(new Set(items.map((item) => item.source.endpoint))).toEqual(new Set(["/i/api/graphql/HomeTimeline"]));
  });
});

/** Fresh copies of real entries of the derived home timeline, to vary one thing at a time. */
function homeEntry(entryId: string): Json {
  const entries = at(fixture("derived-home_timeline.json"), "data", "home", "home_timeline_urt", "instructions", 0)
    .entries as Json[];
  const entry = entries.find((candidate) => candidate.entryId === entryId);
  if (!entry) throw new Error(`no entry ${entryId}`);
  return entry;
}

const PLAIN_POST = "tweet-2074882755905585583";
const REPOST = "tweet-2083305234688803178";

function tweetResultOf(entry: Json): Json {
  return at(entry, "content", "itemContent", "tweet_results", "result");
}

function home(instructions: unknown[]): Json {
  return { data: { home: { home_timeline_urt: { instructions } } } };
}

function homeWith(...entries: Json[]): Json {
  return home([{ type: "TimelineAddEntries", entries }]);
}

describe("timeline shapes", () => {
  it("reads the timelines of likes, lists, bookmarks and threads from where each operation keeps them", () => {
    const instructions = () => [{ type: "TimelineAddEntries", entries: [homeEntry(PLAIN_POST)] }];
    const bodies: [string, Json][] = [
      ["Likes", { data: { user: { result: { timeline_v2: { timeline: { instructions: instructions() } } } } } }],
      [
        "ListLatestTweetsTimeline",
        { data: { list: { tweets_timeline: { timeline: { instructions: instructions() } } } } },
      ],
      ["Bookmarks", { data: { bookmark_timeline_v2: { timeline: { instructions: instructions() } } } }],
      ["TweetDetail", { data: { threaded_conversation_with_injections_v2: { instructions: instructions() } } }],
    ];
    for (const [operation, body] of bodies) {
      expect(ids(parse(operation, body))).toEqual(["2074882755905585583"]);
    }
  });

  it("still finds a timeline X has moved under a new key", () => {
    const body = {
      data: {
        viewer: { id: "1", settings: { theme: "dark" } },
        some_new_root: {
          result: { timeline: { instructions: [{ type: "TimelineAddEntries", entries: [homeEntry(PLAIN_POST)] }] } },
        },
      },
    };
    expect(ids(parse("HomeTimeline", body))).toEqual(["2074882755905585583"]);
  });

  it("reads TimelineReplaceEntry and TimelineAddToModule instructions", () => {
    const post = homeEntry(PLAIN_POST);
    const repost = homeEntry(REPOST);
    const body = home([
      { type: "TimelineClearCache" },
      { type: "TimelineReplaceEntry", entry_id_to_replace: "tweet-1", entry: post },
      {
        type: "TimelineAddToModule",
        moduleEntryId: "conversationthread-1",
        prepend: false,
        moduleItems: [{ entryId: "conversationthread-1-tweet-2083305234688803178", item: repost.content }],
      },
      { type: "TimelineTerminateTimeline", direction: "Top" },
    ]);
    expect(ids(parse("HomeTimeline", body))).toEqual([
      "2074882755905585583",
      "2083289084567724316",
      "2083305234688803178",
    ]);
  });

  it("unwraps TweetWithVisibilityResults", () => {
    const entry = homeEntry(PLAIN_POST);
    const itemContent = at(entry, "content", "itemContent");
    const tweet = tweetResultOf(entry);
    itemContent.tweet_results = {
      result: {
        __typename: "TweetWithVisibilityResults",
        tweet: tweet,
        limitedActionResults: {
          limited_actions: [{ action: "Reply", prompt: { __typename: "CtaLimitedActionPrompt" } }],
        },
      },
    };
    const [item] = parse("HomeTimeline", homeWith(entry));
    expect(item).toEqual(byId(parse("HomeTimeline", homeWith(homeEntry(PLAIN_POST))), "2074882755905585583"));
  });

  it("skips tombstones, unavailable tweets, cursors, who-to-follow modules and unknown item types", () => {
    const tombstone = homeEntry(PLAIN_POST);
    at(tombstone, "content", "itemContent").tweet_results = {
      result: {
        __typename: "TweetTombstone",
        tombstone: { text: { text: "This Post was deleted by the Post author." } },
      },
    };
    const unavailable = homeEntry(PLAIN_POST);
    at(unavailable, "content", "itemContent").tweet_results = {
      result: { __typename: "TweetUnavailable", reason: "Suspended" },
    };
    const unknown = homeEntry(PLAIN_POST);
    tweetResultOf(unknown).__typename = "TweetFromTheFuture";
    const prompt = {
      entryId: "messageprompt-1",
      content: { entryType: "TimelineTimelineItem", itemContent: { itemType: "TimelineMessagePrompt", content: {} } },
    };
    const body = homeWith(
      tombstone,
      unavailable,
      unknown,
      prompt,
      homeEntry("who-to-follow-2085474396218064901"),
      homeEntry("cursor-top-2085474396218064897"),
    );
    expect(parse("HomeTimeline", body)).toEqual([]);
  });

  it("keeps a quote whose quoted tweet is a tombstone, linked by id", () => {
    const entry = homeEntry("tweet-2082669627528601817");
    const quote = at(tweetResultOf(entry), "legacy", "retweeted_status_result", "result");
    quote.quoted_status_result = { result: { __typename: "TweetTombstone", tombstone: {} } };
    const items = parse("HomeTimeline", homeWith(entry));
    expect(ids(items)).toEqual(["2082642493892628916", "2082669627528601817"]);
    expect(byId(items, "2082642493892628916")).toMatchObject({ kind: "quote", originalId: "2082640274845811115" });
  });

  it("flags a promoted tweet inside a module and by its entry id alone", () => {
    const module = homeEntry("profile-conversation-2085474396218064903");
    const firstItem = at(module, "content", "items", 0, "item", "itemContent");
    firstItem.promotedMetadata = { advertiser_results: { result: {} }, impressionId: "abc" };
    const byEntryId = homeEntry(PLAIN_POST);
    byEntryId.entryId = "promoted-tweet-2074882755905585583-0123456789abcdef";
    const items = parse("HomeTimeline", homeWith(module, byEntryId));
    expect(items.filter((item) => item.promoted).map((item) => item.id)).toEqual([
      "2082640274845811115",
      "2074882755905585583",
    ]);
  });

  it("returns a tweet seen twice in one response once", () => {
    const items = parse("HomeTimeline", homeWith(homeEntry(PLAIN_POST), homeEntry(PLAIN_POST), homeEntry(REPOST)));
    expect(ids(items)).toEqual(["2074882755905585583", "2083289084567724316", "2083305234688803178"]);
  });
});

describe("protected accounts", () => {
  it("never returns a tweet whose author is protected (privacy.protected)", () => {
    const entry = homeEntry(PLAIN_POST);
    at(tweetResultOf(entry), "core", "user_results", "result", "privacy").protected = true;
    expect(parse("HomeTimeline", homeWith(entry))).toEqual([]);
  });

  it("never returns a tweet whose author is protected (legacy.protected, older shape)", () => {
    const body = fixture("twscrape-manual_tweet_with_video_1.json");
    // Every copy of the author in the response says so, as X sends it for a protected account.
    for (const [container, key] of containerSlots(body)) {
      const user = (container as Json)[key] as Json;
      if (key === "result" && user?.__typename === "User" && user.rest_id === "1562038858988064768") {
        (user.legacy as Json).protected = true;
      }
    }
    const items = parse("TweetDetail", body);
    expect(items.map((item) => item.author.handle)).not.toContain("TheFigen_");
    // The focal tweet and the author's reply are gone; the replies of others stay.
    expect(ids(items)).toEqual(
      FIXTURE_TWEETS.find((entry) => entry.file === "twscrape-manual_tweet_with_video_1.json")!.ids.filter(
        (id) => id !== "1671508600538161153" && id !== "1671510449605558272",
      ),
    );
  });

  it("drops a repost of a protected tweet together with the tweet", () => {
    const entry = homeEntry(REPOST);
    const original = at(tweetResultOf(entry), "legacy", "retweeted_status_result", "result");
    at(original, "core", "user_results", "result").privacy = { protected: true };
    expect(parse("HomeTimeline", homeWith(entry))).toEqual([]);
  });

  it("keeps the public original of a repost made by a protected account, but not the repost", () => {
    const entry = homeEntry(REPOST);
    at(tweetResultOf(entry), "core", "user_results", "result", "privacy").protected = true;
    expect(ids(parse("HomeTimeline", homeWith(entry)))).toEqual(["2083289084567724316"]);
  });
});

describe("text, dates and numbers", () => {
  function postWith(change: (tweet: Json, legacy: Json) => void): Item {
    const entry = homeEntry(PLAIN_POST);
    const tweet = tweetResultOf(entry);
    change(tweet, tweet.legacy as Json);
    const items = parse("HomeTimeline", homeWith(entry));
    expect(items).toHaveLength(1);
    return items[0]!;
  }

  it("converts created_at with any UTC offset to ISO 8601", () => {
    expect(postWith((_, legacy) => (legacy.created_at = "Wed Oct 10 20:19:24 +0200 2018")).createdAt).toBe(
      "2018-10-10T18:19:24.000Z",
    );
    expect(postWith((_, legacy) => (legacy.created_at = "Sun Dec 31 23:30:00 -0130 2023")).createdAt).toBe(
      "2024-01-01T01:00:00.000Z",
    );
  });

  it("keeps markup in text as text, and cuts text at the maximum length", () => {
    const script = postWith((_, legacy) => {
      legacy.full_text = "&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; <b>";
      legacy.display_text_range = [0, 200];
    });
    expect(script.text).toBe("<script>alert(1)</script> &amp; <b>");
    const long = postWith((tweet) => {
      tweet.note_tweet = { note_tweet_results: { result: { text: "🌊".repeat(MAX_TEXT_LENGTH) } } };
    });
    expect(long.text.length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
    expect(long.text.endsWith("🌊")).toBe(true);
  });

  it("cuts full_text at display_text_range counted in code points", () => {
    const item = postWith((_, legacy) => {
      legacy.full_text = "🌊🌊 rivers https://t.co/abcdef";
      legacy.display_text_range = [0, 9];
      legacy.entities = {};
      legacy.extended_entities = {};
    });
    expect(item.text).toBe("🌊🌊 rivers");
  });

  it("reads names from the newer core shape and keeps a permalink when a handle is odd", () => {
    const item = postWith((tweet) => {
      const user = at(tweet, "core", "user_results", "result");
      user.core = { screen_name: "has space", name: "<img src=x onerror=alert(1)>" };
    });
    expect(item.author).toEqual({ id: "2244994945", handle: "has space", name: "<img src=x onerror=alert(1)>" });
    expect(item.url).toBe("https://x.com/i/status/2074882755905585583");
  });

  it("turns wrong types in the right places into nulls and empty lists, not exceptions", () => {
    const item = postWith((tweet, legacy) => {
      legacy.created_at = 1_700_000_000;
      legacy.favorite_count = "lots";
      legacy.retweet_count = -4;
      legacy.reply_count = 1.5;
      legacy.lang = 42;
      legacy.display_text_range = ["a", null];
      legacy.entities = { urls: [{ url: 5, expanded_url: "javascript:alert(1)" }, null] };
      legacy.extended_entities = {
        media: [
          { type: "photo", media_url_https: "javascript:alert(1)" },
          { type: "video", video_info: { variants: "none" } },
          { type: "animated_gif", video_info: { variants: [null, { url: "data:video/mp4;base64,AAAA" }] } },
          "not media",
        ],
      };
      tweet.views = { count: "-3" };
    });
    expect(item.createdAt).toBeNull();
    expect(item.lang).toBeNull();
    expect(item.metrics).toEqual({ likes: null, reposts: null, replies: null, views: null });
    expect(item.media).toEqual([]);
    expect(item.text.startsWith("Real-time customer service on X")).toBe(true);
  });

  it("skips a tweet without a usable id or author", () => {
    const badId = homeEntry(PLAIN_POST);
    tweetResultOf(badId).rest_id = "1".repeat(200);
    (tweetResultOf(badId).legacy as Json).id_str = "not-a-number";
    const noAuthor = homeEntry(PLAIN_POST);
    at(tweetResultOf(noAuthor), "core", "user_results").result = { __typename: "UserUnavailable" };
    expect(parse("HomeTimeline", homeWith(badId, noAuthor))).toEqual([]);
  });
});

describe("malformed responses", () => {
  it("returns [] for bodies that are not timelines", () => {
    const bodies: unknown[] = [
      null,
      undefined,
      0,
      "",
      "<script>alert(1)</script>",
      [],
      [{ data: {} }],
      {},
      { data: null },
      { data: {} },
      { data: [] },
      { errors: [{ message: "Rate limit exceeded", code: 88 }] },
      { data: { home: { home_timeline_urt: { instructions: "nope" } } } },
      { data: { home: { home_timeline_urt: { instructions: {} } } } },
      home([null, 1, "x", [], { entries: "x" }, { entry: [] }, { moduleItems: {} }]),
      home([
        {
          type: "TimelineAddEntries",
          entries: [
            null,
            1,
            { content: 5 },
            { content: { itemContent: "x" } },
            { content: { items: {} } },
            { content: { items: [null, { item: 3 }, { item: { itemContent: { tweet_results: [] } } }] } },
            { content: { itemContent: { tweet_results: { result: "x" } } } },
            { content: { itemContent: { tweet_results: { result: { __typename: "Tweet", legacy: "x" } } } } },
            { content: { itemContent: { tweet_results: { result: { rest_id: "1", legacy: {}, core: [] } } } } },
          ],
        },
      ]),
    ];
    for (const body of bodies) {
      expect(parse("HomeTimeline", body)).toEqual([]);
    }
  });

  it("survives truncated responses, returning only tweets of the full response", () => {
    const text = fixtureText("twscrape-raw_user_tweets_and_replies.json");
    const all = new Set(ids(parse("UserTweetsAndReplies", JSON.parse(text))));
    let nonEmpty = 0;
    for (let cut = 1; cut <= 24; cut++) {
      const body = JSON.parse(closeTruncatedJson(text, Math.floor((text.length * cut) / 25)));
      const items = parse("UserTweetsAndReplies", body);
      for (const item of items) expect(all.has(item.id)).toBe(true);
      if (items.length > 0) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(12);
  });

  it("never throws, and returns only valid items, whatever part of a real response is replaced by junk", () => {
    const original = fixture("derived-home_timeline.json");
    const random = seededRandom(20260801);
    const junk: unknown[] = [null, 0, -1, 1.5, "", "x", "<script>alert(1)</script>", true, [], {}, [null], { a: 1 }];
    for (let round = 0; round < 150; round++) {
      const body = structuredClone(original);
      const slots = containerSlots(body);
      for (let change = 0; change < 4; change++) {
        const [container, key] = slots[Math.floor(random() * slots.length)]!;
        (container as Json)[key] = junk[Math.floor(random() * junk.length)];
      }
      expect(() => parse("HomeTimeline", body)).not.toThrow();
    }
  });
});

describe("the page's embedded state", () => {
  /** A tweet of X's page state (v1.1 fields, author by id), made from a real GraphQL tweet. */
  function stateTweet(result: Json, extra: Json = {}): Json {
    const legacy = result.legacy as Json;
    const { retweeted_status_result: _dropped, ...fields } = legacy;
    return { ...fields, id_str: result.rest_id, user: at(result, "core", "user_results", "result").rest_id, ...extra };
  }
  function stateUser(result: Json): Json {
    const user = at(result, "core", "user_results", "result");
    const core = user.core as Json;
    return { id_str: user.rest_id, screen_name: core.screen_name, name: core.name, protected: false };
  }

  const repost = tweetResultOf(homeEntry(REPOST));
  const original = at(repost, "legacy", "retweeted_status_result", "result");
  const post = tweetResultOf(homeEntry(PLAIN_POST));
  const state = {
    entities: {
      tweets: {
        entities: {
          "2083305234688803178": stateTweet(repost, { retweeted_status: "2083289084567724316" }),
          "2083289084567724316": stateTweet(original),
          "2074882755905585583": stateTweet(post, { ext_views: { count: "60529" } }),
          "1": { id_str: "1", full_text: "followers only", user: "99", created_at: "Wed Oct 10 20:19:24 +0000 2018" },
        },
      },
      users: {
        entities: {
          "2244994945": stateUser(repost),
          "2606432720": stateUser(original),
          "99": { id_str: "99", screen_name: "locked", name: "Locked", protected: true },
        },
      },
    },
    featureSwitch: { note: "a string with </script> and { braces } inside" },
  };
  const page = (script: string) =>
    `<!doctype html><html><head><script nonce="n">${script}</script></head><body><div id="react-root"></div></body></html>`;

  function parseEmbedded(html: string): Item[] {
    const items = xAdapter.parseEmbedded("https://x.com/home", html, { capturedAt: CAPTURED_AT });
    for (const item of items) itemSchema.parse(item);
    return items;
  }

  it("reads tweets and their authors from window.__INITIAL_STATE__, never a protected one", () => {
    const html = page(
      `window.__INITIAL_STATE__=${JSON.stringify(state)};window.__META_DATA__={"env":"prod","isLoggedIn":true};`,
    );
    const items = parseEmbedded(html);
    expect(ids(items)).toEqual(["2074882755905585583", "2083289084567724316", "2083305234688803178"]);
    expect(byId(items, "2083305234688803178")).toMatchObject({
      kind: "repost",
      originalId: "2083289084567724316",
      text: byId(parse("HomeTimeline", homeWith(homeEntry(REPOST))), "2083305234688803178").text,
      source: { endpoint: "window.__INITIAL_STATE__", capturedAt: CAPTURED_AT },
    });
    const fromGraphql = byId(parse("HomeTimeline", homeWith(homeEntry(PLAIN_POST))), "2074882755905585583");
    expect(byId(items, "2074882755905585583")).toEqual({
      ...fromGraphql,
      source: byId(items, "2074882755905585583").source,
    });
  });

  it("finds the assignment, with or without spaces, after other mentions of the name", () => {
    const html = page(`window.__INITIAL_STATE__ = ${JSON.stringify(state, null, 2)};`);
    expect(parseEmbedded(html)).toHaveLength(3);
    const readsFirst = page("var s = window.__INITIAL_STATE__ || {};");
    const assigns = page(`window.__INITIAL_STATE__=${JSON.stringify(state)}`);
    expect(parseEmbedded(readsFirst + assigns)).toHaveLength(3);
  });

  it("returns [] for pages without state, with broken state, or with the script cut short", () => {
    const full = JSON.stringify(state);
    const pages = [
      "",
      "<html><body>nothing here</body></html>",
      page("window.__INITIAL_STATE__;"),
      page("window.__INITIAL_STATE__ = null;"),
      page("window.__INITIAL_STATE__ = {not json};"),
      page(`window.__INITIAL_STATE__ = ${full.slice(0, full.length / 2)}`),
      page('window.__INITIAL_STATE__ = {"entities": {"tweets": {"entities": []}, "users": 5}};'),
      page('window.__INITIAL_STATE__ = {"entities": {"tweets": {"entities": {"1": "x", "2": null}}}};'),
      page('window.__INITIAL_STATE__ = {"entities": {"tweets": {"entities": {"__proto__": {"id_str": "1"}}}}};'),
    ];
    for (const html of pages) {
      expect(parseEmbedded(html)).toEqual([]);
    }
    expect(xAdapter.parseEmbedded("https://x.com/", null as unknown as string, { capturedAt: CAPTURED_AT })).toEqual(
      [],
    );
  });
});

/** The JSON text cut right after a closing bracket near `at`, with the brackets still open closed again. */
function closeTruncatedJson(text: string, at: number): string {
  const end = text.indexOf("}", at) + 1;
  const open: string[] = [];
  let inString = false;
  for (let index = 0; index < end; index++) {
    const char = text[index];
    if (inString) {
      if (char === "\\") index++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "{" || char === "[") open.push(char === "{" ? "}" : "]");
    else if (char === "}" || char === "]") open.pop();
  }
  return text.slice(0, end) + open.reverse().join("");
}

/** Every (object or array, key) pair in a JSON tree: the places junk can be put. */
function containerSlots(root: unknown): [object, string | number][] {
  const slots: [object, string | number][] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) {
      value.forEach((child, index) => {
        slots.push([value, index]);
        visit(child);
      });
    } else if (value !== null && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) {
        slots.push([value, key]);
        visit(child);
      }
    }
  };
  visit(root);
  return slots;
}

/** A small deterministic generator (mulberry32), so a failing round can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
