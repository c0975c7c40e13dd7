// The first screen of x.com comes inside the page as `window.__INITIAL_STATE__ = {…};`, tweets and users by id.
import { asObject, type JsonObject, objectAt } from "../json-fields";
import { jsonObjectEnd } from "../script-json";
import { type CollectedItems, collectTweet } from "./tweet-items";
import { authorFromUserEntity, type LinkedTweet, MAX_NESTING, numericId, type TweetRecord } from "./tweet-record";

const MARKER = "window.__INITIAL_STATE__";

/** The state object assigned in the page, or undefined when there is none or it is not valid JSON. */
export function readInitialState(html: string): JsonObject | undefined {
  // The name may also appear where the app reads the state; the assignment is the occurrence followed by "= {".
  for (let marker = html.indexOf(MARKER), tries = 0; marker >= 0 && tries < 8; tries++) {
    const after = marker + MARKER.length;
    const assignment = /^\s*=\s*\{/.exec(html.slice(after, after + 32));
    if (assignment) {
      const start = after + assignment[0].length - 1;
      const end = jsonObjectEnd(html, start);
      if (end === undefined) return undefined;
      try {
        return asObject(JSON.parse(html.slice(start, end)));
      } catch {
        return undefined;
      }
    }
    marker = html.indexOf(MARKER, after);
  }
  return undefined;
}

/** A table's own entry: page data must not reach `Object.prototype` through a key like "__proto__". */
function entryOf(table: JsonObject, key: string | undefined): unknown {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

interface EntityTables {
  tweets: JsonObject;
  users: JsonObject;
}

/** A referenced tweet: an id (`"123"`) or, in some versions, the tweet object itself. */
function linkedEntity(reference: unknown, tables: EntityTables, depth: number): LinkedTweet {
  const inline = asObject(reference);
  const id = numericId(inline ? (inline.id_str ?? inline.id) : reference) ?? null;
  const entity = inline ?? entryOf(tables.tweets, id ?? undefined);
  const tweet = depth < MAX_NESTING ? tweetFromEntity(entity, tables, depth + 1) : undefined;
  return { id: tweet?.id ?? id, tweet };
}

/** A tweet of the page state: v1.1 fields at the top, the author by id (`user`) in the users table. */
function tweetFromEntity(value: unknown, tables: EntityTables, depth = 0): TweetRecord | undefined {
  const tweet = asObject(value);
  if (!tweet) return undefined;
  const id = numericId(tweet.id_str ?? tweet.id);
  const userRef = tweet.user ?? tweet.user_id_str;
  const userEntity = asObject(userRef) ?? entryOf(tables.users, numericId(userRef));
  const who = authorFromUserEntity(userEntity);
  if (id === undefined || !who) return undefined;

  const retweeted = tweet.retweeted_status ?? tweet.retweeted_status_id_str;
  const quoted = tweet.quoted_status ?? tweet.quoted_status_id_str;
  return {
    id,
    legacy: tweet,
    author: who.author,
    isProtected: who.isProtected,
    note: objectAt(tweet, ["note_tweet", "note_tweet_results", "result"]),
    viewCount: (objectAt(tweet, ["ext_views"]) ?? objectAt(tweet, ["views"]))?.count,
    repostOf: retweeted != null ? linkedEntity(retweeted, tables, depth) : undefined,
    quoteOf:
      retweeted == null && (quoted != null || tweet.is_quote_status === true)
        ? linkedEntity(quoted, tables, depth)
        : undefined,
  };
}

/** Every tweet of the page state's entity tables, as items. */
export function collectInitialState(state: JsonObject, into: CollectedItems): void {
  const tweets = objectAt(state, ["entities", "tweets", "entities"]);
  const users = objectAt(state, ["entities", "users", "entities"]);
  if (!tweets || !users) return;
  const tables = { tweets, users };
  for (const key in tweets) {
    const tweet = tweetFromEntity(tweets[key], tables);
    if (tweet) collectTweet(tweet, false, into);
  }
}
