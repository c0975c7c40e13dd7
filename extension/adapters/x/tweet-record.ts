// One tweet as X describes it, read from a GraphQL tweet result into a checked record the item builder can trust.
import type { Author } from "../../../shared/item";
import { asObject, asString, type JsonObject, objectAt } from "../json-fields";

/** A tweet this one reposts or quotes: its id when X gives one, the tweet itself when X embeds a readable copy. */
export interface LinkedTweet {
  id: string | null;
  tweet: TweetRecord | undefined;
}

export interface TweetRecord {
  id: string;
  /** The classic tweet fields (full_text, entities, counts, created_at, …), as in the v1.1 API. */
  legacy: JsonObject;
  author: Author;
  /** The author only lets followers read: such a tweet is never turned into an item. */
  isProtected: boolean;
  /** The long-form text of a "note tweet", when X sent one. */
  note: JsonObject | undefined;
  viewCount: unknown;
  repostOf: LinkedTweet | undefined;
  quoteOf: LinkedTweet | undefined;
}

/** A retweet of a quote of a tweet is as deep as X nests; anything deeper is not read. */
export const MAX_NESTING = 3;

const NUMERIC_ID = /^\d{1,40}$/;

export function numericId(value: unknown): string | undefined {
  const id = typeof value === "number" && Number.isSafeInteger(value) ? String(value) : asString(value);
  return id !== undefined && NUMERIC_ID.test(id) ? id : undefined;
}

export interface TweetAuthor {
  author: Author;
  isProtected: boolean;
}

function authorFrom(id: unknown, handle: unknown, name: unknown, isProtected: boolean): TweetAuthor | undefined {
  const userId = numericId(id);
  const screenName = asString(handle);
  if (userId === undefined || screenName === undefined || screenName.length === 0 || screenName.length > 128) {
    return undefined;
  }
  const displayName = (asString(name) ?? screenName).slice(0, 256);
  return { author: { id: userId, handle: screenName, name: displayName }, isProtected };
}

/** The author in `core.user_results.result`: newer responses keep names in `core`, older ones in `legacy`. */
export function authorFromUserResult(value: unknown): TweetAuthor | undefined {
  const user = asObject(value);
  if (!user) return undefined;
  const core = asObject(user.core);
  const legacy = asObject(user.legacy);
  const isProtected = legacy?.protected === true || objectAt(user, ["privacy"])?.protected === true;
  return authorFrom(user.rest_id, core?.screen_name ?? legacy?.screen_name, core?.name ?? legacy?.name, isProtected);
}

/** A user as the v1.1 API and X's page state describe one: `id_str`, `screen_name`, `name`, `protected`. */
export function authorFromUserEntity(value: unknown): TweetAuthor | undefined {
  const user = asObject(value);
  if (!user) return undefined;
  return authorFrom(user.id_str ?? user.id, user.screen_name, user.name, user.protected === true);
}

/** The tweet inside a `tweet_results.result`, or undefined for tombstones, unavailable tweets and unknown types. */
export function unwrapTweetResult(value: unknown): JsonObject | undefined {
  const result = asObject(value);
  if (!result) return undefined;
  switch (result.__typename) {
    case "Tweet":
    case undefined:
      return result;
    case "TweetWithVisibilityResults": {
      const inner = asObject(result.tweet);
      return inner && (inner.__typename === "Tweet" || inner.__typename === undefined) ? inner : undefined;
    }
    default:
      // TweetTombstone, TweetUnavailable and whatever X adds next: nothing readable.
      return undefined;
  }
}

function linkedFromResult(result: unknown, fallbackId: unknown, depth: number): LinkedTweet {
  const tweet = depth < MAX_NESTING ? tweetFromResult(result, depth + 1) : undefined;
  return { id: tweet?.id ?? numericId(fallbackId) ?? numericId(asObject(result)?.rest_id) ?? null, tweet };
}

/** A GraphQL tweet result (`tweet_results.result`, `retweeted_status_result.result`, …) as a record. */
export function tweetFromResult(value: unknown, depth = 0): TweetRecord | undefined {
  const tweet = unwrapTweetResult(value);
  const legacy = asObject(tweet?.legacy);
  if (!tweet || !legacy) return undefined;
  const id = numericId(tweet.rest_id) ?? numericId(legacy.id_str);
  const who = authorFromUserResult(objectAt(tweet, ["core", "user_results"])?.result);
  if (id === undefined || !who) return undefined;

  const retweeted = asObject(legacy.retweeted_status_result) ?? asObject(tweet.retweeted_status_result);
  const repostOf =
    retweeted !== undefined || legacy.retweeted_status_id_str !== undefined
      ? linkedFromResult(retweeted?.result, legacy.retweeted_status_id_str, depth)
      : undefined;

  // A retweet inherits is_quote_status and quoted_status_id_str from its original: the quote is the original's.
  const quoted = asObject(tweet.quoted_status_result);
  const quoteOf =
    !repostOf && (quoted !== undefined || legacy.quoted_status_id_str !== undefined || legacy.is_quote_status === true)
      ? linkedFromResult(quoted?.result, legacy.quoted_status_id_str, depth)
      : undefined;

  return {
    id,
    legacy,
    author: who.author,
    isProtected: who.isProtected,
    note: objectAt(tweet, ["note_tweet", "note_tweet_results", "result"]),
    viewCount: objectAt(tweet, ["views"])?.count,
    repostOf,
    quoteOf,
  };
}
