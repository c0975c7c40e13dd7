// What the MAIN-world hook tells the isolated content script, and what the content script parses itself.
import { z } from "zod";
import { capturedItemsMessageSchema, unparsedResponseMessageSchema } from "../messages";
import { MAX_CAPTURED_BODY_CHARS, MAX_PAGE_EVENT_CHARS, PAGE_CAPTURE_EVENT } from "./capture-limits";

export { MAX_CAPTURED_BODY_CHARS, MAX_PAGE_EVENT_CHARS, PAGE_CAPTURE_EVENT };

/**
 * The page-side hook walks what it captured and hands over the items, or a drift count, as the background's own
 * messages, one JSON text per event. Anything in the page can dispatch such an event: its text is checked here with
 * the background's schemas.
 */
export const pageMessageSchema = z.discriminatedUnion("type", [
  capturedItemsMessageSchema,
  unparsedResponseMessageSchema,
]);
export type PageMessage = z.infer<typeof pageMessageSchema>;

/** A page (or, in the CLI, a response) as captured, before parsing. */
export interface CaptureMessage {
  type: "capture";
  kind: "response" | "document";
  url: string;
  body: string;
  capturedAt: string;
  /** The page's address when the capture was made (a response's own URL is the API's). */
  pageUrl?: string;
}
