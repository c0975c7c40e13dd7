// LinkedIn: feed updates and comments from the Voyager API (REST and GraphQL) and from the first page's <code> blocks.
//
// Choices the design leaves open:
// - An item's id is the number of its activity urn (`urn:li:activity:<id>`); a comment's is its comment number.
// - createdAt comes from the id itself: LinkedIn's ids carry the millisecond they were made in their top 41 bits.
// - A reshare without words of its own is a "repost" carrying the original's words; with words it is a "quote".
// - Only entities typed as updates or comments are read: whatever else a response includes (messaging, profiles)
//   yields nothing.
import type { Item } from "../../shared/item";
import type { Adapter, ParseContext } from "./adapter";
import { normalizedEntities } from "./linkedin/entities";
import { type Collected, collectEntities } from "./linkedin/feed-items";
import { decodeEntities, readTag, requestUrl } from "./text";

const HOSTS = new Set(["www.linkedin.com", "linkedin.com"]);
/** The REST feed paths; GraphQL answers are read by their shape, whatever query they answer. */
const FEED_PATHS = new Set(["/voyager/api/feed/updatesV2", "/voyager/api/feed/updates"]);
const GRAPHQL_PATH = "/voyager/api/graphql";
/** The name part of a query id (`voyagerFeedDashMainFeed.923020905727c…`): stable, unlike the hash after it. */
const QUERY_NAME = /^([A-Za-z][A-Za-z0-9]{0,63})\./;

/** Where embedded items come from: a constant, as a page path can name the person whose profile it is. */
const EMBEDDED_ENDPOINT = "<code id=bpr-guid-*>";
const MAX_CODE_BLOCKS = 500;

/** The endpoint an item of this response records (`/voyager/api/graphql/voyagerFeedDashMainFeed`), or undefined. */
function endpointOf(url: string): string | undefined {
  const parsed = requestUrl(url, true);
  if (!parsed || !HOSTS.has(parsed.hostname)) return undefined;
  const path = parsed.pathname.replace(/\/$/, "");
  if (FEED_PATHS.has(path)) return path;
  if (path !== GRAPHQL_PATH) return undefined;
  const name = QUERY_NAME.exec(parsed.searchParams.get("queryId") ?? "")?.[1];
  return name === undefined ? path : `${path}/${name}`;
}

function collecting(body: unknown, endpoint: string, context: ParseContext): Collected | undefined {
  const entities = normalizedEntities(body);
  if (!entities) return undefined;
  return { entities, items: [], seen: new Set(), source: { endpoint, capturedAt: context.capturedAt } };
}

function parse(url: string, body: unknown, context: ParseContext): Item[] {
  // Every read is checked, so odd input yields fewer items; this guard only keeps a bug from becoming a throw.
  try {
    const endpoint = endpointOf(url);
    const collected = endpoint === undefined ? undefined : collecting(body, endpoint, context);
    if (!collected) return [];
    collectEntities(collected);
    return collected.items;
  } catch {
    return [];
  }
}

/** The JSON bodies the server wrote into `<code id="bpr-guid-…">` blocks, HTML-escaped, for the app to read. */
function codeBlocks(html: string): string[] {
  const blocks: string[] = [];
  let index = 0;
  while (blocks.length < MAX_CODE_BLOCKS) {
    const lt = html.indexOf("<code", index);
    if (lt === -1) break;
    const tag = readTag(html, lt);
    if (tag === "truncated") break;
    if (tag === "not-a-tag" || tag.name !== "code") {
      index = lt + 1;
      continue;
    }
    const close = html.indexOf("</code>", tag.end);
    if (close === -1) break;
    if ((tag.attributes.get("id") ?? "").startsWith("bpr-guid-")) blocks.push(html.slice(tag.end, close));
    index = close + 7;
  }
  return blocks;
}

function parseEmbedded(url: string, html: string, context: ParseContext): Item[] {
  try {
    const page = requestUrl(url, true);
    if (!page || !HOSTS.has(page.hostname) || typeof html !== "string") return [];
    const items: Item[] = [];
    const seen = new Set<string>();
    for (const block of codeBlocks(html)) {
      let body: unknown;
      try {
        body = JSON.parse(decodeEntities(block));
      } catch {
        continue;
      }
      const collected = collecting(body, EMBEDDED_ENDPOINT, context);
      if (!collected) continue;
      collected.seen = seen;
      collectEntities(collected);
      items.push(...collected.items);
    }
    return items;
  } catch {
    return [];
  }
}

export const linkedinAdapter: Adapter = {
  platform: "linkedin",
  matches: (url) => endpointOf(url) !== undefined,
  parse,
  parseEmbedded,
};
