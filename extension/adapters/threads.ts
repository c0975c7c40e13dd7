// Threads (threads.com, formerly threads.net): posts from the web app's GraphQL answers and from the answers its pages
// preload.
//
// Choices the design leaves open, made as a Threads user would expect:
// - A thread (`thread_items`) is read in order: each post after the first answers the one before it (kind "reply",
//   replyToId that post); a first post that answers someone (`reply_to_author`, `is_reply`) is a reply too, whose
//   parent the answer does not name.
// - A repost is the reposter's item of kind "repost" with the reposted post's words and media and no counts of its own,
//   as for X and Mastodon; the reposted post is an item of its own. A quote is kind "quote"; the quoted post is an item
//   of its own. Both are linked by originalId.
// - Posts of private profiles are never returned, nor a repost or quote that would show one; posts Threads says are
//   unavailable carry nothing to keep; nothing is read from direct messages.
// - Ads are kept with promoted = true (see meta-media.ts); endpoints name the GraphQL `data` field (`feedData`, …).
import type { Item, ItemKind } from "../../shared/item";
import type { Adapter, ParseContext } from "./adapter";
import { asArray, asObject, type JsonObject } from "./json-fields";
import { authorOf, captionText, isAd, isMediaShaped, mediaId, mediaOf, shortcodeOf } from "./meta-media";
import { metaJson, preloadedAnswers } from "./meta-relay";
import { capText, count, httpUrl, isoFromEpochSeconds, requestUrl } from "./text";

const HOSTS = new Set(["www.threads.com", "threads.com", "www.threads.net", "threads.net"]);
const GRAPHQL_PATHS = new Set(["/api/graphql", "/graphql/query"]);
/** Threads sends outbound links through its redirector, the target in `u`. */
const LINK_REDIRECTORS = new Set(["l.threads.com", "l.threads.net", "l.instagram.com"]);
const PRELOADED_ENDPOINT = "RelayPrefetchedStreamCache";
const DATA_KEY = /^[A-Za-z0-9_]{1,128}$/;
/** `data` fields of direct messages (`…direct_v2…`, inboxes): a post shared in a message is never read from there. */
const MESSAGE_DATA = /direct|inbox|messag/i;

const MAX_DEPTH = 32;
const MAX_ITEMS = 2000;

function graphqlPath(url: string): string | undefined {
  const parsed = requestUrl(url, true);
  if (!parsed || !HOSTS.has(parsed.hostname)) return undefined;
  const path = parsed.pathname.replace(/\/+$/, "");
  return GRAPHQL_PATHS.has(path) ? path : undefined;
}

interface Collected {
  items: Item[];
  seen: Set<string>;
  source: Item["source"];
}

/** A post worth reading: media-shaped, not unavailable, by an author whose profile is public. */
function readablePost(value: unknown): JsonObject | undefined {
  const post = asObject(value);
  if (!post || !isMediaShaped(post)) return undefined;
  const user = asObject(post.user);
  if (user?.text_post_app_is_private === true || user?.is_private === true) return undefined;
  return asObject(post.text_post_app_info)?.is_post_unavailable === true ? undefined : post;
}

/** The link a post previews, unwrapped from Threads' redirector. */
function linkOf(post: JsonObject): string | undefined {
  const raw = httpUrl(asObject(asObject(post.text_post_app_info)?.link_preview_attachment)?.url);
  const parsed = raw === undefined ? undefined : requestUrl(raw);
  if (!parsed || !LINK_REDIRECTORS.has(parsed.hostname)) return raw;
  return httpUrl(parsed.searchParams.get("u")) ?? raw;
}

/** The post's words and what it shows, as an item carries them. */
function contentOf(post: JsonObject): Pick<Item, "text" | "media"> {
  const media = mediaOf(post);
  const link = linkOf(post);
  if (link && media.length < 50) media.push({ type: "link", url: link });
  return { text: capText(captionText(post)), media };
}

/** The post a repost or quote shares: its id, and the post itself when it is readable. */
interface Shared {
  id: string | undefined;
  post: JsonObject | undefined;
}

function sharedPost(value: unknown): Shared | undefined {
  const post = asObject(value);
  if (!post || !isMediaShaped(post)) return undefined;
  return { id: mediaId(post), post: readablePost(post) };
}

