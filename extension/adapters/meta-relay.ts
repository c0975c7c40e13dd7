// Meta's pages (Instagram, Threads): the GraphQL answers a page preloads for its first screen, read out of the HTML.
//
// Meta writes them as `<script type="application/json" data-sjs>{"require":[["ScheduledServerJS","handle",null,
// [{"__bbox":{"require":[["RelayPrefetchedStreamCache","next",[],["adp_…Query…",{"__bbox":{"result":{"data":…}}}]]…`,
// (older pages: the same `{"require":…}` object inside an inline script). Each `__bbox.result` is one GraphQL answer,
// named by the preloader query before it; `PolarisQueryPreloaderCache` keeps it as a JSON string in `result.response`.
import { asArray, asObject, type JsonObject } from "./json-fields";
import { readTag } from "./text";

/** One preloaded GraphQL answer (`{data: …}`) and the preloader query that fetched it ("" when unnamed). */
export interface PreloadedAnswer {
  query: string;
  body: JsonObject;
}

const MAX_DEPTH = 48;
const MAX_ANSWERS = 64;
const MAX_QUERY_NAME = 256;
const REQUIRE_START = '{"require":';

/** The index just past the JSON object that starts at `text[start]` (a `{`), or -1 when it never closes. */
function jsonObjectEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 92)
        index++; // backslash: the next character is escaped
      else if (char === 34) inString = false;
    } else if (char === 34) inString = true;
    else if (char === 123 || char === 91) depth++;
    else if (char === 125 || char === 93) {
      depth--;
      if (depth === 0) return index + 1;
    }
  }
  return -1;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The `{"require":…}` payloads of one script element's text. */
function scriptPayloads(type: string | undefined, content: string): unknown[] {
  // Only the scripts that carry answers are parsed: most hold module definitions.
  if (!content.includes('"__bbox"') || !content.includes('"result"')) return [];
  if (type === "application/json") {
    const value = parseJson(content.trim());
    return value === undefined ? [] : [value];
  }
  const payloads: unknown[] = [];
  let from = 0;
  while (payloads.length < MAX_ANSWERS) {
    const start = content.indexOf(REQUIRE_START, from);
    if (start === -1) break;
    const end = jsonObjectEnd(content, start);
    if (end === -1) break;
    const value = parseJson(content.slice(start, end));
    if (value !== undefined) payloads.push(value);
    from = end;
  }
  return payloads;
}

/** The GraphQL answer a `__bbox.result` holds: the object itself, or the JSON string of its `response`. */
function answerOf(result: JsonObject): JsonObject | undefined {
  if (asObject(result.data)) return result;
  if (typeof result.response !== "string") return undefined;
  const parsed = asObject(parseJson(result.response));
  return parsed && asObject(parsed.data) ? parsed : undefined;
}

/** Finds every `__bbox.result` answer under a require payload; the last string seen in an array names the query. */
function collectAnswers(value: unknown, query: string, out: PreloadedAnswer[], depth: number): void {
  if (depth > MAX_DEPTH || out.length >= MAX_ANSWERS) return;
  const array = asArray(value);
  if (array) {
    let name = query;
    for (const entry of array) {
      if (typeof entry === "string") name = entry.length <= MAX_QUERY_NAME ? entry : "";
      else collectAnswers(entry, name, out, depth + 1);
    }
    return;
  }
  const object = asObject(value);
  if (!object) return;
  const bbox = asObject(object.__bbox);
  const result = asObject(bbox?.result);
  const answer = result && answerOf(result);
  if (answer) {
    out.push({ query, body: answer });
    return;
  }
  for (const key in object) {
    const child = object[key];
    if (child !== null && typeof child === "object") collectAnswers(child, query, out, depth + 1);
  }
}

/** Every GraphQL answer preloaded in a Meta page, in page order. Markup that is no such page yields []. */
export function preloadedAnswers(html: string): PreloadedAnswer[] {
  const answers: PreloadedAnswer[] = [];
  let index = 0;
  while (answers.length < MAX_ANSWERS) {
    const lt = html.indexOf("<script", index);
    if (lt === -1) break;
    const tag = readTag(html, lt);
    if (tag === "truncated") break;
    if (tag === "not-a-tag" || tag.name !== "script" || tag.closing) {
      index = lt + 1;
      continue;
    }
    const close = html.indexOf("</script", tag.end);
    const end = close === -1 ? html.length : close;
    for (const payload of scriptPayloads(tag.attributes.get("type"), html.slice(tag.end, end))) {
      collectAnswers(payload, "", answers, 0);
    }
    if (close === -1) break;
    index = close + 1;
  }
  return answers.slice(0, MAX_ANSWERS);
}

const XSSI_PREFIX = "for (;;);";

/**
 * A Meta API body as JSON: some answers (Instagram's `/api/v1/clips/music/`) start with `for (;;);`, which keeps them
 * from being read as a script, so they reach the adapter as text. Anything else is returned as given.
 */
export function metaJson(body: unknown): unknown {
  if (typeof body !== "string") return body;
  const text = body.trimStart();
  return parseJson(text.startsWith(XSSI_PREFIX) ? text.slice(XSSI_PREFIX.length) : text);
}
