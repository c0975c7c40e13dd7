// Mastodon (any instance): statuses from the REST timelines, account pages, threads and trends; never private ones.
import type { Item, ItemKind, Media } from "../../shared/item";
import type { Adapter, ParseContext } from "./adapter";
import { asArray, asObject, asString, type JsonObject } from "./json-fields";
import { capText, count, htmlToText, httpUrl, isoDateTime, requestUrl, shortString } from "./text";

/**
 * The API paths that answer with statuses, and the endpoint each is recorded as (ids and tags left out). Any host can
 * be an instance, so the path and the shape of the body decide, never the host name.
 */
const ROUTES: readonly { path: RegExp; endpoint: string }[] = [
  { path: /^\/api\/v1\/timelines\/(home|public)$/, endpoint: "/api/v1/timelines/$1" },
  { path: /^\/api\/v1\/timelines\/tag\/[^/]+$/, endpoint: "/api/v1/timelines/tag/:tag" },
  { path: /^\/api\/v1\/timelines\/list\/[^/]+$/, endpoint: "/api/v1/timelines/list/:id" },
  { path: /^\/api\/v1\/accounts\/[^/]+\/statuses$/, endpoint: "/api/v1/accounts/:id/statuses" },
  { path: /^\/api\/v1\/statuses\/[^/]+\/context$/, endpoint: "/api/v1/statuses/:id/context" },
  // The status a thread page is about: its context above lists only the statuses around it.
  { path: /^\/api\/v1\/statuses\/[^/]+$/, endpoint: "/api/v1/statuses/:id" },
  { path: /^\/api\/v1\/trends\/statuses$/, endpoint: "/api/v1/trends/statuses" },
];

/** Only these can be captured: "private" (followers only), "direct" and whatever a server invents are never read. */
const READABLE_VISIBILITY = new Set(["public", "unlisted"]);

const MAX_STATUSES = 1000;

/** The endpoint of a Mastodon status URL we read, or undefined. */
function endpointOf(url: string): string | undefined {
  const parsed = requestUrl(url);
  if (!parsed) return undefined;
  const path = parsed.pathname.length > 1 ? parsed.pathname.replace(/\/$/, "") : parsed.pathname;
  const route = ROUTES.find((candidate) => candidate.path.test(path));
  return route ? path.replace(route.path, route.endpoint) : undefined;
}

interface Collected {
  items: Item[];
  seen: Set<string>;
  source: Item["source"];
}

function statusId(value: unknown): string | undefined {
  const id = typeof value === "number" && Number.isSafeInteger(value) ? String(value) : asString(value);
  return id !== undefined && id.length > 0 && id.length <= 128 && !/\s/.test(id) ? id : undefined;
}

function isReadable(status: JsonObject): boolean {
  return typeof status.visibility === "string" && READABLE_VISIBILITY.has(status.visibility);
}

function authorOf(status: JsonObject): Item["author"] | undefined {
  const account = asObject(status.account);
  const id = statusId(account?.id);
  const handle = shortString(account?.acct, 128) ?? shortString(account?.username, 128);
  if (!account || id === undefined || handle === undefined) return undefined;
  const name = shortString(account.display_name, 256) ?? shortString(account.username, 256) ?? handle;
  return { id, handle, name };
}

/** Mastodon 4.4 repeats a quote's link in a `<p class="quote-inline">` for older clients; the quote is kept instead. */
function withoutQuoteFallback(html: string): string {
  const start = html.indexOf('<p class="quote-inline">');
  if (start === -1) return html;
  const end = html.indexOf("</p>", start);
  return end === -1 ? html.slice(0, start) : html.slice(0, start) + html.slice(end + 4);
}

function textOf(status: JsonObject): string {
  const content = htmlToText(withoutQuoteFallback(asString(status.content) ?? ""));
  const warning = (asString(status.spoiler_text) ?? "").trim();
  return warning && content ? `${warning}\n\n${content}` : warning || content;
}

const ATTACHMENT_TYPES: Record<string, Media["type"]> = {
  image: "image",
  gifv: "gif",
  video: "video",
  audio: "audio",
};

function mediaOf(status: JsonObject): Media[] {
  const media: Media[] = [];
  for (const entry of asArray(status.media_attachments) ?? []) {
    const attachment = asObject(entry);
    const type = ATTACHMENT_TYPES[asString(attachment?.type) ?? ""];
    const url = httpUrl(attachment?.url) ?? httpUrl(attachment?.remote_url);
    if (type && url) media.push({ type, url });
    if (media.length === 49) break;
  }
  const card = httpUrl(asObject(status.card)?.url);
  if (card) media.push({ type: "link", url: card });
  return media;
}

