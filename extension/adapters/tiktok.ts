// TikTok: videos (and photo posts) from the web app's item_list and search APIs and from the state its pages embed
// in `<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__">` (or, on older pages, `SIGI_STATE`).
//
// Choices the design leaves open, made as a viewer of TikTok would expect:
// - A video's text is its caption (`desc`, hashtags included); a photo post (`imagePost`) is kind "post".
// - Private, friends-only and private-account items are never read; live rooms are no posts and are skipped.
// - Embedded items say the script's id as endpoint, never the page path, which names a person.
import type { Item, Media } from "../../shared/item";
import type { Adapter, ParseContext } from "./adapter";
import { asArray, asObject, asString, type JsonObject } from "./json-fields";
import { readScriptJsonById } from "./script-json";
import { capText, count, httpUrl, isoFromEpochSeconds, requestUrl, shortString } from "./text";

const HOSTS = new Set(["www.tiktok.com", "tiktok.com", "m.tiktok.com"]);
/** `/api/recommend/item_list/`, `/api/post/item_list/`, `/api/related/item_list/`, … and the search answers. */
const API_PATHS: readonly RegExp[] = [
  /^\/api\/[a-z_]+(?:\/[a-z_]+)?\/item_list\/?$/,
  /^\/api\/search\/[a-z_]+\/full\/?$/,
];
const REHYDRATION_ID = "__UNIVERSAL_DATA_FOR_REHYDRATION__";
const SIGI_ID = "SIGI_STATE";

const NUMERIC_ID = /^\d{1,32}$/;
const UNIQUE_ID = /^[A-Za-z0-9._]{1,64}$/;
const SITE = "https://www.tiktok.com";
const MAX_ITEMS = 2000;

function endpointOf(url: string): string | undefined {
  const parsed = requestUrl(url, true);
  if (!parsed || !HOSTS.has(parsed.hostname)) return undefined;
  return API_PATHS.some((path) => path.test(parsed.pathname)) ? parsed.pathname.slice(0, 256) : undefined;
}

/** TikTok ids are decimal strings too long for a number; a number is accepted only while it is exact. */
function numericId(value: unknown): string | undefined {
  const id = typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? String(value) : asString(value);
  return id !== undefined && NUMERIC_ID.test(id) ? id : undefined;
}

interface Collected {
  items: Item[];
  seen: Set<string>;
  source: Item["source"];
}

/** The author as the API (an object) or SIGI_STATE (`author` is the handle, `authorId` and `nickname` beside it) has it. */
function authorOf(struct: JsonObject): { author: Item["author"]; isPrivate: boolean } {
  const user = asObject(struct.author);
  if (user) {
    const handle = shortString(user.uniqueId, 128) ?? "";
    const name = shortString(user.nickname, 256) ?? handle;
    return { author: { id: numericId(user.id) ?? "", handle, name }, isPrivate: user.privateAccount === true };
  }
  const handle = shortString(struct.author, 128) ?? "";
  const name = shortString(struct.nickname, 256) ?? handle;
  return { author: { id: numericId(struct.authorId) ?? "", handle, name }, isPrivate: struct.privateAccount === true };
}

/** Only a public item is read: not private (`privateItem`, `secret`), not for friends only. */
function isPublic(struct: JsonObject): boolean {
  return struct.privateItem !== true && struct.secret !== true && struct.forFriend !== true;
}

function mediaOf(struct: JsonObject): Media[] {
  const media: Media[] = [];
  for (const image of (asArray(asObject(struct.imagePost)?.images) ?? []).slice(0, 49)) {
    const url = httpUrl(asArray(asObject(asObject(image)?.imageURL)?.urlList)?.[0]);
    if (url) media.push({ type: "image", url });
  }
  const video = asObject(struct.video);
  const cover = httpUrl(video?.cover) ?? httpUrl(video?.originCover);
  const play = httpUrl(video?.playAddr);
  if (media.length === 0 && cover) media.push({ type: "image", url: cover });
  if (play && !asObject(struct.imagePost)) media.push({ type: "video", url: play });
  return media;
}

/** A count from `stats` (numbers), else from `statsV2` (the same as strings). */
function statOf(struct: JsonObject, name: string): number | null {
  return count(asObject(struct.stats)?.[name]) ?? count(asObject(struct.statsV2)?.[name]);
}