function postItem(post: JsonObject, replyToId: string | null, into: Collected): Item | undefined {
  const id = mediaId(post);
  const code = shortcodeOf(post);
  const user = asObject(post.user);
  const author = user && authorOf(user);
  if (id === undefined || code === undefined || !author) return undefined;
  const info = asObject(post.text_post_app_info);
  const share = asObject(info?.share_info);
  const reposted = sharedPost(share?.reposted_post);
  const quoted = reposted ? undefined : sharedPost(share?.quoted_post);
  const shared = reposted ?? quoted;
  // Reposting or quoting a private post would show its words (or its existence) under another name.
  if (shared && (shared.id === undefined || !shared.post)) return undefined;
  const answers = replyToId !== null || asObject(info?.reply_to_author) !== undefined || info?.is_reply === true;
  let kind: ItemKind = answers ? "reply" : "post";
  if (reposted) kind = "repost";
  else if (quoted) kind = "quote";
  const countsHidden = post.like_and_view_counts_disabled === true;
  return {
    platform: "threads",
    id,
    url: `https://www.threads.com/@${author.handle}/post/${code}`,
    kind,
    ...contentOf(reposted?.post ?? post),
    author,
    createdAt: isoFromEpochSeconds(post.taken_at),
    lang: null,
    // A repost cannot be liked or answered itself: the counts are the original's.
    metrics: reposted
      ? { likes: null, reposts: null, replies: null, views: null }
      : {
          likes: countsHidden ? null : count(post.like_count),
          reposts: count(info?.repost_count),
          replies: count(info?.direct_reply_count),
          views: null,
        },
    promoted: isAd(post),
    originalId: shared?.id ?? null,
    replyToId: kind === "repost" ? null : replyToId,
    source: { ...into.source },
  };
}

/** Adds a post, then the post it reposts or quotes (that one's own shares are named, not read). */
function collectPost(value: unknown, replyToId: string | null, into: Collected, depth = 0): void {
  const post = readablePost(value);
  if (!post || into.items.length >= MAX_ITEMS) return;
  const item = postItem(post, replyToId, into);
  if (!item) return;
  if (!into.seen.has(item.id)) {
    into.seen.add(item.id);
    into.items.push(item);
  }
  const share = asObject(asObject(post.text_post_app_info)?.share_info);
  if (depth < 1) collectPost(share?.reposted_post ?? share?.quoted_post, null, into, depth + 1);
}

/** A thread's posts in order; each after the first answers the one before it (the first answers `parent`, if known). */
function collectThread(entries: readonly unknown[], into: Collected, parent: string | null = null): string | null {
  let previous = parent;
  for (const entry of entries) {
    const post = asObject(asObject(entry)?.post);
    if (!post) continue;
    collectPost(post, previous, into);
    previous = mediaId(post) ?? previous;
  }
  return previous;
}

/** A post page: the thread down to the post it is about, then the threads of replies to that post. */
function collectPostPage(page: JsonObject, into: Collected): boolean {
  const containing = asArray(asObject(page.containing_thread)?.thread_items);
  if (!containing) return false;
  const focus = collectThread(containing, into);
  for (const replies of asArray(page.reply_threads) ?? []) {
    const entries = asArray(asObject(replies)?.thread_items);
    if (entries) collectThread(entries, into, focus);
  }
  return true;
}

/** Walks an answer to its threads (`thread_items`) and lone posts (`post`). */
function collect(value: unknown, into: Collected, depth: number): void {
  if (depth > MAX_DEPTH || into.items.length >= MAX_ITEMS || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const entry of value) collect(entry, into, depth + 1);
    return;
  }
  const object = value as JsonObject;
  const thread = asArray(object.thread_items);
  if (thread) {
    collectThread(thread, into);
    return;
  }
  if (collectPostPage(object, into)) return;
  for (const key in object) {
    const child = object[key];
    const lone = key === "post" ? asObject(child) : undefined;
    if (lone && isMediaShaped(lone)) collectPost(lone, null, into);
    else collect(child, into, depth + 1);
  }
}

/** A GraphQL answer: each field of `data` is read on its own, under an endpoint that names it. */
function collectAnswer(body: JsonObject, path: string, into: Collected): void {
  const data = asObject(body.data);
  if (!data) return;
  const source = into.source;
  for (const key in data) {
    if (MESSAGE_DATA.test(key)) continue;
    into.source = { ...source, endpoint: `${path}:${DATA_KEY.test(key) ? key : "?"}`.slice(0, 256) };
    collect(data[key], into, 0);
  }
  into.source = source;
}

function parse(url: string, body: unknown, context: ParseContext): Item[] {
  // Every read is checked, so odd input yields fewer items; this guard only keeps a bug from becoming a throw.
  try {
    const path = graphqlPath(url);
    const json = asObject(metaJson(body));
    if (path === undefined || !json) return [];
    const into: Collected = { items: [], seen: new Set(), source: { endpoint: path, capturedAt: context.capturedAt } };
    collectAnswer(json, path, into);
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
    for (const answer of preloadedAnswers(html)) collectAnswer(answer.body, PRELOADED_ENDPOINT, into);
    return into.items;
  } catch {
    return [];
  }
}

export const threadsAdapter: Adapter = {
  platform: "threads",
  matches: (url) => typeof url === "string" && graphqlPath(url) !== undefined,
  parse,
  parseEmbedded,
};
