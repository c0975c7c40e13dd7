// Bluesky: posts from the app.bsky feed, thread and search XRPC methods of any AppView or PDS host.
import type { Item, ItemKind, Media } from "../../shared/item";
import type { Adapter, ParseContext } from "./adapter";
import { DID, POST_URI, postPermalink, profilePageName } from "./bluesky-ids";
import { blueskyPageItems } from "./bluesky-page";
import { asArray, asObject, asString, type JsonObject } from "./json-fields";
import { capText, count, httpUrl, isoDateTime, requestUrl, shortString } from "./text";

/** The XRPC methods whose answers hold posts, by the part of the body that holds them. */
const FEED_METHODS = new Set([
  "app.bsky.feed.getTimeline",
  "app.bsky.feed.getFeed",
  "app.bsky.feed.getAuthorFeed",
  "app.bsky.feed.getListFeed",
]);
const THREAD_METHOD = "app.bsky.feed.getPostThread";
const SEARCH_METHOD = "app.bsky.feed.searchPosts";
/** The thread view the web app has used since 2025: a flat list of thread items, each with its depth. */
const FLAT_THREAD_METHODS = new Set(["app.bsky.unspecced.getPostThreadV2", "app.bsky.unspecced.getPostThreadOtherV2"]);

const XRPC_PATH = /^\/xrpc\/([A-Za-z0-9.]{1,128})$/;
const REPOST_URI = /^at:\/\/did:[a-z]+:[A-Za-z0-9._:%-]{1,96}\/app\.bsky\.feed\.repost\/[A-Za-z0-9._:~-]{1,64}$/;

const MAX_DEPTH = 200;
const MAX_ITEMS = 2000;

function methodOf(url: string): string | undefined {
  const parsed = requestUrl(url);
  const method = parsed && XRPC_PATH.exec(parsed.pathname)?.[1];
  const known =
    method !== undefined &&
    (FEED_METHODS.has(method) ||
      method === THREAD_METHOD ||
      method === SEARCH_METHOD ||
      FLAT_THREAD_METHODS.has(method));
  return known ? method : undefined;
}

/** An at:// URI of a post (item ids are these URIs), or undefined. */
function postUri(value: unknown): string | undefined {
  const uri = asString(value);
  return uri !== undefined && uri.length <= 128 && POST_URI.test(uri) ? uri : undefined;
}

interface Profile {
  author: Item["author"];
  /** The handle when it can name a profile page; the DID otherwise (e.g. "handle.invalid"). */
  pageName: string;
}

function profileOf(value: unknown): Profile | undefined {
  const profile = asObject(value);
  const did = asString(profile?.did);
  if (!profile || did === undefined || did.length > 128 || !DID.test(did)) return undefined;
  const handle = shortString(profile.handle, 128) ?? did;
  const name = shortString(asString(profile.displayName)?.trim(), 256) ?? handle;
  return { author: { id: did, handle, name }, pageName: profilePageName(handle, did) };
}

const LINK_FEATURE = "app.bsky.richtext.facet#link";
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

/**
 * The post's text with the links the app shortened ("example.com/some-pa...") written out in full from the link facets.
 * Facets count UTF-8 bytes, so the text is cut as bytes.
 */
function postText(record: JsonObject): string {
  const text = asString(record.text) ?? "";
  const links: { start: number; end: number; uri: string }[] = [];
  for (const entry of (asArray(record.facets) ?? []).slice(0, 200)) {
    const facet = asObject(entry);
    const index = asObject(facet?.index);
    const start = index?.byteStart;
    const end = index?.byteEnd;
    const link = (asArray(facet?.features) ?? []).map(asObject).find((feature) => feature?.$type === LINK_FEATURE);
    const uri = httpUrl(link?.uri);
    if (typeof start === "number" && typeof end === "number" && Number.isInteger(start) && uri) {
      links.push({ start, end, uri });
    }
  }
  if (links.length === 0) return text;
  const bytes = utf8Encoder.encode(text);
  links.sort((a, b) => a.start - b.start);
  let result = "";
  let at = 0;
  for (const link of links) {
    if (link.start < at || !Number.isInteger(link.end) || link.end <= link.start || link.end > bytes.length) continue;
    const shown = utf8Decoder.decode(bytes.subarray(link.start, link.end));
    if (!shown.endsWith("...") && !shown.endsWith("…")) continue;
    result += utf8Decoder.decode(bytes.subarray(at, link.start)) + link.uri;
    at = link.end;
  }
  return result + utf8Decoder.decode(bytes.subarray(at));
}

