// Gathers a tab's captured items for a moment and sends them to the background together: each runtime message costs
// the page's main thread about half a millisecond whatever its size, so one message per response would slow a page
// that scrolls fast. Drift counts are rare and go at once.
import type { Item } from "../../shared/item";
import type { CapturedItemsMessage } from "../messages";
import type { RelaySend } from "./relay";

/** How long items wait for company before they are sent. */
export const ITEM_BATCH_DELAY_MS = 500;
/** The most items one message may carry (the background's schema refuses more). */
export const MAX_ITEMS_PER_MESSAGE = 5000;

export interface ItemBatcher {
  /** Takes what the relay sends: items wait for the next flush, anything else goes at once. */
  send: RelaySend;
  /** Sends every waiting item now (the page is going away, or the delay is over). */
  flush(): void;
}

type Platform = CapturedItemsMessage["platform"];

/** `later(flush)` runs `flush` after the delay; tests pass their own clock. */
export function createItemBatcher(send: RelaySend, later: (flush: () => void) => void): ItemBatcher {
  // Per platform, by post id: a post seen twice in a window is sent once, the first copy kept, as storage keeps it.
  const waiting = new Map<Platform, Map<string, Item>>();
  let scheduled = false;

  const sendPlatform = (platform: Platform, items: Map<string, Item>) => {
    waiting.delete(platform);
    if (items.size > 0) send({ type: "captured-items", platform, items: [...items.values()] });
  };

  const flush = () => {
    scheduled = false;
    for (const [platform, items] of [...waiting]) sendPlatform(platform, items);
  };

  return {
    flush,
    send(message) {
      if (message.type !== "captured-items") {
        send(message);
        return;
      }
      let items = waiting.get(message.platform);
      if (!items) {
        items = new Map();
        waiting.set(message.platform, items);
      }
      for (const item of message.items) {
        if (!items.has(item.id)) items.set(item.id, item);
        if (items.size >= MAX_ITEMS_PER_MESSAGE) {
          sendPlatform(message.platform, items);
          items = new Map();
          waiting.set(message.platform, items);
        }
      }
      if (!scheduled) {
        scheduled = true;
        later(flush);
      }
    },
  };
}

/** Sends a batcher's waiting items when the tab goes away or hides, so they are not lost. */
export function flushWhenPageLeaves(win: Window, flush: () => void): void {
  win.addEventListener("pagehide", flush);
  win.document.addEventListener("visibilitychange", () => {
    if (win.document.visibilityState === "hidden") flush();
  });
}