/** The status a Mastodon 4.4+ quote shows (`quote.quoted_status`), or its id alone when the server sent only that. */
function quotedOf(status: JsonObject): { id: string; status: JsonObject | undefined } | undefined {
  const quote = asObject(status.quote);
  if (!quote) return undefined;
  const quoted = asObject(quote.quoted_status);
  const id = statusId(quoted?.id) ?? statusId(quote.quoted_status_id);
  return id === undefined ? undefined : { id, status: quoted };
}

function itemOf(status: JsonObject, id: string, author: Item["author"], source: Item["source"]): Item {
  const reblogged = asObject(status.reblog);
  const shown = reblogged ?? status;
  const quoted = reblogged ? undefined : quotedOf(status);
  const replyToId = reblogged ? null : (statusId(status.in_reply_to_id) ?? null);
  let kind: ItemKind = replyToId === null ? "post" : "reply";
  let originalId: string | null = null;
  if (reblogged) {
    kind = "repost";
    originalId = statusId(reblogged.id) ?? null;
  } else if (quoted) {
    kind = "quote";
    originalId = quoted.id;
  }
  return {
    platform: "mastodon",
    id,
    url: httpUrl(status.url) ?? httpUrl(status.uri) ?? null,
    kind,
    // A boost has no words of its own: it carries the boosted status's words, as an X repost does.
    text: capText(textOf(shown)),
    author,
    createdAt: isoDateTime(status.created_at),
    lang: shortString(shown.language, 16) ?? null,
    media: mediaOf(shown),
    // A boost cannot be favourited or boosted itself (the server answers for the original), so it has no counts.
    metrics: reblogged
      ? { likes: null, reposts: null, replies: null, views: null }
      : {
          likes: count(status.favourites_count),
          reposts: count(status.reblogs_count),
          replies: count(status.replies_count),
          views: null,
        },
    promoted: false,
    originalId,
    replyToId,
    source: { ...source },
  };
}

/** Adds a status, and the statuses it boosts or quotes, unless it is (or shows) a non-public one. */
function collectStatus(value: unknown, into: Collected, depth = 0): void {
  const status = asObject(value);
  const id = statusId(status?.id);
  // A status always has HTML `content`; the answer to deleting one has its source `text` instead and is no status seen.
  if (!status || id === undefined || typeof status.content !== "string" || !isReadable(status)) return;
  const reblogged = asObject(status.reblog);
  // A boost of a followers-only status would show its words under another name: neither is kept.
  if (reblogged && !isReadable(reblogged)) return;
  const author = authorOf(status);
  if (author && !into.seen.has(id)) {
    into.seen.add(id);
    into.items.push(itemOf(status, id, author, into.source));
  }
  if (depth >= 2) return;
  const carried = reblogged ?? quotedOf(status)?.status;
  if (carried) collectStatus(carried, into, depth + 1);
}

/** The statuses of a response: an array (timelines), `{ancestors, descendants}` (a thread) or one status. */
function statusesOf(body: unknown, endpoint: string): readonly unknown[] {
  if (Array.isArray(body)) return body;
  const object = asObject(body);
  if (!object) return [];
  if (endpoint.endsWith("/context")) {
    return [...(asArray(object.ancestors) ?? []), ...(asArray(object.descendants) ?? [])];
  }
  return endpoint === "/api/v1/statuses/:id" ? [object] : [];
}

function parse(url: string, body: unknown, context: ParseContext): Item[] {
  // Every read is checked, so odd input yields fewer items; this guard only keeps a bug from becoming a throw.
  try {
    const endpoint = endpointOf(url);
    if (endpoint === undefined) return [];
    const collected: Collected = { items: [], seen: new Set(), source: { endpoint, capturedAt: context.capturedAt } };
    for (const status of statusesOf(body, endpoint).slice(0, MAX_STATUSES)) collectStatus(status, collected);
    return collected.items;
  } catch {
    return [];
  }
}

export const mastodonAdapter: Adapter = {
  platform: "mastodon",
  matches: (url) => endpointOf(url) !== undefined,
  parse,
  // The web app fetches its first screen through the API at load, which the hook reads with each status's visibility.
  // No page embeds a status we may keep: `initial-state` holds only settings and the signed-in account, and a status
  // page's JSON-LD and og tags (4.3+) never say whether the status is public, so a followers-only one would slip in.
  parseEmbedded: () => [],
};
