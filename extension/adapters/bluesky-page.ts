// Bluesky's server-rendered pages (bskyweb): what a post or profile page carries before the app fetches anything.
//
// bsky.app answers every page with the same app shell, and adds for search engines and link previews (templates
// post.html and profile.html, JSON-LD built by jsonld.go in bluesky-social/social-app):
// - post pages: `<script type="application/ld+json">` with a WebPage whose mainEntity is a DiscussionForumPosting
//   (identifier: the post's at:// URI, author, text with links written out, datePublished, interaction counts) and up
//   to ten of its replies in `comment[]`; `<link rel="alternate" href="at://…">`; and in `<noscript>` a
//   `#bsky_post_summary` (display name, handle, DID, text, indexedAt) that older pages carry without the JSON-LD;
// - profile pages: a ProfilePage whose `hasPart[]` lists up to ten of the author's recent posts.
// Home, feeds and search embed no posts: their first screen comes from XRPC calls at load, which the hook reads.
import type { Item, Media } from "../../shared/item";
import type { ParseContext } from "./adapter";
import { postPermalink, postUriParts, profilePageName } from "./bluesky-ids";
import { asArray, asObject, asString, type JsonObject } from "./json-fields";
import { capText, count, decodeEntities, httpUrl, isoDateTime, readTag, requestUrl, shortString } from "./text";

/** Pages above this size are not read (a bskyweb page is a few tens of KB). */
const MAX_PAGE_LENGTH = 5_000_000;
const MAX_ITEMS = 100;
const POSTING_TYPES = new Set(["DiscussionForumPosting", "SocialMediaPosting"]);

/** What one pass over the page found. */
interface PageParts {
  jsonLd: JsonObject[];
  /** The at:// URI the page is about (`<link rel="alternate">`), on post pages. */
  postUri: string | undefined;
  /** The `<noscript>` summary's fields by id (`bsky_did`, `bsky_post_text`, …), entities decoded. */
  summary: Map<string, string>;
}

function parseJsonObject(text: string): JsonObject | undefined {
  try {
    return asObject(JSON.parse(text));
  } catch {
    // The older inline template wrote the text unescaped into the JSON, which then does not parse: the summary stays.
    return undefined;
  }
}

/** One linear pass over the tags: JSON-LD blocks, the at:// alternate link and the summary's paragraphs. */
function scanPage(html: string): PageParts {
  const parts: PageParts = { jsonLd: [], postUri: undefined, summary: new Map() };
  let index = 0;
  while (index < html.length) {
    const lt = html.indexOf("<", index);
    if (lt === -1) break;
    const tag = readTag(html, lt);
    if (tag === "truncated") break;
    if (tag === "not-a-tag" || tag.closing) {
      index = lt + 1;
      continue;
    }
    index = tag.end;
    if (tag.name === "script") {
      const end = html.indexOf("</script", tag.end);
      if (end === -1) break;
      if ((tag.attributes.get("type") ?? "").trim().startsWith("application/ld+json") && parts.jsonLd.length < 8) {
        const object = parseJsonObject(html.slice(tag.end, end));
        if (object) parts.jsonLd.push(object);
      }
      index = end;
    } else if (tag.name === "link" && tag.attributes.get("rel") === "alternate") {
      parts.postUri ??= postUriParts(tag.attributes.get("href"))?.uri;
    } else if (tag.name === "p" && (tag.attributes.get("id") ?? "").startsWith("bsky_")) {
      const end = html.indexOf("</p", tag.end);
      if (end === -1) break;
      const id = tag.attributes.get("id") as string;
      if (!parts.summary.has(id)) parts.summary.set(id, decodeEntities(html.slice(tag.end, end)).trim());
      index = end;
    }
  }
  return parts;
}

/** The endpoint items of this page record: the page's route, without the names in it. */
function endpointOf(url: string): string {
  const path = requestUrl(url)?.pathname ?? "";
  if (/^\/profile\/[^/]+\/post\/[^/]+\/?$/.test(path)) return "/profile/:actor/post/:rkey";
  if (/^\/profile\/[^/]+\/?$/.test(path)) return "/profile/:actor";
  return "(page)";
}

interface Posting {
  node: JsonObject;
  /** The URI of the post this one answers (the page's post, for its `comment[]`). */
  replyTo: string | undefined;
  /** The URI to use when the node has no identifier (the page's own post, on older pages). */
  fallbackUri: string | undefined;
}

/** The value when it is a schema.org posting, else undefined. */
function postingOf(value: unknown): JsonObject | undefined {
  const node = asObject(value);
  return node && POSTING_TYPES.has(asString(node["@type"]) ?? "") ? node : undefined;
}

/** The postings of one JSON-LD block: the page's post and its replies, or a profile's recent posts. */
function postingsOf(root: JsonObject, pageUri: string | undefined): Posting[] {
  const main = postingOf(root) ?? postingOf(root.mainEntity);
  const postings: Posting[] = [];
  if (main) {
    postings.push({ node: main, replyTo: undefined, fallbackUri: pageUri });
    const mainUri = postUriParts(main.identifier)?.uri ?? pageUri;
    for (const reply of (asArray(main.comment) ?? []).slice(0, MAX_ITEMS)) {
      const node = postingOf(reply);
      if (node) postings.push({ node, replyTo: mainUri, fallbackUri: undefined });
    }
  }
  for (const part of (asArray(root.hasPart) ?? []).slice(0, MAX_ITEMS)) {
    const node = postingOf(part);
    if (node) postings.push({ node, replyTo: undefined, fallbackUri: undefined });
  }
  return postings;
}

