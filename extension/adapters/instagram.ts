// Instagram: posts and reels from the web app's GraphQL and API v1 feeds, and from the answers its pages preload.
//
// Choices the design leaves open, made as an Instagram user would expect:
// - GraphQL answers are read by the shape of what they hold (media objects: code, taken_at, user), never by doc_id, so
//   any feed that lists posts is read; each answer's endpoint names its `data` field
//   (`/graphql/query:xdt_api__v1__feed__timeline__connection`), which names no person.
// - A reel (product type "clips") or a video post is kind "video"; everything else, carousels included, is "post".
// - Ads (ad id, `injected`, a call to action, product type "ad") are kept with promoted = true, for the user's filter to
//   decide; a paid partnership is the author's own post and is not promoted.
// - Posts of private accounts and close-friends stories are never returned, nor anything read from direct messages.
// - Where the author hides like and view counts, those counts are null even if the answer carries a number.
// - The "more posts" grid a post page preloads below the post is not returned: the user has not seen it.
import type { Item } from "../../shared/item";
import type { Adapter, ParseContext } from "./adapter";
import { asObject, type JsonObject } from "./json-fields";
import { authorOf, captionText, isAd, isMediaShaped, mediaId, mediaOf, shortcodeOf } from "./meta-media";
import { metaJson, preloadedAnswers } from "./meta-relay";
import { capText, count, isoFromEpochSeconds, requestUrl } from "./text";

const HOSTS = new Set(["www.instagram.com", "instagram.com", "i.instagram.com"]);
const GRAPHQL_PATHS = new Set(["/graphql/query", "/api/graphql"]);

/** The API v1 paths that answer with posts or reels, and the endpoint each is recorded as (ids and names left out). */
const API_ROUTES: readonly { path: RegExp; endpoint: string }[] = [
  { path: /^\/api\/v1\/feed\/timeline$/, endpoint: "/api/v1/feed/timeline/" },
  { path: /^\/api\/v1\/feed\/user\/[^/]+\/username$/, endpoint: "/api/v1/feed/user/:name/username/" },
  { path: /^\/api\/v1\/feed\/user\/[^/]+$/, endpoint: "/api/v1/feed/user/:id/" },
  { path: /^\/api\/v1\/feed\/reels_media$/, endpoint: "/api/v1/feed/reels_media/" },
  { path: /^\/api\/v1\/feed\/tag\/[^/]+$/, endpoint: "/api/v1/feed/tag/:tag/" },
  { path: /^\/api\/v1\/feed\/saved\/posts$/, endpoint: "/api/v1/feed/saved/posts/" },
  { path: /^\/api\/v1\/clips\/[a-z_]+$/, endpoint: "/api/v1/clips/$0/" },
  { path: /^\/api\/v1\/media\/[^/]+\/info$/, endpoint: "/api/v1/media/:id/info/" },
  { path: /^\/api\/v1\/tags\/[^/]+\/sections$/, endpoint: "/api/v1/tags/:tag/sections/" },
  { path: /^\/api\/v1\/discover\/web\/explore_grid$/, endpoint: "/api/v1/discover/web/explore_grid/" },
];

/** Where embedded items come from: a constant, as a page path can name the person whose profile it is. */
const PRELOADED_ENDPOINT = "RelayPrefetchedStreamCache";
/** The preloaded "more posts from …" grid below a post. */
const UNSEEN_QUERY = /RelatedMediaGrid/;
const DATA_KEY = /^[A-Za-z0-9_]{1,128}$/;
/** `data` fields of direct messages (`…direct_v2…`, inboxes): a post shared in a message is never read from there. */
const MESSAGE_DATA = /direct|inbox|messag/i;

const MAX_DEPTH = 32;
const MAX_ITEMS = 2000;

/** The endpoint of an Instagram URL whose answers we read (a GraphQL path as it is), or undefined. */
function routeOf(url: string): string | undefined {
  const parsed = requestUrl(url, true);
  if (!parsed || !HOSTS.has(parsed.hostname)) return undefined;
  const path = parsed.pathname.length > 1 ? parsed.pathname.replace(/\/+$/, "") : parsed.pathname;
  if (GRAPHQL_PATHS.has(path)) return path;
  for (const route of API_ROUTES) {
    const match = route.path.exec(path);
    if (match) return route.endpoint.replace("$0", match[0].slice("/api/v1/clips/".length));
  }
  return undefined;
}

