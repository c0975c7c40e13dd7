// In the page's world: what a captured response yields, as the messages the isolated content script forwards to the
// background. The walk runs here, on the value the page parsed itself (or on the text, once idle), so a response is
// never copied into another world or parsed twice; only the items cross, gathered for a moment (see item-batch.ts), as
// one JSON text per batch, which the background checks (messages.ts, `readPageCapture`).
import type { CapturedItemsMessage, UnparsedResponseMessage } from "../messages";
import {
  invalidJsonResponse,
  outcomeMessage,
  type ParseOutcome,
  parseCapture,
  parseParsedResponse,
} from "../pipeline/parse-capture";
import type { CapturedResponse } from "./response-hook";

export type PageCaptureMessage = CapturedItemsMessage | UnparsedResponseMessage;

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
  /** Takes each message (an item batcher, in the page). */
  send(message: PageCaptureMessage): void;
  /** The page's address now (Discord tells a server channel from a DM by it). */
  pageUrl(): string;
}

/**
 * Handles one captured response: a value the page parsed is walked at once (the page gets it right after, and may
 * change it); a text is parsed and walked when the page is idle. A post this page already handed over is not handed
 * over again (storage keeps a post's first copy anyway): a timeline fetched again, or a thread reopened, costs nothing.
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
  const handOver = (outcome: ParseOutcome) => {
    const message = outcomeMessage(onlyNew(outcome));
    if (message) options.send(message);
  };
  const capture = (response: CapturedResponse) => {
    const context = { capturedAt: new Date().toISOString(), pageUrl: options.pageUrl() };
    if ("value" in response) handOver(parseParsedResponse(response.url, response.value, context));
    else if ("invalidJson" in response) handOver(invalidJsonResponse(response.url));
    else {
      const { url, body } = response;
      options.whenIdle(() => handOver(parseCapture({ type: "capture", kind: "response", url, body, ...context })));
    }
  };
  return Object.assign(capture, { forget: () => handedOver.clear() });
}
