// The isolated content script's duties: validate what the page-side hook posts (the items it read from the site's
// responses), read the first page once and parse it here, and hand only items to the background — raw responses never
// leave the tab.
import type { z } from "zod";
import type { CapturedItemsMessage, UnparsedResponseMessage } from "../messages";
import { parseCapture } from "../pipeline/parse-capture";
import { type CaptureMessage, MAX_CAPTURED_BODY_CHARS, type pageMessageSchema } from "./page-message";

export type RelaySend = (message: CapturedItemsMessage | UnparsedResponseMessage) => void;

/** Parses one capture and sends what came of it: items, a drift count, or nothing for an ordinary page. */
export function relayCapture(capture: CaptureMessage, send: RelaySend): void {
  const outcome = parseCapture(capture);
  if (outcome.status === "unmatched") return;
  const platform = outcome.adapter.platform;
  if (outcome.status === "unparsed") {
    send({ type: "unparsed-response", platform, endpoint: outcome.endpoint, keys: outcome.keys, error: outcome.error });
  } else if (outcome.items.length > 0) {
    send({ type: "captured-items", platform, items: outcome.items });
  }
}

/** Checks what the page-side hook posted (anything in the page could post it) and relays its items or drift count. */
export function relayPageMessage(
  event: MessageEvent,
  win: Window,
  schema: typeof pageMessageSchema,
  send: RelaySend,
): void {
  if (event.source !== win || event.origin !== win.location.origin) return;
  const parsed: z.ZodSafeParseResult<z.infer<typeof pageMessageSchema>> = schema.safeParse(event.data);
  if (!parsed.success) return;
  const message = parsed.data;
  if (message.kind === "items") {
    if (message.items.length > 0) send({ type: "captured-items", platform: message.platform, items: message.items });
    return;
  }
  const { source: _source, kind: _kind, ...counter } = message;
  send({ type: "unparsed-response", ...counter });
}

/** The first screen arrives inside the HTML, never through fetch/XHR: read the parsed document once. */
export function relayEmbeddedDocument(doc: Document, url: string, send: RelaySend): void {
  const html = doc.documentElement?.outerHTML ?? "";
  if (html.length === 0 || html.length > MAX_CAPTURED_BODY_CHARS) return;
  const capturedAt = new Date().toISOString();
  relayCapture({ type: "capture", kind: "document", url, body: html, capturedAt, pageUrl: url }, send);
}
