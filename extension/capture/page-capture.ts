// In the page's world: what a captured response yields, as the message the isolated content script checks and relays.
// The walk runs here, on the value the page parsed itself (or on the text, once idle), so a response is never copied
// into another world or parsed twice; only the items (a few KB) cross, and the content script validates them.
import type { ParseOutcome } from "../pipeline/parse-capture";
import { invalidJsonResponse, parseCapture, parseParsedResponse } from "../pipeline/parse-capture";
import { PAGE_MESSAGE_SOURCE } from "./capture-limits";
import type { PageMessage } from "./page-message";
import type { CapturedResponse } from "./response-hook";

/** The message for an outcome: items, a drift count, or nothing (an ordinary response, or an empty page). */
export function outcomeMessage(outcome: ParseOutcome): PageMessage | undefined {
  if (outcome.status === "unmatched") return undefined;
  const platform = outcome.adapter.platform;
  if (outcome.status === "unparsed") {
    const message: PageMessage = {
      source: PAGE_MESSAGE_SOURCE,
      kind: "unparsed",
      platform,
      endpoint: outcome.endpoint,
      keys: outcome.keys,
    };
    if (outcome.error !== undefined) message.error = outcome.error;
    return message;
  }
  if (outcome.items.length === 0) return undefined;
  return { source: PAGE_MESSAGE_SOURCE, kind: "items", platform, items: outcome.items };
}

/** Posts remembered per page as already handed over; past this many the memory starts afresh. */
const MAX_REMEMBERED = 50_000;

export interface PageCapture {
  (response: CapturedResponse): void;
  /** Forgets which posts were handed over (capture was turned back on: what was dropped meanwhile is wanted now). */
  forget(): void;
}

export interface PageCaptureOptions {
  /** Runs work when the page is idle (capture/idle-queue.ts). */
  whenIdle(task: () => void): void;
  post(message: PageMessage): void;
  /** The page's address now (Discord tells a server channel from a DM by it). */
  pageUrl(): string;
}

/**
 * Handles one captured response: a value the page parsed is walked at once (the page gets it right after, and may
 * change it); a text is parsed and walked when the page is idle. The message is posted when the page is idle. A post
 * this page already handed over is not handed over again (storage keeps a post's first copy anyway): a timeline
 * fetched again, or a thread reopened, costs no message.
 */
export function createPageCapture(options: PageCaptureOptions): PageCapture {
  const handedOver = new Set<string>();
  const onlyNew = (outcome: ParseOutcome): ParseOutcome => {
    if (outcome.status !== "parsed") return outcome;
    const platform = outcome.adapter.platform;
    const items = outcome.items.filter((item) => {
      const key = `${platform} ${item.id}`;
      if (handedOver.has(key)) return false;
      if (handedOver.size >= MAX_REMEMBERED) handedOver.clear();
      handedOver.add(key);
      return true;
    });
    return { ...outcome, items };
  };
  const postLater = (outcome: ParseOutcome) => {
    const message = outcomeMessage(onlyNew(outcome));
    if (message) options.whenIdle(() => options.post(message));
  };
  const capture = (response: CapturedResponse) => {
    const context = { capturedAt: new Date().toISOString(), pageUrl: options.pageUrl() };
    if ("value" in response) postLater(parseParsedResponse(response.url, response.value, context));
    else if ("invalidJson" in response) postLater(invalidJsonResponse(response.url));
    else {
      const { url, body } = response;
      options.whenIdle(() => {
        const message = outcomeMessage(
          onlyNew(parseCapture({ type: "capture", kind: "response", url, body, ...context })),
        );
        if (message) options.post(message);
      });
    }
  };
  return Object.assign(capture, { forget: () => handedOver.clear() });
}
