// X (Twitter): tweets from the web app's GraphQL timelines and from the state embedded in its pages.
//
// Choices the design leaves open, made as a reader of X would expect:
// - A retweet is an item of kind "repost" whose text is "RT @author: " + the original's full text (X's own
//   full_text cuts it at 140 characters); the original is an item of its own, linked by originalId.
// - kind: repost, else quote, else reply, else post; originalId and replyToId are both kept when both apply.
// - A protected author's tweets are never returned, nor a repost of one; the public original of a repost made by a
//   protected account is returned (it names nobody but its own author).
// - Text keeps the leading @mentions of a reply (X hides them behind "Replying to"); only the trailing media link goes.
// - Items read from a page say "window.__INITIAL_STATE__" as endpoint, never the page path, which can name a person.
import type { Item } from "../../shared/item";
import type { Adapter, ParseContext } from "./adapter";
import { collectInitialState, readInitialState } from "./x/initial-state";
import { collectInstructions, findInstructions } from "./x/timeline";
import { startCollecting } from "./x/tweet-items";

const HOSTS = new Set(["x.com", "www.x.com", "mobile.x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com"]);

/** The GraphQL operations that answer with a timeline of tweets; matched by name, as query ids change often. */
const TIMELINE_OPERATIONS = new Set([
  "HomeTimeline",
  "HomeLatestTimeline",
  "UserTweets",
  "UserTweetsAndReplies",
  "UserMedia",
  "Likes",
  "SearchTimeline",
  "TweetDetail",
  "ListLatestTweetsTimeline",
  "Bookmarks",
  "CommunityTweetsTimeline",
]);

const GRAPHQL_PATH = /^\/i\/api\/graphql\/[A-Za-z0-9_-]+\/([A-Za-z0-9_]+)$/;

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** The operation name of an X GraphQL URL we read (`HomeTimeline`), or undefined. */
function timelineOperation(url: string): string | undefined {
  const parsed = parseUrl(url);
  if (parsed?.protocol !== "https:" || !HOSTS.has(parsed.hostname)) return undefined;
  const operation = GRAPHQL_PATH.exec(parsed.pathname)?.[1];
  return operation !== undefined && TIMELINE_OPERATIONS.has(operation) ? operation : undefined;
}

/** `/i/api/graphql/HomeTimeline`: the operation without its query id, so the endpoint stays stable across deploys. */
function endpointOf(url: string): string {
  const pathname = parseUrl(url)?.pathname ?? "";
  const operation = GRAPHQL_PATH.exec(pathname)?.[1];
  return (operation === undefined ? pathname : `/i/api/graphql/${operation}`).slice(0, 256);
}

/** Where embedded items come from: a constant, as a page path could name the person whose profile it is. */
const EMBEDDED_ENDPOINT = "window.__INITIAL_STATE__";

function parse(url: string, body: unknown, context: ParseContext): Item[] {
  // Reads are checked field by field, so malformed input yields fewer items, not exceptions; this guard is the last
  // line only: a bug answers [] for the whole response, which the pipeline counts as unparsed instead of half-read.
  try {
    const instructions = findInstructions(body);
    if (!instructions) return [];
    const collected = startCollecting({ endpoint: endpointOf(url), capturedAt: context.capturedAt });
    collectInstructions(instructions, collected);
    return collected.items;
  } catch {
    return [];
  }
}

function parseEmbedded(_url: string, html: string, context: ParseContext): Item[] {
  try {
    if (typeof html !== "string") return [];
    const state = readInitialState(html);
    if (!state) return [];
    const collected = startCollecting({ endpoint: EMBEDDED_ENDPOINT, capturedAt: context.capturedAt });
    collectInitialState(state, collected);
    return collected.items;
  } catch {
    return [];
  }
}

export const xAdapter: Adapter = {
  platform: "x",
  matches: (url) => typeof url === "string" && timelineOperation(url) !== undefined,
  parse,
  parseEmbedded,
};
