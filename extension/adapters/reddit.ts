// Reddit: posts and comments from the `.json` listing API and from the new web UI's server-rendered shreddit HTML.
import type { Item, Media, Metrics } from "../../shared/item";
import type { Adapter, ParseContext } from "./adapter";
import { asArray, asObject, asString, type JsonObject } from "./json-fields";
import {
  capText,
  count,
  type HtmlTag,
  htmlToText,
  httpUrl,
  isoDateTime,
  isoFromEpochSeconds,
  readTag,
  requestUrl,
  shortString,
} from "./text";

const HOSTS = new Set([
  "reddit.com",
  "www.reddit.com",
  "old.reddit.com",
  "new.reddit.com",
  "np.reddit.com",
  "sh.reddit.com",
  "m.reddit.com",
  "oauth.reddit.com",
]);

const SORTS = "best|hot|new|top|rising|controversial";
/** Listing paths, without `.json` and trailing slash: the front page, subreddits, threads, users, multireddits. */
const LISTING_PATHS: readonly RegExp[] = [
  new RegExp(`^(?:/(?:${SORTS}))?$`),
  new RegExp(`^/r/[^/]+(?:/(?:${SORTS}|gilded|comments|search))?$`),
  /^(?:\/r\/[^/]+)?\/comments\/[a-z0-9]+(?:\/[^/]*){0,3}$/i,
  /^\/(?:user|u)\/[^/]+(?:\/(?:overview|submitted|comments|gilded))?$/,
  new RegExp(`^/(?:user|u)/[^/]+/m/[^/]+(?:/(?:${SORTS}|comments))?$`),
  /^\/search$/,
  /^\/api\/(?:morechildren|info)$/,
];
/** The web UI's HTML fragments that carry posts or comments (`/svc/shreddit/feeds/…`, `…/more-comments/…`). */
const FRAGMENT_PATH = /^\/svc\/shreddit\/[^?#]*(?:feed|posts|comments)/;

/** Subreddits only their members can read: nothing from them is kept. */
const CLOSED_SUBREDDITS = new Set(["private", "employees_only", "gold_only"]);

const SITE = "https://www.reddit.com";
const MAX_DEPTH = 64;
const MAX_ITEMS = 2000;

interface RedditUrl {
  url: URL;
  /** The path without `.json` and trailing slashes. */
  path: string;
  json: boolean;
}

function readUrl(url: string): RedditUrl | undefined {
  const parsed = requestUrl(url, true);
  if (!parsed || !HOSTS.has(parsed.hostname)) return undefined;
  let path = parsed.pathname.replace(/\/+$/, "");
  const json = path.endsWith(".json");
  if (json) path = path.slice(0, -".json".length).replace(/\/+$/, "");
  return { url: parsed, path, json };
}

function isApiUrl(reddit: RedditUrl): boolean {
  if (FRAGMENT_PATH.test(reddit.path)) return true;
  const api = reddit.json || reddit.url.hostname === "oauth.reddit.com" || reddit.path.startsWith("/api/");
  return api && LISTING_PATHS.some((pattern) => pattern.test(reddit.path));
}

/**
 * `/r/:sub/comments/:id`, `/user/:name/m/:multi/comments`: names and ids out of the path, so endpoints group well and
 * never name a person. A thread's slug and comment id are dropped.
 */
function endpointOf(path: string): string {
  const segments = path.split("/").filter((segment) => segment.length > 0);
  const out: string[] = [];
  for (let index = 0; index < segments.length && out.length < 12; index++) {
    const segment = segments[index] as string;
    const before = segments[index - 1];
    if (before === "r") out.push(":sub");
    else if (before === "user" || before === "u") out.push(":name");
    else if (before === "m" && out[out.length - 2] === ":name") out.push(":multi");
    else if (before === "comments" && segment !== "r") {
      out.push(":id");
      break;
    } else if (/^t[1-6]_/.test(segment)) out.push(":id");
    else out.push(segment);
  }
  return `/${out.join("/")}`.slice(0, 256);
}

/** `t3_abc12` or `abc12` → `abc12`. */
function baseId(value: unknown): string | undefined {
  const match = /^(?:t[1-6]_)?([a-z0-9]{1,16})$/i.exec(asString(value) ?? "");
  return match?.[1];
}

/** A Reddit permalink (`/r/…/comments/…/`) as a full URL. */
function siteUrl(permalink: unknown): string | undefined {
  const path = asString(permalink);
  if (path === undefined) return undefined;
  if (path.startsWith("/") && !path.startsWith("//")) return httpUrl(SITE + path);
  return httpUrl(path);
}

/** Without `raw_json=1`, Reddit escapes `&`, `<` and `>` in texts and URLs as it did for its old HTML pages. */
function legacyUnescape(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(amp|lt|gt);/g, (_, name: string) => (name === "amp" ? "&" : name === "lt" ? "<" : ">"));
}

