// The words of a tweet as a reader sees them: no trailing media link, real links instead of t.co, no HTML escapes.
import { asArray, asObject, asString, type JsonObject } from "../json-fields";
import type { TweetRecord } from "./tweet-record";

const SHORT_LINK = /https?:\/\/t\.co\/[A-Za-z0-9]+/g;
const HTML_ESCAPE = /&(amp|lt|gt);/g;
const UNESCAPED: Record<string, string> = { amp: "&", lt: "<", gt: ">" };

/** The first `codePoints` code points of `text`: X counts display_text_range in code points, not UTF-16 units. */
function firstCodePoints(text: string, codePoints: number): string {
  if (codePoints >= text.length) return text;
  let units = 0;
  for (let points = 0; points < codePoints && units < text.length; points++) {
    const unit = text.charCodeAt(units);
    units += unit >= 0xd800 && unit <= 0xdbff && units + 1 < text.length ? 2 : 1;
  }
  return text.slice(0, units);
}

function displayEnd(legacy: JsonObject): number | undefined {
  const range = asArray(legacy.display_text_range);
  const end = range?.[1];
  return typeof end === "number" && Number.isInteger(end) && end >= 0 ? end : undefined;
}

/** t.co link → the address it stands for, from an entity list such as `entities.urls`. */
function addLinks(into: Map<string, string>, entities: unknown): void {
  for (const entity of asArray(entities) ?? []) {
    const link = asObject(entity);
    const short = asString(link?.url);
    const expanded = asString(link?.expanded_url);
    if (short && expanded && /^https?:\/\/\S+$/.test(expanded)) into.set(short, expanded);
  }
}

function mediaLinks(legacy: JsonObject): Set<string> {
  const links = new Set<string>();
  for (const list of [asObject(legacy.extended_entities)?.media, asObject(legacy.entities)?.media]) {
    for (const media of asArray(list) ?? []) {
      const short = asString(asObject(media)?.url);
      if (short) links.add(short);
    }
  }
  return links;
}

/**
 * X appends a t.co link to a tweet's media; the media is carried as media, so the link goes. Usually
 * display_text_range already leaves it out, but not always (media reused from another tweet), hence the second check.
 */
function withoutTrailingMediaLink(text: string, legacy: JsonObject): string {
  const links = mediaLinks(legacy);
  if (links.size === 0) return text;
  const trimmed = text.trimEnd();
  const lastLink = trimmed.match(/https?:\/\/t\.co\/[A-Za-z0-9]+$/)?.[0];
  return lastLink && links.has(lastLink) ? trimmed.slice(0, -lastLink.length).trimEnd() : text;
}

function expandLinks(text: string, links: Map<string, string>): string {
  return links.size === 0 ? text : text.replace(SHORT_LINK, (short) => links.get(short) ?? short);
}

/** The full text of a tweet: a note tweet's long text wins over the 280-character `full_text`. */
export function tweetText(tweet: TweetRecord): string {
  const links = new Map<string, string>();
  const entities = asObject(tweet.legacy.entities);
  addLinks(links, entities?.urls);
  addLinks(links, entities?.media);

  const noteText = asString(tweet.note?.text);
  if (noteText !== undefined) {
    // Note text comes unescaped (a literal "&" stays "&"), so it is not HTML-decoded.
    addLinks(links, asObject(tweet.note?.entity_set)?.urls);
    return expandLinks(withoutTrailingMediaLink(noteText, tweet.legacy), links);
  }

  const fullText = asString(tweet.legacy.full_text) ?? asString(tweet.legacy.text) ?? "";
  const end = displayEnd(tweet.legacy);
  // The range counts the escaped text, so cut first and unescape after; expand last so URLs are never unescaped.
  const shown = withoutTrailingMediaLink(end === undefined ? fullText : firstCodePoints(fullText, end), tweet.legacy);
  const unescaped = shown.replace(HTML_ESCAPE, (_, name: string) => UNESCAPED[name] ?? "");
  return expandLinks(unescaped, links);
}
