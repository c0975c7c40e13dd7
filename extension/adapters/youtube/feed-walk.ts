// Finds every renderer that shows a video, comment or post anywhere in an InnerTube answer, whatever the layout
// around it (a grid, a shelf, a continuation, a comment thread), and whether it sits inside an ad slot.
import type { Item } from "../../../shared/item";
import type { JsonObject } from "../json-fields";
import {
  type Reading,
  type RendererReader,
  readCommentEntity,
  readCommentRenderer,
  readCommunityPost,
  readLockup,
  readReelItem,
  readShortsLockup,
  readVideoRenderer,
} from "./renderers";

const READERS = new Map<string, RendererReader>([
  ["videoRenderer", readVideoRenderer],
  ["gridVideoRenderer", readVideoRenderer],
  ["compactVideoRenderer", readVideoRenderer],
  ["playlistVideoRenderer", readVideoRenderer],
  ["playlistPanelVideoRenderer", readVideoRenderer],
  ["promotedVideoRenderer", readVideoRenderer],
  ["reelItemRenderer", readReelItem],
  ["lockupViewModel", readLockup],
  ["shortsLockupViewModel", readShortsLockup],
  ["shortsLockupViewModelV2", readShortsLockup],
  ["commentRenderer", readCommentRenderer],
  ["commentEntityPayload", readCommentEntity],
  ["backstagePostRenderer", readCommunityPost],
  ["postRenderer", readCommunityPost],
]);

/** Containers whose whole content is an ad: everything read inside them is promoted. */
const AD_CONTAINERS = new Set([
  "adSlotRenderer",
  "inFeedAdLayoutRenderer",
  "promotedVideoRenderer",
  "compactPromotedVideoRenderer",
  "searchPyvRenderer",
  "promotedSparklesWebRenderer",
  "displayAdRenderer",
]);

/** Parts of an answer that never hold anything seen in the feed: skipped for speed. */
const SKIPPED = new Set(["responseContext", "topbar", "microformat", "trackingParams", "loggingDirectives"]);

const MAX_DEPTH = 200;
const MAX_ITEMS = 2000;

export interface Collected extends Reading {
  items: Item[];
  seen: Set<string>;
}

export function addItem(into: Collected, item: Item): void {
  if (into.seen.has(item.id) || into.items.length >= MAX_ITEMS) return;
  into.seen.add(item.id);
  into.items.push(item);
}

/** Depth first, in the order the page shows things; a renderer that was read is not looked into again. */
export function walkFeed(value: unknown, into: Collected, depth = 0, promoted = false): void {
  if (value === null || typeof value !== "object" || depth > MAX_DEPTH || into.items.length >= MAX_ITEMS) return;
  if (Array.isArray(value)) {
    for (const entry of value) walkFeed(entry, into, depth + 1, promoted);
    return;
  }
  const object = value as JsonObject;
  for (const key in object) {
    const child = object[key];
    if (child === null || typeof child !== "object" || SKIPPED.has(key)) continue;
    const inAd = promoted || AD_CONTAINERS.has(key);
    const reader = Array.isArray(child) ? undefined : READERS.get(key);
    if (reader) {
      const item = reader(child as JsonObject, inAd, into);
      if (item) addItem(into, item);
    } else {
      walkFeed(child, into, depth + 1, inAd);
    }
  }
}