function authorOf(name: unknown, fullname: unknown): Item["author"] {
  const handle = shortString(name, 128) ?? "";
  return { id: shortString(fullname, 128) ?? "", handle, name: handle };
}

interface Collected {
  items: Item[];
  seen: Set<string>;
  source: Item["source"];
  unescapeText: (text: string) => string;
}

function add(into: Collected, item: Item): void {
  if (into.seen.has(item.id) || into.items.length >= MAX_ITEMS) return;
  into.seen.add(item.id);
  into.items.push(item);
}

const IMAGE_FILE = /\.(?:jpe?g|png|webp)(?:[?#]|$)/i;
const GIF_FILE = /\.gif(?:[?#]|$)/i;

function redditVideo(post: JsonObject): Media | undefined {
  const video = asObject(asObject(post.secure_media)?.reddit_video) ?? asObject(asObject(post.media)?.reddit_video);
  const url = httpUrl(video?.fallback_url) ?? httpUrl(video?.hls_url);
  if (!video || !url) return undefined;
  return { type: video.is_gif === true ? "gif" : "video", url };
}

function galleryMedia(post: JsonObject, unescapeText: (text: string) => string): Media[] {
  const metadata = asObject(post.media_metadata);
  const media: Media[] = [];
  for (const entry of asArray(asObject(post.gallery_data)?.items) ?? []) {
    const key = asString(asObject(entry)?.media_id);
    const image = key === undefined ? undefined : asObject(metadata?.[key]);
    const source = asObject(image?.s);
    const gif = httpUrl(unescapeText(asString(source?.gif) ?? asString(source?.mp4) ?? ""));
    const still = httpUrl(unescapeText(asString(source?.u) ?? ""));
    if (image?.e === "AnimatedImage" && gif) media.push({ type: "gif", url: gif });
    else if (still) media.push({ type: "image", url: still });
    if (media.length === 48) break;
  }
  return media;
}

/** What a post shows besides its words: Reddit's own video, a gallery, an image, or the page it links to. */
function postMedia(post: JsonObject, unescapeText: (text: string) => string): Media[] {
  const video = redditVideo(post);
  if (video) return [video];
  const media = post.is_gallery === true ? galleryMedia(post, unescapeText) : [];
  const target = httpUrl(unescapeText(asString(post.url_overridden_by_dest) ?? asString(post.url) ?? ""));
  if (media.length === 0 && target && post.is_self !== true && !/^https?:\/\/(?:[a-z]+\.)?reddit\.com\//.test(target)) {
    if (GIF_FILE.test(target)) media.push({ type: "gif", url: target });
    else if (post.post_hint === "image" || IMAGE_FILE.test(target) || target.startsWith("https://i.redd.it/")) {
      media.push({ type: "image", url: target });
    } else if (!target.startsWith("https://v.redd.it/")) media.push({ type: "link", url: target });
  }
  if (!media.some((entry) => entry.type !== "link")) {
    const images = asArray(asObject(post.preview)?.images);
    const preview = httpUrl(unescapeText(asString(asObject(asObject(images?.[0])?.source)?.url) ?? ""));
    if (preview) media.push({ type: "image", url: preview });
  }
  return media;
}

function isClosed(data: JsonObject): boolean {
  return typeof data.subreddit_type === "string" && CLOSED_SUBREDDITS.has(data.subreddit_type);
}

function postItem(post: JsonObject, into: Collected): Item | undefined {
  const id = baseId(post.id) ?? baseId(post.name);
  if (id === undefined || isClosed(post)) return undefined;
  const title = into.unescapeText(asString(post.title) ?? "").trim();
  const body = into.unescapeText(asString(post.selftext) ?? "").trim();
  const original = baseId(post.crosspost_parent);
  const metrics: Metrics = {
    // A negative score is no like count: it becomes null.
    likes: count(post.ups ?? post.score),
    reposts: count(post.num_crossposts),
    replies: count(post.num_comments),
    views: count(post.view_count),
  };
  return {
    platform: "reddit",
    id,
    url: siteUrl(post.permalink) ?? null,
    kind: original === undefined ? "post" : "repost",
    text: capText(title && body ? `${title}\n\n${body}` : title || body),
    author: authorOf(post.author, post.author_fullname),
    createdAt: isoFromEpochSeconds(post.created_utc),
    lang: null,
    media: postMedia(post, into.unescapeText),
    metrics,
    promoted: post.promoted === true || post.is_promoted === true,
    originalId: original ?? null,
    replyToId: null,
    source: { ...into.source },
  };
}

/** A deleted or removed comment shows only a placeholder: there is nothing of anyone's to keep. */
function isPlaceholder(body: string): boolean {
  return body === "[deleted]" || body === "[removed]";
}

function commentUrl(comment: JsonObject, id: string): string | undefined {
  const fromPermalink = siteUrl(comment.permalink);
  if (fromPermalink) return fromPermalink;
  const subreddit = asString(comment.subreddit);
  const post = baseId(comment.link_id);
  if (subreddit === undefined || !/^[A-Za-z0-9_]{1,32}$/.test(subreddit) || post === undefined) return undefined;
  return `${SITE}/r/${subreddit}/comments/${post}/comment/${id}/`;
}

function commentItem(comment: JsonObject, into: Collected): Item | undefined {
  const id = baseId(comment.id) ?? baseId(comment.name);
  const body = into.unescapeText(asString(comment.body) ?? "").trim();
  if (id === undefined || isClosed(comment) || isPlaceholder(body)) return undefined;
  return {
    platform: "reddit",
    id,
    url: commentUrl(comment, id) ?? null,
    kind: "comment",
    text: capText(body),
    author: authorOf(comment.author, comment.author_fullname),
    createdAt: isoFromEpochSeconds(comment.created_utc),
    lang: null,
    media: [],
    metrics: { likes: count(comment.ups ?? comment.score), reposts: null, replies: null, views: null },
    promoted: comment.promoted === true,
    originalId: null,
    replyToId: baseId(comment.parent_id) ?? null,
    source: { ...into.source },
  };
}

/** A listing, a post (`t3`), a comment (`t1`) and its replies; `more` stubs and other kinds carry nothing to read. */
function collectThing(value: unknown, into: Collected, depth: number): void {
  const thing = asObject(value);
  const data = asObject(thing?.data);
  if (!thing || !data || depth > MAX_DEPTH) return;
  if (thing.kind === "Listing") {
    for (const child of asArray(data.children) ?? []) collectThing(child, into, depth + 1);
  } else if (thing.kind === "t3") {
    const post = postItem(data, into);
    if (post) add(into, post);
    // A crosspost embeds the post it shares; that post is seen too.
    const shared = asObject(asArray(data.crosspost_parent_list)?.[0]);
    const sharedPost = shared && postItem(shared, into);
    if (sharedPost && post) add(into, sharedPost);
  } else if (thing.kind === "t1") {
    const comment = commentItem(data, into);
    if (comment) add(into, comment);
    collectThing(data.replies, into, depth + 1);
  }
}

function collectJson(body: unknown, into: Collected): void {
  if (Array.isArray(body)) {
    // A thread: [listing of the post, listing of its comments].
    for (const part of body.slice(0, 4)) collectThing(part, into, 0);
    return;
  }
  const things = asArray(asObject(asObject(asObject(body)?.json)?.data)?.things);
  if (things) {
    // `/api/morechildren`: the comments behind a "load more comments" link, as a flat list.
    for (const thing of things) collectThing(thing, into, 0);
    return;
  }
  collectThing(body, into, 0);
}

// --- shreddit HTML -------------------------------------------------------------------------------------------------

/** Finds `<name` (or `</name`) as a whole tag name from an offset; remembers its answer so a scan stays linear. */
class TagFinder {
  private from = -1;
  private found = -1;
  constructor(
    private readonly html: string,
    private readonly needle: string,
  ) {}

  next(from: number): number {
    if (this.from !== -1 && from >= this.from && (this.found === -1 || this.found >= from)) return this.found;
    let index = from;
    for (;;) {
      index = this.html.indexOf(this.needle, index);
      if (index === -1) break;
      const after = this.html[index + this.needle.length];
      if (after === undefined || /[\s/>]/.test(after)) break;
      index += this.needle.length;
    }
    this.from = from;
    this.found = index;
    return index;
  }
}

/** The HTML inside an element opened by `open`, up to its matching close tag (or `limit`). */
function innerHtml(html: string, open: HtmlTag, limit: number): string {
  if (open.selfClosing) return "";
  let depth = 1;
  let index = open.end;
  while (index < limit) {
    const lt = html.indexOf("<", index);
    if (lt === -1 || lt >= limit) break;
    const tag = readTag(html, lt);
    if (tag === "truncated") break;
    if (tag === "not-a-tag") {
      index = lt + 1;
      continue;
    }
    if (tag.name === open.name && !tag.selfClosing) {
      depth += tag.closing ? -1 : 1;
      if (depth === 0) return html.slice(open.end, lt);
    }
    index = tag.end;
  }
  return html.slice(open.end, Math.min(limit, html.length));
}

/** The text of the first element between `from` and `limit` that `wanted` picks, or undefined. */
function elementText(html: string, from: number, limit: number, wanted: (tag: HtmlTag) => boolean): string | undefined {
  let index = from;
  while (index < limit) {
    const lt = html.indexOf("<", index);
    if (lt === -1 || lt >= limit) return undefined;
    const tag = readTag(html, lt);
    if (tag === "truncated") return undefined;
    if (tag === "not-a-tag") {
      index = lt + 1;
      continue;
    }
    if (!tag.closing && wanted(tag)) return htmlToText(innerHtml(html, tag, limit));
    index = tag.end;
  }
  return undefined;
}

/** A boolean attribute is on when present, unless it says "false". */
function flag(tag: HtmlTag, name: string): boolean {
  const value = tag.attributes.get(name);
  return value !== undefined && value !== "false";
}

/** A count attribute; the UI's abbreviated forms ("1.2k") are not counts. */
function attributeCount(tag: HtmlTag, name: string): number | null {
  return count(tag.attributes.get(name));
}

/** The media a shreddit post points at: `content-href` read by `post-type` (a text post points back at itself). */
function shredditMedia(tag: HtmlTag): Media[] {
  const target = httpUrl(tag.attributes.get("content-href"));
  if (!target || /^https?:\/\/(?:[a-z]+\.)?reddit\.com\//.test(target)) return [];
  switch (tag.attributes.get("post-type")) {
    case "image":
      return [{ type: GIF_FILE.test(target) ? "gif" : "image", url: target }];
    case "video":
      return [{ type: "video", url: target }];
    case "link":
      return [{ type: "link", url: target }];
    default:
      return [];
  }
}

function shredditPost(tag: HtmlTag, body: string | undefined, promoted: boolean, into: Collected): Item | undefined {
  const id = baseId(tag.attributes.get("id")) ?? baseId(tag.attributes.get("post-id"));
  if (id === undefined) return undefined;
  const title = (tag.attributes.get("post-title") ?? "").trim();
  const text = (body ?? "").trim();
  return {
    platform: "reddit",
    id,
    url: siteUrl(tag.attributes.get("permalink")) ?? null,
    kind: "post",
    text: capText(title && text ? `${title}\n\n${text}` : title || text),
    author: authorOf(tag.attributes.get("author"), tag.attributes.get("author-id")),
    createdAt: isoDateTime(tag.attributes.get("created-timestamp")),
    lang: shortString(tag.attributes.get("post-language"), 16) ?? null,
    media: shredditMedia(tag),
    metrics: {
      likes: attributeCount(tag, "score"),
      reposts: null,
      replies: attributeCount(tag, "comment-count"),
      views: null,
    },
    promoted: promoted || tag.name === "shreddit-ad-post" || flag(tag, "promoted") || flag(tag, "is-promoted"),
    originalId: null,
    replyToId: null,
    source: { ...into.source },
  };
}

function shredditComment(tag: HtmlTag, body: string | undefined, into: Collected): Item | undefined {
  const attributes = tag.attributes;
  const fullname = attributes.get("thingid") ?? attributes.get("thing-id") ?? attributes.get("id");
  const id = fullname?.startsWith("t1_") || attributes.has("thingid") ? baseId(fullname) : undefined;
  const text = (body ?? "").trim();
  if (id === undefined || isPlaceholder(text)) return undefined;
  return {
    platform: "reddit",
    id,
    url: siteUrl(attributes.get("permalink")) ?? null,
    kind: "comment",
    text: capText(text),
    author: authorOf(attributes.get("author"), attributes.get("author-id")),
    createdAt: isoDateTime(attributes.get("created") ?? attributes.get("created-timestamp")),
    lang: null,
    media: [],
    metrics: { likes: attributeCount(tag, "score"), reposts: null, replies: null, views: null },
    promoted: false,
    originalId: null,
    replyToId: baseId(attributes.get("parentid")) ?? baseId(attributes.get("postid")) ?? null,
    source: { ...into.source },
  };
}

const isPostBody = (tag: HtmlTag) => tag.attributes.get("slot") === "text-body";
const isCommentBody = (tag: HtmlTag) =>
  tag.attributes.get("slot") === "comment" || /-rtjson-content$/.test(tag.attributes.get("id") ?? "");

/**
 * Posts and comments in shreddit HTML, read from the custom elements' attributes and their body slots. Comments nest
 * inside their parents, so a comment's own body is looked for only before its first child or its end.
 */
function collectShreddit(html: string, into: Collected): void {
  const postEnds = new TagFinder(html, "</shreddit-post");
  const adEnds = new TagFinder(html, "</shreddit-ad-post");
  const postStarts = new TagFinder(html, "<shreddit-post");
  const commentStarts = new TagFinder(html, "<shreddit-comment");
  const commentEnds = new TagFinder(html, "</shreddit-comment");
  const scriptStarts = new TagFinder(html, "<script");
  const scriptEnds = new TagFinder(html, "</script");
  const orEnd = (index: number) => (index === -1 ? html.length : index);
  let adUntil = -1;
  let index = 0;
  while (into.items.length < MAX_ITEMS) {
    const lt = html.indexOf("<shreddit-", index);
    if (lt === -1) break;
    // Markup quoted inside an inline script is no element of the page.
    const script = scriptStarts.next(index);
    if (script !== -1 && script < lt) {
      index = orEnd(scriptEnds.next(script)) + 1;
      continue;
    }
    const tag = readTag(html, lt);
    if (tag === "truncated") break;
    if (tag === "not-a-tag") {
      index = lt + 1;
      continue;
    }
    index = tag.end;
    if (tag.name === "shreddit-ad-post") {
      const limit = orEnd(adEnds.next(tag.end));
      const wrapsPost = postStarts.next(tag.end);
      if (wrapsPost !== -1 && wrapsPost < limit) {
        adUntil = limit;
        continue;
      }
      const ad = shredditPost(tag, elementText(html, tag.end, limit, isPostBody), true, into);
      if (ad) add(into, ad);
      index = Math.max(index, limit);
    } else if (tag.name === "shreddit-post") {
      const limit = orEnd(postEnds.next(tag.end));
      const post = shredditPost(tag, elementText(html, tag.end, limit, isPostBody), lt < adUntil, into);
      if (post) add(into, post);
      index = Math.max(index, limit);
    } else if (tag.name === "shreddit-comment") {
      const limit = Math.min(orEnd(commentStarts.next(tag.end)), orEnd(commentEnds.next(tag.end)));
      const comment = shredditComment(tag, elementText(html, tag.end, limit, isCommentBody), into);
      if (comment) add(into, comment);
    }
  }
}

// --- adapter -------------------------------------------------------------------------------------------------------

function collecting(path: string, url: URL, context: ParseContext): Collected {
  const raw = url.searchParams.get("raw_json") === "1";
  return {
    items: [],
    seen: new Set(),
    source: { endpoint: endpointOf(path), capturedAt: context.capturedAt },
    unescapeText: raw ? (text) => text : legacyUnescape,
  };
}

function parse(url: string, body: unknown, context: ParseContext): Item[] {
  // Every read is checked, so odd input yields fewer items; this guard only keeps a bug from becoming a throw.
  try {
    const reddit = readUrl(url);
    if (!reddit || !isApiUrl(reddit)) return [];
    const collected = collecting(reddit.path, reddit.url, context);
    if (typeof body === "string") collectShreddit(body, collected);
    else collectJson(body, collected);
    return collected.items;
  } catch {
    return [];
  }
}

function parseEmbedded(url: string, html: string, context: ParseContext): Item[] {
  try {
    const reddit = readUrl(url);
    if (!reddit || typeof html !== "string") return [];
    const collected = collecting(reddit.path, reddit.url, context);
    collectShreddit(html, collected);
    return collected.items;
  } catch {
    return [];
  }
}

export const redditAdapter: Adapter = {
  platform: "reddit",
  matches: (url) => {
    const reddit = readUrl(url);
    return reddit !== undefined && isApiUrl(reddit);
  },
  parse,
  parseEmbedded,
};
