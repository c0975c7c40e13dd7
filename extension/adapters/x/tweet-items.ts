// Tweet records → items: one per tweet, reposted and quoted tweets as items of their own, protected tweets never.
import type { Item, ItemKind, Media, Metrics } from "../../../shared/item";
import { asArray, asObject, asString, type JsonObject } from "../json-fields";
import { capText } from "../text";
import { numericId, type TweetRecord } from "./tweet-record";
import { tweetText } from "./tweet-text";

/** The items of one response, in the order they were met, each tweet id at most once. */
export interface CollectedItems {
  items: Item[];
  seen: Set<string>;
  source: Item["source"];
}

export function startCollecting(source: Item["source"]): CollectedItems {
  return { items: [], seen: new Set(), source };
}

const MONTHS: Record<string, number> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};
const CREATED_AT = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/;

/** "Wed Oct 10 20:19:24 +0000 2018" → ISO 8601, parsed by hand because Date.parse of this format is not portable. */
export function isoFromTwitterDate(value: unknown): string | null {
  const match = asString(value)?.match(CREATED_AT);
  if (!match) return null;
  const monthIndex = MONTHS[match[1] ?? ""];
  const [day, hour, minute, second, offsetHours, offsetMinutes, year] = [2, 3, 4, 5, 7, 8, 9].map((group) =>
    Number(match[group]),
  ) as [number, number, number, number, number, number, number];
  if (monthIndex === undefined || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const offset = (match[6] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  return new Date(Date.UTC(year, monthIndex, day, hour, minute - offset, second)).toISOString();
}

function count(value: unknown): number | null {
  const number = typeof value === "string" && /^\d{1,16}$/.test(value) ? Number(value) : value;
  return typeof number === "number" && Number.isSafeInteger(number) && number >= 0 ? number : null;
}

function metricsOf(tweet: TweetRecord): Metrics {
  return {
    likes: count(tweet.legacy.favorite_count),
    reposts: count(tweet.legacy.retweet_count),
    replies: count(tweet.legacy.reply_count),
    views: count(tweet.viewCount),
  };
}

const HTTP_URL = /^https?:\/\/\S+$/;

function httpUrl(value: unknown): string | undefined {
  const url = asString(value);
  return url !== undefined && url.length <= 2048 && HTTP_URL.test(url) ? url : undefined;
}

/** The best-quality MP4 of a video or GIF; the HLS playlist only when there is no MP4 at all. */
function videoUrl(media: JsonObject): string | undefined {
  let best: { url: string; bitrate: number } | undefined;
  let fallback: string | undefined;
  for (const entry of asArray(asObject(media.video_info)?.variants) ?? []) {
    const variant = asObject(entry);
    const url = httpUrl(variant?.url);
    if (!variant || !url) continue;
    if (variant.content_type !== "video/mp4") {
      fallback ??= url;
      continue;
    }
    const bitrate = typeof variant.bitrate === "number" ? variant.bitrate : 0;
    if (!best || bitrate > best.bitrate) best = { url, bitrate };
  }
  return best?.url ?? fallback;
}

function mediaOf(legacy: JsonObject): Media[] {
  const list = asArray(asObject(legacy.extended_entities)?.media) ?? asArray(asObject(legacy.entities)?.media) ?? [];
  const media: Media[] = [];
  for (const entry of list) {
    const item = asObject(entry);
    if (!item) continue;
    let found: Media | undefined;
    if (item.type === "photo") {
      const url = httpUrl(item.media_url_https);
      if (url) found = { type: "image", url };
    } else if (item.type === "video" || item.type === "animated_gif") {
      const url = videoUrl(item);
      if (url) found = { type: item.type === "video" ? "video" : "gif", url };
    }
    if (found) media.push(found);
    if (media.length === 50) break;
  }
  return media;
}

function permalink(handle: string, id: string): string {
  return /^[A-Za-z0-9_]{1,50}$/.test(handle) ? `https://x.com/${handle}/status/${id}` : `https://x.com/i/status/${id}`;
}

function lang(legacy: JsonObject): string | null {
  const value = asString(legacy.lang);
  return value !== undefined && value.length > 0 && value.length <= 16 ? value : null;
}

function itemOf(tweet: TweetRecord, promoted: boolean, source: Item["source"]): Item {
  const original = tweet.repostOf?.tweet;
  let kind: ItemKind = "post";
  let originalId: string | null = null;
  if (tweet.repostOf) {
    kind = "repost";
    originalId = tweet.repostOf.id;
  } else if (tweet.quoteOf) {
    kind = "quote";
    originalId = tweet.quoteOf.id;
  }
  const replyToId = numericId(tweet.legacy.in_reply_to_status_id_str) ?? null;
  if (kind === "post" && replyToId !== null) kind = "reply";

  // A retweet's own full_text is "RT @handle: " plus the first 140 characters of the original: rebuilt in full here.
  const text = original ? `RT @${original.author.handle}: ${tweetText(original)}` : tweetText(tweet);
  return {
    platform: "x",
    id: tweet.id,
    url: permalink(tweet.author.handle, tweet.id),
    kind,
    text: capText(text),
    author: { ...tweet.author },
    createdAt: isoFromTwitterDate(tweet.legacy.created_at),
    lang: lang(tweet.legacy),
    media: mediaOf(original ? original.legacy : tweet.legacy),
    metrics: metricsOf(tweet),
    promoted,
    originalId,
    replyToId,
    source: { ...source },
  };
}

/**
 * Adds a tweet and the tweets it carries (the original of a repost, the tweet a quote quotes) to `into`.
 * Only the tweet the timeline entry shows can be promoted; the tweets inside it are not ads themselves.
 */
export function collectTweet(tweet: TweetRecord, promoted: boolean, into: CollectedItems): void {
  if (!into.seen.has(tweet.id)) {
    into.seen.add(tweet.id);
    // A repost of a protected tweet would show its words under another name: it goes with the original.
    const showsProtected = tweet.isProtected || (tweet.repostOf?.tweet?.isProtected ?? false);
    if (!showsProtected) into.items.push(itemOf(tweet, promoted, into.source));
  }
  // Even a tweet met before is looked into: X embeds a quote's own quoted tweet only in some of its copies.
  const carried = tweet.repostOf ? tweet.repostOf.tweet : tweet.quoteOf?.tweet;
  if (carried) collectTweet(carried, false, into);
}
