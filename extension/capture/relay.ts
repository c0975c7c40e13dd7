// The isolated content script's duties: forward what the page-side hook hands over (the items it read from the site's
// responses), read the first page once and parse it here, and hand only items to the background — raw responses never
// leave the tab.
import type { CapturedItemsMessage, PageCaptureTextMessage, UnparsedResponseMessage } from "../messages";
import { outcomeMessage, parseCapture } from "../pipeline/parse-capture";
import { MAX_PAGE_EVENT_CHARS } from "./capture-limits";
import { type CaptureMessage, MAX_CAPTURED_BODY_CHARS } from "./page-message";

export type RelaySend = (message: CapturedItemsMessage | UnparsedResponseMessage) => void;

/** Parses one capture and sends what came of it: items, a drift count, or nothing for an ordinary page. */
export function relayCapture(capture: CaptureMessage, send: RelaySend): void {
  const message = outcomeMessage(parseCapture(capture));
  if (message) send(message);
}

/**
 * Forwards what the page-side hook handed over, as it came (a JSON text): anything in the page could dispatch the same
 * event, so the background reads it as strictly as any message (`readPageCapture`), and parsing it here as well would
 * only cost the page's thread.
 */
export function relayPageEvent(event: Event, send: (message: PageCaptureTextMessage) => void): void {
  const detail: unknown = (event as CustomEvent).detail;
  if (typeof detail !== "string" || detail.length === 0 || detail.length > MAX_PAGE_EVENT_CHARS) return;
  send({ type: "page-capture", text: detail });
}

/** The first screen arrives inside the HTML, never through fetch/XHR: read the parsed document once. */
export function relayEmbeddedDocument(doc: Document, url: string, send: RelaySend): void {
  const html = doc.documentElement?.outerHTML ?? "";
  if (html.length === 0 || html.length > MAX_CAPTURED_BODY_CHARS) return;
  const capturedAt = new Date().toISOString();
  relayCapture({ type: "capture", kind: "document", url, body: html, capturedAt, pageUrl: url }, send);
}
