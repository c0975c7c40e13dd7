// Reading JSON that a server-rendered page carries in its inline scripts: `var name = {…};` assignments and
// `<script id="…" type="application/json">` blocks. Each scan is linear; a page controls what it is given.
import { asObject, type JsonObject } from "./json-fields";

/** The end (exclusive) of the JSON object starting at `text[start]` (a `{`), by matching braces outside strings. */
export function jsonObjectEnd(text: string, start: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      // A backslash escapes the next character, whatever it is.
      if (char === 0x5c) index++;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x7b) {
      depth++;
    } else if (char === 0x7d) {
      depth--;
      if (depth === 0) return index + 1;
    } else if (char === 0x3c && text.startsWith("</script", index)) {
      return undefined; // the script ended before the object did
    }
  }
  return undefined;
}

function parseObject(json: string): JsonObject | undefined {
  try {
    return asObject(JSON.parse(json));
  } catch {
    return undefined;
  }
}

const JS_ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f", v: "\v", "0": "\0" };

/**
 * A single-quoted JavaScript string literal starting at `text[start]`, decoded (`\x7b`, `\u00e9`, `\'`), or undefined
 * when it does not end inside the same script.
 */
function quotedString(text: string, start: number): string | undefined {
  const quote = text[start];
  let out = "";
  let from = start + 1;
  for (let index = from; index < text.length; index++) {
    const char = text[index];
    if (char === quote) return out + text.slice(from, index);
    if (char === "\n" || (char === "<" && text.startsWith("</script", index))) return undefined;
    if (char !== "\\") continue;
    out += text.slice(from, index);
    const next = text[index + 1] ?? "";
    const hexLength = next === "x" ? 2 : next === "u" ? 4 : 0;
    if (hexLength > 0) {
      const hex = text.slice(index + 2, index + 2 + hexLength);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== hexLength) return undefined;
      out += String.fromCharCode(Number.parseInt(hex, 16));
      index += 1 + hexLength;
    } else {
      out += JS_ESCAPES[next] ?? next;
      index += 1;
    }
    from = index + 1;
  }
  return undefined;
}

/**
 * The object a page assigns to a global, in any of the spellings pages use: `var name = {…}`, `window["name"] = {…}`,
 * `name = '<JSON in a quoted string>'` (YouTube's mobile pages). Undefined when absent or not valid JSON.
 */
export function readAssignedObject(html: string, name: string): JsonObject | undefined {
  // The name also appears where the page reads the value; the assignment is the occurrence followed by "=".
  for (let marker = html.indexOf(name), tries = 0; marker >= 0 && tries < 16; tries++) {
    let after = marker + name.length;
    if (html[after] === '"' && html[after + 1] === "]") after += 2;
    const assignment = /^\s*=\s*(?=[{'"])/.exec(html.slice(after, after + 32));
    const before = html[marker - 1] ?? "";
    if (assignment && !/[A-Za-z0-9_$]/.test(before)) {
      const start = after + assignment[0].length;
      if (html[start] === "{") {
        const end = jsonObjectEnd(html, start);
        return end === undefined ? undefined : parseObject(html.slice(start, end));
      }
      const literal = quotedString(html, start);
      return literal === undefined ? undefined : parseObject(literal);
    }
    marker = html.indexOf(name, after);
  }
  return undefined;
}

/** The JSON object inside `<script id="<id>" …>…</script>`, or undefined. */
export function readScriptJsonById(html: string, id: string): JsonObject | undefined {
  for (const quote of ['"', "'"]) {
    const attribute = html.indexOf(`id=${quote}${id}${quote}`);
    if (attribute === -1) continue;
    const open = html.lastIndexOf("<", attribute);
    const close = html.indexOf(">", attribute);
    if (open === -1 || close === -1 || !html.startsWith("<script", open)) return undefined;
    const end = html.indexOf("</script", close);
    return end === -1 ? undefined : parseObject(html.slice(close + 1, end));
  }
  return undefined;
}