/** A post the embed quotes: its URI, and its view when the server could show it. */
interface Quoted {
  uri: string;
  view: JsonObject | undefined;
}

function quotedOf(record: unknown): Quoted | undefined {
  const view = asObject(record);
  const uri = postUri(view?.uri);
  if (!view || uri === undefined) return undefined;
  // viewRecord has the post itself in `value`; viewNotFound, viewBlocked and viewDetached only name it.
  return { uri, view: asObject(view.value) && asObject(view.author) ? view : undefined };
}

function mediaOfView(embed: JsonObject): Media[] {
  const images = asArray(embed.images);
  if (images) {
    return images
      .map((image) => httpUrl(asObject(image)?.fullsize))
      .filter((url): url is string => url !== undefined)
      .slice(0, 50)
      .map((url) => ({ type: "image", url }));
  }
  const video = httpUrl(embed.playlist);
  if (video) return [{ type: "video", url: video }];
  const link = httpUrl(asObject(embed.external)?.uri);
  return link ? [{ type: "link", url: link }] : [];
}

/** What an embed view shows: images, a video or a link card, and the post it quotes (record, recordWithMedia). */
function embedOf(value: unknown): { media: Media[]; quoted: Quoted | undefined } {
  const embed = asObject(value);
  if (!embed) return { media: [], quoted: undefined };
  const media = asObject(embed.media);
  const record = asObject(embed.record);
  if (media && record) return { media: mediaOfView(media), quoted: quotedOf(record.record) };
  if (record) return { media: [], quoted: quotedOf(record) };
  return { media: mediaOfView(embed), quoted: undefined };
}

/** A post as both a postView and a quoted viewRecord describe it. */
interface PostShape {
  uri: string;
  /** The record key: the last part of the URI, which names the post on its permalink. */
  rkey: string;
  profile: Profile;
  record: JsonObject;
  embed: unknown;
  counts: JsonObject;
}

/** A postView (`post`, `reply.parent`, `thread.post`), or the viewRecord of a quoted post, read into one shape. */
function postShape(value: unknown): PostShape | undefined {
  const view = asObject(value);
  const uri = asString(view?.uri);
  // One match both checks the URI and finds its record key.
  const rkey = uri !== undefined && uri.length <= 128 ? POST_URI.exec(uri)?.[2] : undefined;
  if (!view || uri === undefined || rkey === undefined) return undefined;
  const profile = profileOf(view.author);
  const record = asObject(view.record) ?? asObject(view.value);
  if (!profile || !record) return undefined;
  const embed = view.embed ?? asArray(view.embeds)?.[0];
  return { uri, rkey, profile, record, embed, counts: view };
}

