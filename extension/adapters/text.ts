// Reading small untrusted values the adapters share: HTML to plain text, tags, dates, URLs.
// Everything here scans its input once (no backtracking regexes), as a page or a server controls what it is given.
import { MAX_TEXT_LENGTH } from "../../shared/item-limits";

/** One HTML tag as written: `<a href="…">`, `</p>`, `<br/>`. Attribute names are lower case, values decoded. */
export interface HtmlTag {
  name: string;
  closing: boolean;
  selfClosing: boolean;
  attributes: Map<string, string>;
  /** Index just past the tag's `>`. */
  end: number;
}

/** What `readTag` answers where `<` starts no tag ("a < b"), or where the input stops inside a tag. */
export type TagRead = HtmlTag | "not-a-tag" | "truncated";

const NAME_START = /[A-Za-z]/;
const NAME_CHAR = /[A-Za-z0-9:_-]/;
const SPACE = /[\s/]/;

/** Reads the tag that starts at `html[start]` (a `<`). */
export function readTag(html: string, start: number): TagRead {
  let index = start + 1;
  const closing = html[index] === "/";
  if (closing) index++;
  if (!NAME_START.test(html[index] ?? "")) return "not-a-tag";
  const nameStart = index;
  while (index < html.length && NAME_CHAR.test(html[index] as string)) index++;
  const name = html.slice(nameStart, index).toLowerCase();
  const attributes = new Map<string, string>();
  let selfClosing = false;
  while (index < html.length) {
    const char = html[index] as string;
    if (char === ">") return { name, closing, selfClosing, attributes, end: index + 1 };
    if (SPACE.test(char)) {
      selfClosing = char === "/";
      index++;
      continue;
    }
    selfClosing = false;
    const attributeStart = index;
    while (index < html.length && !/[\s=>/]/.test(html[index] as string)) index++;
    const attribute = html.slice(attributeStart, index).toLowerCase();
    while (index < html.length && /\s/.test(html[index] as string)) index++;
    let value = "";
    if (html[index] === "=") {
      index++;
      while (index < html.length && /\s/.test(html[index] as string)) index++;
      const quote = html[index];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, index + 1);
        if (close === -1) return "truncated";
        value = html.slice(index + 1, close);
        index = close + 1;
      } else {
        const valueStart = index;
        while (index < html.length && !/[\s>]/.test(html[index] as string)) index++;
        value = html.slice(valueStart, index);
      }
    }
    if (!attributes.has(attribute)) attributes.set(attribute, decodeEntities(value));
  }
  return "truncated";
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  hellip: "…",
  mdash: "—",
  ndash: "–",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  laquo: "«",
  raquo: "»",
  middot: "·",
  bull: "•",
  copy: "©",
  reg: "®",
  trade: "™",
  euro: "€",
  pound: "£",
  times: "×",
};
const ENTITY = /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g;

function codePointText(codePoint: number): string {
  const valid = codePoint > 0 && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff);
  return valid ? String.fromCodePoint(codePoint) : "\uFFFD";
}

/** `&amp;`, `&#39;`, `&#x1F600;` → the characters they stand for; unknown names stay as written. */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(ENTITY, (whole, body: string) => {
    if (body[0] !== "#") return NAMED_ENTITIES[body] ?? whole;
    const hex = body[1] === "x" || body[1] === "X";
    return codePointText(Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10));
  });
}

/** Elements that end a line of text ("paragraph") or a single line ("line") when they open or close. */
const PARAGRAPHS = new Set([
  "p",
  "div",
  "blockquote",
  "pre",
  "ul",
  "ol",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "table",
  "figure",
  "hr",
]);
const LINES = new Set(["li", "tr", "dt", "dd"]);
/** Elements whose content is never read as text. */
const UNREAD = new Set(["script", "style", "template", "noscript", "svg"]);

/** Builds text line by line: spaces collapse as a browser would, breaks never stack beyond one blank line. */
class TextBuilder {
  private text = "";
  private pendingBreak: "" | "\n" | "\n\n" = "";
  private pendingSpace = false;

  addWords(raw: string, preformatted: boolean): void {
    const words = preformatted ? raw : raw.replace(/[ \t\n\r\f]+/g, " ");
    if (words.length === 0) return;
    let decoded = decodeEntities(words);
    if (!preformatted) {
      if (decoded.startsWith(" ")) {
        this.pendingSpace = true;
        decoded = decoded.trimStart();
      }
      if (decoded.length === 0) return;
    }
    if (this.pendingBreak && this.text.length > 0) this.flushBreak();
    else if (this.pendingSpace && this.text.length > 0 && !this.text.endsWith("\n")) this.text += " ";
    this.pendingBreak = "";
    this.pendingSpace = false;
    const trailingSpace = !preformatted && decoded.endsWith(" ");
    this.text += trailingSpace ? decoded.trimEnd() : decoded;
    this.pendingSpace = trailingSpace;
  }

  private flushBreak(): void {
    const trailing = this.text.endsWith("\n\n") ? 2 : this.text.endsWith("\n") ? 1 : 0;
    this.text += "\n".repeat(Math.max(0, this.pendingBreak.length - trailing));
    this.pendingBreak = "";
  }

  /** A `<br>`: always a new line, so two of them leave a blank line (and never more). */
  lineBreak(): void {
    if (this.pendingBreak && this.text.length > 0) this.flushBreak();
    this.pendingBreak = "";
    if (!this.text.endsWith("\n\n")) this.text += "\n";
    this.pendingSpace = false;
  }

