// The one shape every platform adapter has: pure functions from what the site sent to items.
import type { Item, Platform } from "../../shared/item";

export interface ParseContext {
  /** When the response was captured (ISO 8601); adapters copy it into item.source.capturedAt. */
  capturedAt: string;
  /**
   * The address of the page that made the request, when known (the CLI may not know it). Discord's messages API does
   * not say whether a channel is a server's or a DM, so its adapter decides from the page the user is on.
   */
  pageUrl?: string;
}

export interface Adapter {
  platform: Platform;
  /** True when a response from this URL carries posts this adapter can read. */
  matches(url: string): boolean;
  /** Items in a JSON (or text) API response. Unknown shapes yield [], never an exception. */
  parse(url: string, body: unknown, context: ParseContext): Item[];
  /** Items embedded in a server-rendered page (the first screen never comes through fetch/XHR). */
  parseEmbedded(url: string, html: string, context: ParseContext): Item[];
}