interface Collected {
  items: Item[];
  seen: Set<string>;
  source: Item["source"];
}

function postItem(post: JsonObject, promoted: boolean, source: Item["source"]): Item | undefined {
  const user = asObject(post.user);
  // Close friends' stories ("besties") are shown to a chosen few: like a private account's posts, never kept.
  if (!user || user.is_private === true || post.audience === "besties") return undefined;
  const id = mediaId(post);
  const code = shortcodeOf(post);
  const author = authorOf(user);
  if (id === undefined || code === undefined || !author) return undefined;
  const reel = post.product_type === "clips";
  const countsHidden = post.like_and_view_counts_disabled === true;
  const views = post.play_count ?? post.ig_play_count ?? post.view_count ?? post.video_view_count;
  return {
    platform: "instagram",
    id,
    url: `https://www.instagram.com/${reel ? "reel" : "p"}/${code}/`,
    kind: reel || post.media_type === 2 ? "video" : "post",
    text: capText(captionText(post)),
    author,
    createdAt: isoFromEpochSeconds(post.taken_at),
    lang: null,
    media: mediaOf(post),
    metrics: {
      likes: countsHidden ? null : count(post.like_count),
      reposts: null,
      replies: count(post.comment_count),
      views: countsHidden ? null : count(views),
    },
    promoted: promoted || isAd(post),
    originalId: null,
    replyToId: null,
    source: { ...source },
  };
}

/** Walks an answer down to its media objects; a wrapper marked as an ad makes everything under it promoted. */
function collect(value: unknown, into: Collected, depth: number, promoted: boolean): void {
  if (depth > MAX_DEPTH || into.items.length >= MAX_ITEMS || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const entry of value) collect(entry, into, depth + 1, promoted);
    return;
  }
  const object = value as JsonObject;
  if (isMediaShaped(object)) {
    const item = postItem(object, promoted, into.source);
    if (item && !into.seen.has(item.id)) {
      into.seen.add(item.id);
      into.items.push(item);
    }
    return;
  }
  const ad = promoted || isAd(object);
  for (const key in object) collect(object[key], into, depth + 1, ad);
}

/** A GraphQL answer: each field of `data` is read on its own, under an endpoint that names it. */
function collectAnswer(body: JsonObject, path: string, into: Collected): void {
  const data = asObject(body.data);
  if (!data) return;
  const source = into.source;
  for (const key in data) {
    if (MESSAGE_DATA.test(key)) continue;
    into.source = { ...source, endpoint: `${path}:${DATA_KEY.test(key) ? key : "?"}`.slice(0, 256) };
    collect(data[key], into, 0, false);
  }
  into.source = source;
}

function parse(url: string, body: unknown, context: ParseContext): Item[] {
  // Every read is checked, so odd input yields fewer items; this guard only keeps a bug from becoming a throw.
  try {
    const route = routeOf(url);
    const json = asObject(metaJson(body));
    if (route === undefined || !json) return [];
    const into: Collected = { items: [], seen: new Set(), source: { endpoint: route, capturedAt: context.capturedAt } };
    if (GRAPHQL_PATHS.has(route)) collectAnswer(json, route, into);
    else collect(json, into, 0, false);
    return into.items;
  } catch {
    return [];
  }
}

function parseEmbedded(_url: string, html: string, context: ParseContext): Item[] {
  try {
    if (typeof html !== "string") return [];
    const into: Collected = {
      items: [],
      seen: new Set(),
      source: { endpoint: PRELOADED_ENDPOINT, capturedAt: context.capturedAt },
    };
    for (const answer of preloadedAnswers(html)) {
      if (!UNSEEN_QUERY.test(answer.query)) collectAnswer(answer.body, PRELOADED_ENDPOINT, into);
    }
    return into.items;
  } catch {
    return [];
  }
}

export const instagramAdapter: Adapter = {
  platform: "instagram",
  matches: (url) => typeof url === "string" && routeOf(url) !== undefined,
  parse,
  parseEmbedded,
};
