// YouTube's small value shapes read into plain values: texts (simpleText, runs, content), counts ("1.2M views"),
// channels, thumbnails, and the ids of videos, comments and posts.
import type { Item, Media } from "../../../shared/item";
import { asArray, asObject, asString, type JsonObject, objectAt } from "../json-fields";
import { httpUrl, shortString } from "../text";

const VIDEO_ID = /^[A-Za-z0-9_-]{11}$/;
/** Comment ids (`Ugx…`, a reply `Ugx….AbC…`) and community post ids (`Ugk…`) are base64-ish, never long. */
const OPAQUE_ID = /^[A-Za-z0-9_.-]{1,100}$/;
const CHANNEL_ID = /^UC[A-Za-z0-9_-]{22}$/;

export const SITE = "https://www.youtube.com";

export function videoId(value: unknown): string | undefined {
  const id = asString(value);
  return id !== undefined && VIDEO_ID.test(id) ? id : undefined;
}

export function opaqueId(value: unknown): string | undefined {
  const id = asString(value);
  return id !== undefined && OPAQUE_ID.test(id) ? id : undefined;
}

/** A text field: `{simpleText}`, `{runs: [{text}]}` (old renderers) or `{content}` (view models), or a plain string. */
export function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  const field = asObject(value);
  if (!field) return "";
  const simple = asString(field.simpleText) ?? asString(field.content);
  if (simple !== undefined) return simple;
  const runs = asArray(field.runs);
  if (!runs) return "";
  let text = "";
  for (const run of runs.slice(0, 2000)) text += asString(asObject(run)?.text) ?? "";
  return text;
}

const SUFFIXES: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9 };
const PLAIN_COUNT = /^(\d{1,3}(?:,\d{3})+|\d{1,16})$/;
const SHORT_COUNT = /^(\d{1,4}(?:\.\d{1,2})?)\s?([KMB])$/i;

/**
 * A count as the English UI writes it: "1,234,567 views", "1.2M views", "12K", "No views" → a number; anything
 * else (another language, "123 watching", "") → null.
 */
export function displayCount(value: unknown): number | null {
  const text = textOf(value)
    .trim()
    .replace(/\s+(?:views?|likes?|replies|reply|comments?)$/i, "");
  if (/^no$/i.test(text)) return 0;
  if (PLAIN_COUNT.test(text)) return Number(text.replaceAll(",", ""));
  const short = SHORT_COUNT.exec(text);
  if (!short) return null;
  const multiplier = SUFFIXES[(short[2] as string).toUpperCase()] as number;
  return Math.round(Number(short[1]) * multiplier);
}

/** Whether a count text speaks of views (a live stream says "watching", a date says "ago"). */
export function isViewsText(text: string): boolean {
  return /\bviews?$/i.test(text.trim());
}

/** The largest thumbnail of `{thumbnails: [...]}` or `{sources: [...]}` as an image, if any. */
export function thumbnailMedia(value: unknown): Media[] {
  const holder = asObject(value);
  const list = asArray(holder?.thumbnails) ?? asArray(holder?.sources) ?? [];
  let best: { url: string; width: number } | undefined;
  for (const entry of list.slice(0, 20)) {
    const thumbnail = asObject(entry);
    const raw = asString(thumbnail?.url);
    const url = httpUrl(raw?.startsWith("//") ? `https:${raw}` : raw);
    const width = typeof thumbnail?.width === "number" ? thumbnail.width : 0;
    if (url && (!best || width > best.width)) best = { url, width };
  }
  return best ? [{ type: "image", url: best.url }] : [];
}

/** The channel a `browseEndpoint` (inside a run's or a command's navigation) points at. */
export function browseEndpointOf(value: unknown): JsonObject | undefined {
  const holder = asObject(value);
  return (
    objectAt(holder, ["navigationEndpoint", "browseEndpoint"]) ??
    objectAt(holder, ["browseEndpoint"]) ??
    objectAt(holder, ["onTap", "innertubeCommand", "browseEndpoint"]) ??
    objectAt(holder, ["innertubeCommand", "browseEndpoint"])
  );
}

/** `/@handle` → `@handle`; a channel without a handle is named by its id. */
function handleOf(browse: JsonObject | undefined, fallback: string): string {
  const path = asString(browse?.canonicalBaseUrl);
  if (path?.startsWith("/@")) return shortString(decodeURIComponentSafe(path.slice(1)), 128) ?? fallback;
  return fallback;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A channel as an author: the name shown, its channel id and its @handle when the endpoint carries them. */
export function channelAuthor(name: string, browse: JsonObject | undefined): Item["author"] {
  const browseId = asString(browse?.browseId);
  const id = browseId !== undefined && CHANNEL_ID.test(browseId) ? browseId : "";
  const shownName = shortString(name.trim(), 256) ?? "";
  return { id, handle: handleOf(browse, id || shownName.slice(0, 128)), name: shownName };
}

/** The author of an old renderer: the first run of its byline that links to a channel. */
export function bylineAuthor(...bylines: unknown[]): Item["author"] | undefined {
  for (const byline of bylines) {
    const field = asObject(byline);
    if (!field) continue;
    const runs = asArray(field.runs) ?? [];
    const linked = runs.map(asObject).find((run) => browseEndpointOf(run) !== undefined);
    if (linked) return channelAuthor(asString(linked.text) ?? "", browseEndpointOf(linked));
    const name = textOf(field);
    if (name) return channelAuthor(name, undefined);
  }
  return undefined;
}

export const NO_AUTHOR: Item["author"] = { id: "", handle: "", name: "" };

export function watchUrl(id: string): string {
  return `${SITE}/watch?v=${id}`;
}

export function shortsUrl(id: string): string {
  return `${SITE}/shorts/${id}`;
}