function languageOf(struct: JsonObject): string | null {
  const language = shortString(struct.textLanguage, 16);
  return language === undefined || language === "un" ? null : language;
}

/** One itemStruct: a video or photo post, unless it is a live room or not public. */
function collectItem(value: unknown, into: Collected): void {
  const struct = asObject(value);
  const id = numericId(struct?.id);
  if (!struct || id === undefined || into.seen.has(id) || into.items.length >= MAX_ITEMS) return;
  if (asObject(struct.liveRoomInfo) || !isPublic(struct)) return;
  const { author, isPrivate } = authorOf(struct);
  if (isPrivate) return;
  const photo = asObject(struct.imagePost) !== undefined;
  const page = UNIQUE_ID.test(author.handle) ? `${SITE}/@${author.handle}/${photo ? "photo" : "video"}/${id}` : null;
  into.seen.add(id);
  into.items.push({
    platform: "tiktok",
    id,
    url: page,
    kind: photo ? "post" : "video",
    text: capText(asString(struct.desc) ?? ""),
    author,
    createdAt: isoFromEpochSeconds(count(struct.createTime)),
    lang: languageOf(struct),
    media: mediaOf(struct),
    metrics: {
      likes: statOf(struct, "diggCount"),
      reposts: statOf(struct, "shareCount"),
      replies: statOf(struct, "commentCount"),
      views: statOf(struct, "playCount"),
    },
    promoted: struct.isAd === true,
    originalId: null,
    replyToId: null,
    source: { ...into.source },
  });
}

/** The items of an API answer: `itemList` (feeds), `item_list` (search), or `data[].item` (general search). */
function collectAnswer(body: JsonObject, into: Collected): void {
  for (const struct of asArray(body.itemList) ?? asArray(body.item_list) ?? []) collectItem(struct, into);
  for (const entry of asArray(body.data) ?? []) {
    const result = asObject(entry);
    // Search mixes in users and live rooms (`live`, `user_list`): only results that carry an item are read.
    if (result && !asObject(result.live)) collectItem(result.item, into);
  }
}

/** The page state: each scope (`webapp.video-detail`, …) may hold one item (`itemInfo.itemStruct`) or a list. */
function collectRehydration(data: JsonObject, into: Collected): void {
  const scope = asObject(data.__DEFAULT_SCOPE__);
  if (!scope) return;
  for (const key of Object.keys(scope).slice(0, 100)) {
    const part = asObject(scope[key]);
    if (!part) continue;
    collectItem(asObject(part.itemInfo)?.itemStruct, into);
    collectAnswer(part, into);
  }
}

function collecting(endpoint: string, context: ParseContext): Collected {
  return { items: [], seen: new Set(), source: { endpoint, capturedAt: context.capturedAt } };
}

function parse(url: string, body: unknown, context: ParseContext): Item[] {
  // Every read is checked, so odd input yields fewer items; this guard only keeps a bug from becoming a throw.
  try {
    const endpoint = endpointOf(url);
    const object = asObject(body);
    if (endpoint === undefined || !object) return [];
    const collected = collecting(endpoint, context);
    collectAnswer(object, collected);
    return collected.items;
  } catch {
    return [];
  }
}

function parseEmbedded(_url: string, html: string, context: ParseContext): Item[] {
  try {
    if (typeof html !== "string") return [];
    const rehydration = readScriptJsonById(html, REHYDRATION_ID);
    if (rehydration) {
      const collected = collecting(REHYDRATION_ID, context);
      collectRehydration(rehydration, collected);
      return collected.items;
    }
    const items = asObject(readScriptJsonById(html, SIGI_ID)?.ItemModule);
    if (!items) return [];
    const collected = collecting(SIGI_ID, context);
    for (const key of Object.keys(items).slice(0, MAX_ITEMS)) collectItem(items[key], collected);
    return collected.items;
  } catch {
    return [];
  }
}

export const tiktokAdapter: Adapter = {
  platform: "tiktok",
  matches: (url) => typeof url === "string" && endpointOf(url) !== undefined,
  parse,
  parseEmbedded,
};
