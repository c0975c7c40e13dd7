// Words and numbers with their offsets: the unit the heuristic detectors (addresses, names) reason about.
import { classesOf, nameClassesOf } from "./words";

/**
 * A word or number of a text. Its strings are cut from the text on first use: most tokens are looked at by their
 * offsets and first letter only, and a post has dozens of them.
 */
export class Token {
  private cutText: string | undefined;
  private cutLower: string | undefined;
  private noLowerCase: boolean | undefined;
  private wordClasses = -1;
  private nameClassesCache = -1;

  constructor(
    private readonly source: string,
    /** The source in lower case when that keeps every offset, else null. */
    private readonly sourceLower: string | null,
    readonly kind: "word" | "number",
    readonly start: number,
    readonly end: number,
    /** Whether the token ends with a period. */
    readonly dotted: boolean,
    /** Whether the first letter is upper case ("Anna", "ÁRPÁD"). */
    readonly capitalised: boolean,
  ) {}

  /** The token without a trailing period ("Apt." → "Apt"). */
  get text(): string {
    this.cutText ??= this.source.slice(this.start, this.dotted ? this.end - 1 : this.end);
    return this.cutText;
  }

  /** `text` in lower case. */
  get lower(): string {
    this.cutLower ??=
      this.sourceLower === null
        ? this.text.toLowerCase()
        : this.sourceLower.slice(this.start, this.dotted ? this.end - 1 : this.end);
    return this.cutLower;
  }

  /** The lexicon classes of the lower-case form (`wordClass` bits; 0 for numbers and unknown words). */
  get classes(): number {
    if (this.wordClasses < 0) this.wordClasses = this.kind === "word" ? classesOf(this.lower) : 0;
    return this.wordClasses;
  }

  /** The name-lexicon classes of the lower-case form (`wordClass(…, "names")` bits). */
  get nameClasses(): number {
    if (this.nameClassesCache < 0) this.nameClassesCache = this.kind === "word" ? nameClassesOf(this.lower) : 0;
    return this.nameClassesCache;
  }

  /** The length of `text`, without cutting it. */
  get length(): number {
    return this.dotted ? this.end - 1 - this.start : this.end - this.start;
  }

  /** Whether the word has no lower-case letter ("USA", "CO", and words of scripts without case). */
  get allCaps(): boolean {
    this.noLowerCase ??= this.kind === "word" && hasNoLowerCase(this.source, this.start, this.start + this.length);
    return this.noLowerCase;
  }
}

const NON_ASCII_LETTER = /\p{L}/u;
const NON_ASCII_MARK = /\p{M}/u;
const UPPER = /\p{Lu}/u;
const MAX_WORD = 61;
const MAX_NUMBER = 10;

// What each BMP code unit is, found once by a Unicode property test and remembered: 0 not yet known, 1 letter,
// 2 mark (inside a word only), 3 neither.
const UNIT_KIND = new Uint8Array(0x10000);
const LETTER = 1;
const MARK = 2;
const OTHER = 3;

function kindOf(code: number): number {
  let kind = UNIT_KIND[code]!;
  if (kind === 0) {
    const char = String.fromCharCode(code);
    kind = NON_ASCII_LETTER.test(char) ? LETTER : NON_ASCII_MARK.test(char) ? MARK : OTHER;
    UNIT_KIND[code] = kind;
  }
  return kind;
}

function isAsciiLetter(code: number): boolean {
  const folded = code | 32;
  return folded >= 97 && folded <= 122;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isLetterAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return code < 128 ? isAsciiLetter(code) : code >= 0xaa && kindOf(code) === LETTER;
}

function isWordPartAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 128) return isAsciiLetter(code) || code === 39 || code === 45; // ' and -
  return code === 0x2019 || (code >= 0xaa && kindOf(code) !== OTHER);
}

/** Whether a word starts with an upper-case letter. */
export function isCapitalised(word: string): boolean {
  const code = word.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90;
  return UPPER.test(word[0]!);
}

/** Whether `text[start, end)` has no lower-case letter; ASCII is checked code by code, the rest by case mapping. */
function hasNoLowerCase(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 97 && code <= 122) return false;
    if (code >= 128) {
      const word = text.slice(start, end);
      return word === word.toUpperCase();
    }
  }
  return true;
}

function makeToken(text: string, lowerText: string | null, start: number, rawEnd: number, kind: Token["kind"]): Token {
  let end = rawEnd;
  // "Matej's address": the possessive is not part of the name.
  const quote = text.charCodeAt(end - 2);
  if (kind === "word" && end - start >= 5 && text.charCodeAt(end - 1) === 115 && (quote === 39 || quote === 0x2019))
    end -= 2;
  const dotted = text.charCodeAt(end - 1) === 46;
  const first = text.charCodeAt(start);
  const capitalised =
    kind === "word" && (first < 128 ? first >= 65 && first <= 90 : UPPER.test(String.fromCharCode(first)));
  return new Token(text, lowerText, kind, start, end, dotted, capitalised);
}

function scanTokens(text: string): Token[] {
  const tokens: Token[] = [];
  // One lower-case copy of the whole text, sliced per token, when lower-casing keeps every offset ("İ" does not).
  const lowered = text.toLowerCase();
  const lowerText = lowered.length === text.length ? lowered : null;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (isDigit(code)) {
      const start = i;
      while (i < text.length && i - start < MAX_NUMBER && isDigit(text.charCodeAt(i))) i++;
      if (i < text.length && isAsciiLetter(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) === 46) i++;
      tokens.push(makeToken(text, lowerText, start, i, "number"));
    } else if (isLetterAt(text, i)) {
      const start = i;
      i++;
      while (i < text.length && i - start < MAX_WORD && isWordPartAt(text, i)) i++;
      if (text.charCodeAt(i) === 46) i++;
      tokens.push(makeToken(text, lowerText, start, i, "word"));
    } else {
      i++;
    }
  }
  return tokens;
}

// Both heuristic detectors read the same text one after the other: tokenise it once.
let lastText: string | undefined;
let lastTokens: Token[] = [];

/** The tokens of `text`, in order. The array is shared with other callers: read it, never change it. */
export function tokenize(text: string): readonly Token[] {
  if (text !== lastText) {
    lastTokens = scanTokens(text);
    lastText = text;
  }
  return lastTokens;
}

/** Whether two neighbouring tokens sit on one line separated by spaces only (at most two). */
export function inline(text: string, left: Token, right: Token): boolean {
  const gap = right.start - left.end;
  if (gap < 1 || gap > 2) return false;
  return text.charCodeAt(left.end) === 32 && (gap === 1 || text.charCodeAt(left.end + 1) === 32);
}
