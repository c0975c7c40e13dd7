// What a captured page or response is before parsing, and the largest body copied.
import { MAX_CAPTURED_BODY_CHARS } from "./capture-limits";

export { MAX_CAPTURED_BODY_CHARS };

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
