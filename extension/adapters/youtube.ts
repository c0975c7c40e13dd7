// YouTube: videos, Shorts, comments and community posts from the InnerTube API the web app calls while scrolling
// (browse, next, search) and from the `ytInitialData` its pages embed for the first screen.
//
// Choices the design leaves open, made as a viewer of YouTube would expect:
// - A video's text is its title, a blank line, and the description as far as the card shows it.
// - Dates: cards say "3 days ago", which is no instant; createdAt is null unless the page names a day or a time.
// - A comment answers the video it is under (replyToId = video id) when the answer names that video; a reply answers
//   its thread's first comment.
// - Embedded items say "ytInitialData" as endpoint, never the page path, which can name a channel.
import type { Item } from "../../shared/item";
import type { Adapter, ParseContext } from "./adapter";
import { asObject, type JsonObject } from "./json-fields";
import { readAssignedObject } from "./script-json";
import { requestUrl } from "./text";
import { addItem, type Collected, walkFeed } from "./youtube/feed-walk";
import { readWatchedVideo, watchedVideoIdOf } from "./youtube/watched-video";

const HOSTS = new Set(["www.youtube.com", "youtube.com", "m.youtube.com"]);
/** The InnerTube methods that answer with what a page shows; matched by path, as requests are POSTs with keys. */
const ENDPOINTS = new Set(["/youtubei/v1/browse", "/youtubei/v1/next", "/youtubei/v1/search"]);
const EMBEDDED_ENDPOINT = "ytInitialData";

function endpointOf(url: string): string | undefined {
  const parsed = requestUrl(url, true);
  if (!parsed || !HOSTS.has(parsed.hostname)) return undefined;
  const path = parsed.pathname.replace(/\/$/, "");
  return ENDPOINTS.has(path) ? path : undefined;
}

function collect(body: JsonObject, player: JsonObject | undefined, endpoint: string, context: ParseContext): Item[] {
  const collected: Collected = {
    items: [],
    seen: new Set(),
    source: { endpoint, capturedAt: context.capturedAt },
    watchedVideoId: watchedVideoIdOf(body),
  };
  const watched = readWatchedVideo(body, player, collected);
  if (watched) addItem(collected, watched);
  walkFeed(body, collected);
  return collected.items;
}

function parse(url: string, body: unknown, context: ParseContext): Item[] {
  // Every read is checked, so odd input yields fewer items; this guard only keeps a bug from becoming a throw.
  try {
    const endpoint = endpointOf(url);
    const object = asObject(body);
    return endpoint === undefined || !object ? [] : collect(object, undefined, endpoint, context);
  } catch {
    return [];
  }
}

function parseEmbedded(_url: string, html: string, context: ParseContext): Item[] {
  try {
    if (typeof html !== "string") return [];
    const data = readAssignedObject(html, "ytInitialData");
    if (!data) return [];
    const player = readAssignedObject(html, "ytInitialPlayerResponse");
    return collect(data, player, EMBEDDED_ENDPOINT, context);
  } catch {
    return [];
  }
}

export const youtubeAdapter: Adapter = {
  platform: "youtube",
  matches: (url) => typeof url === "string" && endpointOf(url) !== undefined,
  parse,
  parseEmbedded,
};
