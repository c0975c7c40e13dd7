// What a captured page or response is before parsing, and the limits of what the page-side hook hands over.
import { MAX_CAPTURED_BODY_CHARS, MAX_PAGE_EVENT_CHARS, PAGE_CAPTURE_EVENT } from "./capture-limits";

export { MAX_CAPTURED_BODY_CHARS, MAX_PAGE_EVENT_CHARS, PAGE_CAPTURE_EVENT };

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
