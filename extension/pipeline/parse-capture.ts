// parse: turns one captured response or page into items with the matching adapter; failures become counts, not throws.
import type { Item } from "../../shared/item";
import type { Adapter, ParseContext } from "../adapters/adapter";
import { adapterForPage, adapterForResponse } from "../adapters/registry";
import type { CaptureMessage } from "../capture/page-message";
import type { CapturedItemsMessage, UnparsedResponseMessage } from "../messages";

export type ParseOutcome =
  | { status: "parsed"; adapter: Adapter; items: Item[] }
  | { status: "unmatched" }
  | { status: "unparsed"; adapter: Adapter; endpoint: string; keys: string[]; error?: string };

/** The path of a URL without its query: what the unparsed counter groups by. */
export function endpointOf(url: string): string {
  try {
    return new URL(url).pathname.slice(0, 256);
  } catch {
    return "(invalid url)";
  }
}

function firstKeys(value: unknown): string[] {
  if (Array.isArray(value)) return [`[array of ${value.length}]`];
  if (value !== null && typeof value === "object") return Object.keys(value).slice(0, 8);
  return [typeof value];
}

export function parseCapture(capture: CaptureMessage): ParseOutcome {
  const context = { capturedAt: capture.capturedAt, pageUrl: capture.pageUrl };
  if (capture.kind === "document") {
    const adapter = adapterForPage(capture.url);
    if (!adapter) return { status: "unmatched" };
    try {
      // An ordinary page often embeds nothing we read: that is not drift, so it is not counted.
      return { status: "parsed", adapter, items: adapter.parseEmbedded(capture.url, capture.body, context) };
    } catch (error) {
      return { status: "unparsed", adapter, endpoint: "(page)", keys: [], error: String(error).slice(0, 200) };
    }
  }

  const adapter = adapterForResponse(capture.url);
  if (!adapter) return { status: "unmatched" };
  const endpoint = endpointOf(capture.url);
  let body: unknown = capture.body;
  const trimmed = capture.body.trimStart();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      body = JSON.parse(capture.body);
    } catch {
      return { status: "unparsed", adapter, endpoint, keys: ["(invalid JSON)"] };
    }
  }
  return walkResponse(adapter, capture.url, body, context);
}

/** A response the page itself already parsed (its `response.json()`, an XHR of type json): only the walk is left. */
export function parseParsedResponse(url: string, body: unknown, context: ParseContext): ParseOutcome {
  const adapter = adapterForResponse(url);
  if (!adapter) return { status: "unmatched" };
  return walkResponse(adapter, url, body, context);
}

/** A response that did not parse as JSON, though its adapter expects JSON (the page's `json()` threw). */
export function invalidJsonResponse(url: string): ParseOutcome {
  const adapter = adapterForResponse(url);
  if (!adapter) return { status: "unmatched" };
  return { status: "unparsed", adapter, endpoint: endpointOf(url), keys: ["(invalid JSON)"] };
}

function walkResponse(adapter: Adapter, url: string, body: unknown, context: ParseContext): ParseOutcome {
  const endpoint = endpointOf(url);
  try {
    const items = adapter.parse(url, body, context);
    if (items.length === 0) return { status: "unparsed", adapter, endpoint, keys: firstKeys(body) };
    return { status: "parsed", adapter, items };
  } catch (error) {
    return { status: "unparsed", adapter, endpoint, keys: firstKeys(body), error: String(error).slice(0, 200) };
  }
}

/** The message for an outcome: items, a drift count, or nothing (an ordinary response, or an empty page). */
export function outcomeMessage(outcome: ParseOutcome): CapturedItemsMessage | UnparsedResponseMessage | undefined {
  if (outcome.status === "unmatched") return undefined;
  const platform = outcome.adapter.platform;
  if (outcome.status === "unparsed") {
    const message: UnparsedResponseMessage = {
      type: "unparsed-response",
      platform,
      endpoint: outcome.endpoint,
      keys: outcome.keys,
    };
    if (outcome.error !== undefined) message.error = outcome.error;
    return message;
  }
  if (outcome.items.length === 0) return undefined;
  return { type: "captured-items", platform, items: outcome.items };
}
