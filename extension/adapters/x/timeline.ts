// X's timelines: where each GraphQL operation keeps its instructions, and the tweets those instructions add.
import { asArray, asObject, asString, type JsonObject, objectAt } from "../json-fields";
import { type CollectedItems, collectTweet } from "./tweet-items";
import { tweetFromResult } from "./tweet-record";

/** The object holding `instructions`, under `data`, for each known operation (first match wins). */
const TIMELINE_PATHS: readonly (readonly string[])[] = [
  ["home", "home_timeline_urt"], // HomeTimeline, HomeLatestTimeline
  ["user", "result", "timeline_v2", "timeline"], // UserTweets*, UserMedia, Likes (older)
  ["user", "result", "timeline", "timeline"], // the same operations, newer
  ["search_by_raw_query", "search_timeline", "timeline"], // SearchTimeline
  ["threaded_conversation_with_injections_v2"], // TweetDetail
  ["threaded_conversation_with_injections"],
  ["list", "tweets_timeline", "timeline"], // ListLatestTweetsTimeline
  ["bookmark_timeline_v2", "timeline"], // Bookmarks
  ["bookmark_timeline", "timeline"],
  ["communityResults", "result", "ranked_community_timeline", "timeline"], // CommunityTweetsTimeline
  ["communityResults", "result", "community_timeline", "timeline"],
];

/** How far below `data` the fallback looks for a timeline X has moved; it never walks into arrays. */
const FALLBACK_DEPTH = 6;
const FALLBACK_MAX_OBJECTS = 500;

/** Looks for `instructions` in objects only (never in arrays, where the tweets are), so the walk stays small. */
function findInstructionsBelow(root: JsonObject): readonly unknown[] | undefined {
  let level: JsonObject[] = [root];
  let visited = 0;
  for (let depth = 0; depth <= FALLBACK_DEPTH && level.length > 0; depth++) {
    const next: JsonObject[] = [];
    for (const node of level) {
      const instructions = asArray(node.instructions);
      if (instructions) return instructions;
      for (const key in node) {
        const child = asObject(node[key]);
        if (child) next.push(child);
      }
      if (++visited > FALLBACK_MAX_OBJECTS) return undefined;
    }
    level = next;
  }
  return undefined;
}

export function findInstructions(body: unknown): readonly unknown[] | undefined {
  const data = objectAt(body, ["data"]);
  if (!data) return undefined;
  for (const path of TIMELINE_PATHS) {
    const instructions = asArray(objectAt(data, path)?.instructions);
    if (instructions) return instructions;
  }
  return findInstructionsBelow(data);
}

function isPromotedId(entryId: unknown): boolean {
  return asString(entryId)?.startsWith("promoted") ?? false;
}

/** One timeline item: a tweet (possibly an ad), or something else (cursor, user, prompt) that is skipped. */
function collectItemContent(value: unknown, promoted: boolean, into: CollectedItems): void {
  const content = asObject(value);
  const results = asObject(content?.tweet_results) ?? asObject(content?.tweetResult);
  if (!content || !results) return;
  const tweet = tweetFromResult(results.result);
  if (tweet) collectTweet(tweet, promoted || content.promotedMetadata != null, into);
}

/** An item of a module (a thread, a conversation, a grid): `{ entryId, item: { itemContent } }`. */
function collectModuleItem(value: unknown, modulePromoted: boolean, into: CollectedItems): void {
  const moduleItem = asObject(value);
  if (!moduleItem) return;
  const promoted = modulePromoted || isPromotedId(moduleItem.entryId);
  collectItemContent(asObject(moduleItem.item)?.itemContent, promoted, into);
}

function collectEntry(value: unknown, into: CollectedItems): void {
  const entry = asObject(value);
  const content = asObject(entry?.content);
  if (!entry || !content) return;
  const promoted = isPromotedId(entry.entryId);
  // TimelineTimelineItem carries one itemContent, TimelineTimelineModule a list of items; cursors carry neither.
  if (content.itemContent !== undefined) collectItemContent(content.itemContent, promoted, into);
  for (const item of asArray(content.items) ?? []) collectModuleItem(item, promoted, into);
}

/** TimelineAddEntries, TimelinePinEntry, TimelineReplaceEntry and TimelineAddToModule; other instructions add no tweets. */
export function collectInstructions(instructions: readonly unknown[], into: CollectedItems): void {
  for (const value of instructions) {
    const instruction = asObject(value);
    if (!instruction) continue;
    for (const entry of asArray(instruction.entries) ?? []) collectEntry(entry, into);
    if (instruction.entry !== undefined) collectEntry(instruction.entry, into);
    for (const item of asArray(instruction.moduleItems) ?? []) collectModuleItem(item, false, into);
  }
}
