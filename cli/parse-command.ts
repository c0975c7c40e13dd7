// `tributary parse FILE [--url URL]`: items from a HAR file, a captured JSON response or a saved HTML page.
import { readFile } from "node:fs/promises";
import type { CaptureMessage } from "../extension/capture/page-message";
import { parseCapture } from "../extension/pipeline/parse-capture";
import { contentHash } from "../shared/content-hash";
import type { Item } from "../shared/item";

export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** The largest input read: HAR files of a long browsing session run to hundreds of megabytes. */
const MAX_INPUT_BYTES = 512 * 1024 * 1024;

type Capture = Omit<CaptureMessage, "type">;

class InputError extends Error {}

function readArgs(args: string[]): { file: string; url?: string } {
  let file: string | undefined;
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--url") {
      url = args[++i];
      if (url === undefined) throw new InputError("--url needs a value");
    } else if (arg.startsWith("--url=")) url = arg.slice("--url=".length);
    else if (arg.startsWith("-")) throw new InputError(`unknown option ${arg}`);
    else if (file === undefined) file = arg;
    else throw new InputError(`unexpected argument ${arg}`);
  }
  if (file === undefined) throw new InputError("usage: tributary parse FILE [--url URL]");
  if (url !== undefined && !/^https?:\/\//.test(url)) throw new InputError(`--url must be an http(s) URL, got ${url}`);
  return { file, url };
}

function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html|<head|<body|<)/i.test(text.slice(0, 512)) && !/^\s*[[{]/.test(text);
}

interface HarEntry {
  startedDateTime?: unknown;
  request?: { url?: unknown };
  response?: { status?: unknown; content?: { mimeType?: unknown; text?: unknown; encoding?: unknown } };
}

function isHar(value: unknown): value is { log: { entries: HarEntry[] } } {
  const log = (value as { log?: { entries?: unknown } } | null)?.log;
  return typeof log === "object" && log !== null && Array.isArray(log.entries);
}

/** Each HAR entry with a readable body, as the capture hook would have seen it. */
function harCaptures(har: { log: { entries: HarEntry[] } }, now: string): Capture[] {
  const captures: Capture[] = [];
  for (const entry of har.log.entries) {
    const url = entry.request?.url;
    const content = entry.response?.content;
    if (typeof url !== "string" || typeof content?.text !== "string") continue;
    const status = entry.response?.status;
    if (typeof status === "number" && (status < 200 || status >= 300)) continue;
    const body = content.encoding === "base64" ? Buffer.from(content.text, "base64").toString("utf8") : content.text;
    const mime = typeof content.mimeType === "string" ? content.mimeType : "";
    const started = typeof entry.startedDateTime === "string" ? new Date(entry.startedDateTime) : undefined;
    const capturedAt = started && !Number.isNaN(started.getTime()) ? started.toISOString() : now;
    // A page is read for its embedded first screen; every response is also offered to the response adapters.
    if (mime.includes("html")) captures.push({ kind: "document", url, body, capturedAt });
    captures.push({ kind: "response", url, body, capturedAt });
  }
  return captures;
}

interface Input {
  captures: Capture[];
  /** A HAR holds many responses, most of them not posts: reading none of them is no error. */
  har: boolean;
}

function readInput(text: string, url: string | undefined, now: string): Input {
  if (looksLikeHtml(text)) {
    if (!url) throw new InputError("an HTML page needs --url with the page's address");
    return { captures: [{ kind: "document", url, body: text, capturedAt: now }], har: false };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`not JSON, HTML or HAR: ${(error as Error).message}`);
  }
  if (isHar(json)) return { captures: harCaptures(json, now), har: true };
  // A saved response with its URL beside it ({"url", "body"}), as the project's fixtures are stored.
  const wrapped = json as { url?: unknown; body?: unknown } | null;
  if (!url && wrapped && typeof wrapped.url === "string" && "body" in wrapped) {
    const body = typeof wrapped.body === "string" ? wrapped.body : JSON.stringify(wrapped.body);
    return { captures: [{ kind: "response", url: wrapped.url, body, capturedAt: now }], har: false };
  }
  if (!url) throw new InputError("a JSON response needs --url with the request's address");
  return { captures: [{ kind: "response", url, body: text, capturedAt: now }], har: false };
}

export async function runParse(args: string[], io: CommandIo, now = new Date().toISOString()): Promise<number> {
  try {
    const { file, url } = readArgs(args);
    let buffer: Buffer;
    try {
      buffer = await readFile(file);
    } catch (error) {
      throw new InputError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    if (buffer.length > MAX_INPUT_BYTES) throw new InputError(`${file} is larger than ${MAX_INPUT_BYTES} bytes`);
    const { captures, har } = readInput(buffer.toString("utf8"), url, now);
    const seen = new Set<string>();
    const lines: string[] = [];
    let matched = 0;
    for (const capture of captures) {
      const outcome = parseCapture({ type: "capture", ...capture });
      if (outcome.status === "unmatched") continue;
      matched++;
      if (outcome.status !== "parsed") continue;
      for (const item of outcome.items) emit(item, seen, lines);
    }
    if (matched === 0 && !har) {
      throw new InputError(`no platform adapter reads ${captures[0]?.url ?? "this input"}`);
    }
    if (lines.length > 0) io.stdout(`${lines.join("\n")}\n`);
    return 0;
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(`tributary parse: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

function emit(item: Item, seen: Set<string>, lines: string[]): void {
  const hash = contentHash(item);
  if (seen.has(hash)) return;
  seen.add(hash);
  lines.push(JSON.stringify(item));
}