  blockBreak(kind: "\n" | "\n\n"): void {
    if (this.text.length === 0 || this.text.endsWith("\n\n")) return;
    if (this.text.endsWith("\n") && kind === "\n") return;
    if (this.pendingBreak !== "\n\n") this.pendingBreak = kind;
    this.pendingSpace = false;
  }

  result(): string {
    return this.text.trim();
  }
}

/** Index of the `</name …>` that ends an unread element, or -1. */
function closingTagIndex(html: string, name: string, from: number): number {
  const pattern = new RegExp(`</${name}[\\s>]`, "gi");
  pattern.lastIndex = from;
  return pattern.exec(html)?.index ?? -1;
}

/**
 * The text a reader sees in an HTML fragment: paragraphs become blank lines, `<br>` a new line, entities are decoded,
 * links keep their visible words (a Mastodon mention `<a>@<span>name</span></a>` reads "@name"). Input that stops
 * mid-tag yields the text before it.
 */
export function htmlToText(html: string): string {
  const builder = new TextBuilder();
  let preformatted = 0;
  let index = 0;
  while (index < html.length) {
    const lt = html.indexOf("<", index);
    const textEnd = lt === -1 ? html.length : lt;
    if (textEnd > index) builder.addWords(html.slice(index, textEnd), preformatted > 0);
    if (lt === -1) break;
    if (html.startsWith("<!--", lt)) {
      const close = html.indexOf("-->", lt + 4);
      if (close === -1) break;
      index = close + 3;
      continue;
    }
    if (html[lt + 1] === "!" || html[lt + 1] === "?") {
      const close = html.indexOf(">", lt);
      if (close === -1) break;
      index = close + 1;
      continue;
    }
    const tag = readTag(html, lt);
    if (tag === "truncated") break;
    if (tag === "not-a-tag") {
      builder.addWords("<", preformatted > 0);
      index = lt + 1;
      continue;
    }
    index = tag.end;
    if (UNREAD.has(tag.name) && !tag.closing && !tag.selfClosing) {
      const close = closingTagIndex(html, tag.name, tag.end);
      if (close === -1) break;
      const closeTag = readTag(html, close);
      if (typeof closeTag === "string") break;
      index = closeTag.end;
      continue;
    }
    if (tag.name === "br") builder.lineBreak();
    else if (PARAGRAPHS.has(tag.name)) builder.blockBreak("\n\n");
    else if (LINES.has(tag.name)) builder.blockBreak("\n");
    if (tag.name === "pre" && !tag.selfClosing) preformatted = Math.max(0, preformatted + (tag.closing ? -1 : 1));
  }
  return builder.result();
}

/** A request URL as a URL object when it is http(s) (only `https:` with `secureOnly`), else undefined. */
export function requestUrl(url: unknown, secureOnly = false): URL | undefined {
  if (typeof url !== "string") return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const secure = parsed.protocol === "https:";
  return secure || (!secureOnly && parsed.protocol === "http:") ? parsed : undefined;
}

const HTTP_URL = /^https?:\/\/[^\s]+$/;

/** The value when it is an http(s) URL short enough for an item, else undefined. */
export function httpUrl(value: unknown): string | undefined {
  return typeof value === "string" && value.length <= 2048 && HTTP_URL.test(value) ? value : undefined;
}

/** A non-negative whole count (numbers, or digit strings as some APIs send), else null. */
export function count(value: unknown): number | null {
  const number = typeof value === "string" && /^\d{1,16}$/.test(value) ? Number(value) : value;
  return typeof number === "number" && Number.isSafeInteger(number) && number >= 0 ? number : null;
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|z|[+-]\d{2}:?\d{2})?$/;

/**
 * An ISO 8601 date-time in any of the spellings these APIs use (`…+0000`, microseconds, no zone = UTC) → the
 * canonical `2024-01-02T03:04:05.678Z`, or null when it is no real instant.
 */
export function isoDateTime(value: unknown): string | null {
  if (typeof value !== "string" || value.length > 64) return null;
  const match = DATE_TIME.exec(value.trim());
  if (!match) return null;
  const [, date, hoursMinutes, seconds = "00", fraction = "", zone = "Z"] = match;
  const millis = fraction.padEnd(3, "0").slice(0, 3);
  const offset = zone === "Z" || zone === "z" ? "Z" : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const time = Date.parse(`${date}T${hoursMinutes}:${seconds}.${millis}${offset}`);
  return Number.isFinite(time) ? new Date(time).toISOString() : null;
}

/** Seconds since 1970 (Reddit's `created_utc`) → ISO 8601, or null. */
export function isoFromEpochSeconds(value: unknown): string | null {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 32_503_680_000) return null;
  return new Date(Math.round(value * 1000)).toISOString();
}

/** A short plain string (a name, a language code), or undefined when absent, empty or longer than `max`. */
export function shortString(value: unknown, max: number): string | undefined {
  return typeof value === "string" && value.length > 0 && value.length <= max ? value : undefined;
}

/** Cuts at MAX_TEXT_LENGTH without leaving half of a surrogate pair behind. */
export function capText(text: string): string {
  if (text.length <= MAX_TEXT_LENGTH) return text;
  const cut = text.slice(0, MAX_TEXT_LENGTH);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}
