// What the MAIN-world hook tells the isolated content script, and what the content script parses itself.
import { z } from "zod";
import { itemSchema, platformSchema } from "../../shared/item";
import { unparsedResponseMessageSchema } from "../messages";
import { MAX_CAPTURED_BODY_CHARS, PAGE_MESSAGE_SOURCE } from "./capture-limits";

export { MAX_CAPTURED_BODY_CHARS, PAGE_MESSAGE_SOURCE };

/**
 * The page-side hook walks what it captured and posts the items, or a drift count. Anything in the page can post
 * such a message: it is checked here as strictly as the background checks what it gets.
 */
export const pageMessageSchema = z.discriminatedUnion("kind", [
  z
    .object({
      source: z.literal(PAGE_MESSAGE_SOURCE),
      kind: z.literal("items"),
      platform: platformSchema,
      items: z.array(itemSchema).max(5000),
    })
    .strict(),
  unparsedResponseMessageSchema
    .omit({ type: true })
    .extend({ source: z.literal(PAGE_MESSAGE_SOURCE), kind: z.literal("unparsed") })
    .strict(),
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
