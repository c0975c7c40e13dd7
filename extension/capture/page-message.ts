// What the MAIN-world hook tells the isolated content script, and what the content script tells the background.
import { z } from "zod";
import { MAX_CAPTURED_BODY_CHARS, PAGE_MESSAGE_SOURCE } from "./capture-limits";

export { MAX_CAPTURED_BODY_CHARS, PAGE_MESSAGE_SOURCE };

export const pageMessageSchema = z
  .object({
    source: z.literal(PAGE_MESSAGE_SOURCE),
    kind: z.enum(["response", "document"]),
    url: z.string().max(8192),
    body: z.string().max(MAX_CAPTURED_BODY_CHARS),
  })
  .strict();
export type PageMessage = z.infer<typeof pageMessageSchema>;

/** One response or page as captured, before parsing: it never leaves the tab (only its items do). */
export interface CaptureMessage {
  type: "capture";
  kind: "response" | "document";
  url: string;
  body: string;
  capturedAt: string;
  /** The page's address when the capture was relayed (a response's own URL is the API's). */
  pageUrl?: string;
}