/** The handle a schema.org author names: `alternateName` ("@handle"), a name written "@handle", or its profile URL. */
function handleOf(author: JsonObject): string | undefined {
  for (const value of [author.alternateName, author.name]) {
    const text = asString(value);
    if (text?.startsWith("@") && text.length > 1) return shortString(text.slice(1), 128);
  }
  const path = requestUrl(author.url)?.pathname ?? "";
  return /^\/profile\/([A-Za-z0-9.-]{1,128})\/?$/.exec(path)?.[1];
}

/** LikeAction and CommentAction counts; ShareAction adds quotes to reposts, so it is no repost count. */
function metricsOf(node: JsonObject): Item["metrics"] {
  const metrics: Item["metrics"] = { likes: null, reposts: null, replies: count(node.commentCount), views: null };
  for (const entry of (asArray(node.interactionStatistic) ?? []).slice(0, 8)) {
    const counter = asObject(entry);
    const type = asString(counter?.interactionType) ?? "";
    if (type.endsWith("/LikeAction")) metrics.likes = count(counter?.userInteractionCount);
    else if (type.endsWith("/CommentAction")) metrics.replies = count(counter?.userInteractionCount);
  }
  return metrics;
}

function mediaOf(node: JsonObject): Media[] {
  const images = asArray(node.image) ?? [node.image];
  const media: Media[] = [];
  for (const image of images.slice(0, 49)) {
    const url = httpUrl(image) ?? httpUrl(asObject(image)?.contentUrl);
    if (url) media.push({ type: "image", url });
  }
  const link = httpUrl(asObject(node.sharedContent)?.url);
  if (link) media.push({ type: "link", url: link });
  return media;
}

function postingItem(posting: Posting, source: Item["source"]): Item | undefined {
  const { node } = posting;
  const post = postUriParts(node.identifier) ?? postUriParts(posting.fallbackUri);
  const author = asObject(node.author);
  if (!post || !author) return undefined;
  const handle = handleOf(author) ?? post.did;
  const name = asString(author.name)?.trim();
  const replyToId = posting.replyTo ?? null;
  return {
    platform: "bluesky",
    id: post.uri,
    url: postPermalink(profilePageName(handle, post.did), post.rkey),
    // The page says whether a post quotes another (isBasedOn), not whether the page's own post answers one.
    kind: replyToId !== null ? "reply" : node.isBasedOn !== undefined ? "quote" : "post",
    text: capText(asString(node.text) ?? ""),
    author: { id: post.did, handle, name: shortString(name === `@${handle}` ? handle : name, 256) ?? handle },
    // The page gives the time the post was indexed, which is when it was posted but for late-indexed posts.
    createdAt: isoDateTime(node.datePublished),
    lang: null,
    media: mediaOf(node),
    metrics: metricsOf(node),
    promoted: false,
    // isBasedOn names the quoted post by its handle URL, not by its at:// URI.
    originalId: null,
    replyToId,
    source: { ...source },
  };
}

/** The page's own post from its `<noscript>` summary, as the posting it describes, for pages without readable JSON-LD. */
function summaryPosting(parts: PageParts): Posting | undefined {
  const post = postUriParts(parts.postUri);
  const text = parts.summary.get("bsky_post_text");
  if (!post || parts.summary.get("bsky_did") !== post.did || text === undefined) return undefined;
  const handle = parts.summary.get("bsky_handle");
  const author = { name: parts.summary.get("bsky_display_name") || undefined, alternateName: handle && `@${handle}` };
  const node = { identifier: post.uri, author, text, datePublished: parts.summary.get("bsky_post_indexedat") };
  return { node, replyTo: undefined, fallbackUri: undefined };
}

/** The posts a bsky.app page carries: its JSON-LD postings, else the `<noscript>` summary of its post. */
export function blueskyPageItems(url: string, html: string, context: ParseContext): Item[] {
  // Every read is checked, so odd input yields fewer items; this guard only keeps a bug from becoming a throw.
  try {
    if (typeof html !== "string" || html.length > MAX_PAGE_LENGTH) return [];
    const parts = scanPage(html);
    const source = { endpoint: endpointOf(url), capturedAt: context.capturedAt };
    const items: Item[] = [];
    const seen = new Set<string>();
    for (const root of parts.jsonLd) {
      for (const posting of postingsOf(root, parts.postUri)) {
        const item = postingItem(posting, source);
        if (!item || seen.has(item.id) || items.length >= MAX_ITEMS) continue;
        seen.add(item.id);
        items.push(item);
      }
    }
    const summary = summaryPosting(parts);
    const summaryPost = summary && postingItem(summary, source);
    if (summaryPost && !seen.has(summaryPost.id)) items.unshift(summaryPost);
    return items;
  } catch {
    return [];
  }
}