function permalink(post: PostShape): string {
  return postPermalink(post.profile.pageName, post.rkey);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digitsAt(text: string, start: number, length: number): number {
  let value = 0;
  for (let index = start; index < start + length; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * True when the text is already the canonical `YYYY-MM-DDTHH:MM:SS.sssZ` of a real instant, as Bluesky writes its
 * dates: isoDateTime would give it back unchanged, so the Date round trip is skipped. Anything else goes to isoDateTime.
 */
function isCanonicalInstant(text: string): boolean {
  if (text.length !== 24 || text[4] !== "-" || text[7] !== "-" || text[10] !== "T" || text[13] !== ":") return false;
  if (text[16] !== ":" || text[19] !== "." || text[23] !== "Z" || digitsAt(text, 20, 3) < 0) return false;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number);
  const hours = digitsAt(text, 11, 2);
  const minutes = digitsAt(text, 14, 2);
  const seconds = digitsAt(text, 17, 2);
  return day <= days && hours >= 0 && hours < 24 && minutes >= 0 && minutes < 60 && seconds >= 0 && seconds < 60;
}

function dateOf(value: unknown): string | null {
  return typeof value === "string" && isCanonicalInstant(value) ? value : isoDateTime(value);
}

function languageOf(record: JsonObject): string | null {
  return shortString(asArray(record.langs)?.[0], 16) ?? null;
}

interface Collected {
  items: Item[];
  seen: Set<string>;
  source: Item["source"];
}

function add(into: Collected, item: Item): void {
  if (into.seen.has(item.id) || into.items.length >= MAX_ITEMS) return;
  into.seen.add(item.id);
  into.items.push(item);
}

function postItem(post: PostShape, embed: ReturnType<typeof embedOf>, into: Collected): Item {
  const { media, quoted } = embed;
  const replyToId = postUri(asObject(asObject(post.record.reply)?.parent)?.uri) ?? null;
  let kind: ItemKind = replyToId === null ? "post" : "reply";
  if (quoted) kind = "quote";
  return {
    platform: "bluesky",
    id: post.uri,
    url: permalink(post),
    kind,
    text: capText(postText(post.record)),
    author: post.profile.author,
    createdAt: dateOf(post.record.createdAt),
    lang: languageOf(post.record),
    media,
    metrics: {
      likes: count(post.counts.likeCount),
      reposts: count(post.counts.repostCount),
      replies: count(post.counts.replyCount),
      views: null,
    },
    promoted: false,
    originalId: quoted?.uri ?? null,
    replyToId,
    source: { ...into.source },
  };
}

/** Adds a post and the post it quotes (which may itself quote one: that one is named, not read). */
function collectPost(value: unknown, into: Collected, depth = 0): Item | undefined {
  const post = postShape(value);
  if (!post) return undefined;
  const embed = embedOf(post.embed);
  const item = postItem(post, embed, into);
  add(into, item);
  const quoted = embed.quoted;
  if (quoted?.view && depth < 1) collectPost(quoted.view, into, depth + 1);
  return item;
}

/** A repost of `original` by someone else: an item of its own, named by the repost record's URI. */
function collectRepost(reason: JsonObject, original: Item, into: Collected): void {
  const uri = asString(reason.uri);
  const profile = profileOf(reason.by);
  // Without the repost record's URI there is no id of its own to give it; the original alone is kept.
  if (uri === undefined || uri.length > 128 || !REPOST_URI.test(uri) || !profile) return;
  add(into, {
    ...original,
    id: uri,
    url: null,
    kind: "repost",
    author: profile.author,
    createdAt: dateOf(reason.indexedAt),
    metrics: { likes: null, reposts: null, replies: null, views: null },
    originalId: original.id,
    replyToId: null,
  });
}

/** One entry of a feed: the post, who reposted it, and the posts it answers as the app shows them above it. */
function collectFeedEntry(value: unknown, into: Collected): void {
  const entry = asObject(value);
  if (!entry) return;
  const reply = asObject(entry.reply);
  // notFoundPost and blockedPost carry no author or record: postShape turns them down.
  collectPost(reply?.root, into);
  collectPost(reply?.parent, into);
  const original = collectPost(entry.post, into);
  const reason = asObject(entry.reason);
  if (original && reason && reason.$type === "app.bsky.feed.defs#reasonRepost") collectRepost(reason, original, into);
}

/** A threadViewPost: its parents from the top of the thread down, the post, then its replies, depth first. */
function collectThread(value: unknown, into: Collected, depth: number, direction: "up" | "down" | "both"): void {
  const node = asObject(value);
  if (!node || depth > MAX_DEPTH) return;
  if (direction !== "down") collectThread(node.parent, into, depth + 1, "up");
  collectPost(node.post, into);
  if (direction === "up") return;
  for (const reply of asArray(node.replies) ?? []) collectThread(reply, into, depth + 1, "down");
}

function collectBody(method: string, body: JsonObject, into: Collected): void {
  if (FEED_METHODS.has(method)) {
    for (const entry of asArray(body.feed) ?? []) collectFeedEntry(entry, into);
  } else if (method === THREAD_METHOD) {
    collectThread(body.thread, into, 0, "both");
  } else if (method === SEARCH_METHOD) {
    for (const post of asArray(body.posts) ?? []) collectPost(post, into);
  } else if (FLAT_THREAD_METHODS.has(method)) {
    for (const entry of asArray(body.thread) ?? []) {
      const value = asObject(asObject(entry)?.value);
      if (value?.$type === "app.bsky.unspecced.defs#threadItemPost") collectPost(value.post, into);
    }
  }
}

function parse(url: string, body: unknown, context: ParseContext): Item[] {
  // Every read is checked, so odd input yields fewer items; this guard only keeps a bug from becoming a throw.
  try {
    const method = methodOf(url);
    const object = asObject(body);
    if (method === undefined || !object) return [];
    const collected: Collected = {
      items: [],
      seen: new Set(),
      source: { endpoint: `/xrpc/${method}`, capturedAt: context.capturedAt },
    };
    collectBody(method, object, collected);
    return collected.items;
  } catch {
    return [];
  }
}

export const blueskyAdapter: Adapter = {
  platform: "bluesky",
  matches: (url) => methodOf(url) !== undefined,
  parse,
  parseEmbedded: blueskyPageItems,
};
