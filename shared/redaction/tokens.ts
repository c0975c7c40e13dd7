// Words and numbers with their offsets: the unit the heuristic detectors (addresses, names) reason about.
import { asciiLower, HASH_SEED, hashRange, hashStep } from "./lexicon";
import { classesOf, classesOfHashed, nameClassesOf, nameClassesOfHashed } from "./words";

/** A text being tokenised, with its lower-case copy made on first need (only words with non-ASCII letters need it). */
class TokenSource {
  private lowered: string | null | undefined;
  text = "";

  /** Makes this (shared) source the text `text`. */
  reset(text: string): void {
    this.text = text;
    this.lowered = undefined;
  }

  /** The text in lower case when that keeps every offset ("İ" does not), else null. */
  get lower(): string | null {
    if (this.lowered === undefined) {
      const lowered = this.text.toLowerCase();
      this.lowered = lowered.length === this.text.length ? lowered : null;
    }
    return this.lowered;
  }
}

/**
 * A word or number of a text. Its strings are cut from the text on first use: most tokens are looked at by their
 * offsets and first letter only, and a post has dozens of them; the lexicons are read in place.
 */
export class Token {
  private cutText: string | undefined;
  private cutLower: string | undefined;
  private noLowerCase: boolean | undefined;
  private wordClasses = -1;
  private nameClassesCache = -1;
  /**
   * `hashRange` of the lower-case form: computed by the scan for ASCII words, else by the first lexicon lookup (see
   * `hashed`).
   */
  private hash = 0;
  private hashed = false;
  private source!: TokenSource;
  kind: "word" | "number" = "word";
  start = 0;
  end = 0;
  /** Whether the token ends with a period. */
  dotted = false;
  /** Whether the first letter is upper case ("Anna", "ÁRPÁD"). */
  capitalised = false;
  /** Whether every code unit of the token is ASCII. */
  private ascii = true;

  /** Makes this (pooled) object the token `source.text[start, end)`, forgetting what it was. */
  reset(
    source: TokenSource,
    kind: Token["kind"],
    start: number,
    end: number,
    dotted: boolean,
    capitalised: boolean,
    ascii: boolean,
    hash: number,
    hashed: boolean,
  ): void {
    this.source = source;
    this.kind = kind;
    this.start = start;
    this.end = end;
    this.dotted = dotted;
    this.capitalised = capitalised;
    this.ascii = ascii;
    this.cutText = undefined;
    this.cutLower = undefined;
    this.noLowerCase = undefined;
    this.wordClasses = -1;
    this.nameClassesCache = -1;
    this.hash = hash;
    this.hashed = hashed;
  }

  /** The token without a trailing period ("Apt." → "Apt"). */
  get text(): string {
    this.cutText ??= this.source.text.slice(this.start, this.dotted ? this.end - 1 : this.end);
    return this.cutText;
  }

  /** `text` in lower case. */
  get lower(): string {
    if (this.cutLower === undefined) {
      const sourceLower = this.ascii ? null : this.source.lower;
      this.cutLower =
        sourceLower === null
          ? this.text.toLowerCase()
          : sourceLower.slice(this.start, this.dotted ? this.end - 1 : this.end);
    }
    return this.cutLower;
  }

  /** The lexicon classes of the lower-case form (`wordClass` bits; 0 for numbers and unknown words). */
  get classes(): number {
    if (this.wordClasses < 0) this.wordClasses = this.kind === "word" ? this.lookUp(classesOfHashed, classesOf) : 0;
    return this.wordClasses;
  }

  /** The name-lexicon classes of the lower-case form (`wordClass(…, "names")` bits). */
  get nameClasses(): number {
    if (this.nameClassesCache < 0)
      this.nameClassesCache = this.kind === "word" ? this.lookUp(nameClassesOfHashed, nameClassesOf) : 0;
    return this.nameClassesCache;
  }

  /** The length of `text`, without cutting it. */
  get length(): number {
    return this.dotted ? this.end - 1 - this.start : this.end - this.start;
  }

  /** Whether the word has no lower-case letter ("USA", "CO", and words of scripts without case). */
  get allCaps(): boolean {
    this.noLowerCase ??= this.kind === "word" && hasNoLowerCase(this.source.text, this.start, this.start + this.length);
    return this.noLowerCase;
  }

  /**
   * Looks the lower-case form up in place when the text's lower-case copy keeps offsets, else by its string; the
   * range is hashed once for both lexicons.
   */
  private lookUp(
    hashed: (hash: number, source: string, start: number, end: number) => number,
    byWord: (lower: string) => number,
  ): number {
    const end = this.dotted ? this.end - 1 : this.end;
    const source = this.ascii ? this.source.text : this.source.lower;
    if (source === null) return byWord(this.lower);
    if (!this.hashed) {
      this.hash = hashRange(source, this.start, end);
      this.hashed = true;
    }
    return hashed(this.hash, source, this.start, end);
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

// Whether each BMP code unit is an upper-case letter, found once and remembered: 0 not yet known, 1 yes, 2 no.
const UNIT_UPPER = new Uint8Array(0x10000);

function isUpperUnit(code: number): boolean {
  let upper = UNIT_UPPER[code]!;
  if (upper === 0) {
    upper = UPPER.test(String.fromCharCode(code)) ? 1 : 2;
    UNIT_UPPER[code] = upper;
  }
  return upper === 1;
}

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

/**
 * Makes `token` the token `source.text[start, rawEnd)`. For an ASCII word, `hash` is `hashRange` of the word without
 * a trailing period.
 */
function makeToken(
  token: Token,
  source: TokenSource,
  start: number,
  rawEnd: number,
  kind: Token["kind"],
  ascii: boolean,
  hash: number,
): void {
  const text = source.text;
  let end = rawEnd;
  let wordHash = hash;
  // "Matej's address": the possessive is not part of the name.
  const quote = text.charCodeAt(end - 2);
  if (kind === "word" && end - start >= 5 && text.charCodeAt(end - 1) === 115 && (quote === 39 || quote === 0x2019)) {
    end -= 2;
    // (Rare: hashed again rather than tracking a second hash through every word.)
    if (ascii) wordHash = hashRange(text, start, end);
  }
  const dotted = text.charCodeAt(end - 1) === 46;
  const first = text.charCodeAt(start);
  const capitalised = kind === "word" && (first < 128 ? first >= 65 && first <= 90 : isUpperUnit(first));
  const hashed = kind === "word" && ascii;
  token.reset(source, kind, start, end, dotted, capitalised, ascii, wordHash, hashed);
}

// One source for every text: the pooled tokens point to it, and it lives as long as they do (a new one per text made
// every token point to a young object, which the collector had to track).
const SOURCE = new TokenSource();

// Token objects are reused from one text to the next (a post has dozens; allocating them was a tenth of the time).
const pool: Token[] = [];
// Above this many, the pool lets the extra tokens of a long text go once a shorter text comes.
const POOL_KEPT = 4096;

/** The pooled token at `index`, made on first need. */
function pooledToken(index: number): Token {
  if (index === pool.length) pool.push(new Token());
  return pool[index]!;
}

// ASCII code units by what they are to the tokeniser, so a step of the scan is one table read.
const ASCII_DIGIT = 1;
const ASCII_LETTER = 2;
/** ' and -, which continue a word ("O'Brien", "Garcia-Smith"). */
const ASCII_WORD_PUNCTUATION = 3;
const ASCII_UNIT = new Uint8Array(128);
for (let code = 48; code <= 57; code++) ASCII_UNIT[code] = ASCII_DIGIT;
for (let code = 65; code <= 90; code++) ASCII_UNIT[code] = ASCII_UNIT[code + 32] = ASCII_LETTER;
ASCII_UNIT[39] = ASCII_UNIT[45] = ASCII_WORD_PUNCTUATION;

/**
 * Fills `tokens` with the tokens of `text`. `tokens` is always a prefix of the pool, so the scan writes into the pool
 * and only the array's length changes (emptying it first would free its backing store, to be regrown every text).
 */
function scanTokens(text: string, tokens: Token[]): void {
  let count = 0;
  const source = SOURCE;
  source.reset(text);
  const length = text.length;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    const unit = code < 128 ? ASCII_UNIT[code]! : 0;
    if (unit === ASCII_DIGIT) {
      const start = i;
      i++;
      while (i < length && i - start < MAX_NUMBER && isDigit(text.charCodeAt(i))) i++;
      if (i < length && isAsciiLetter(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) === 46) i++;
      makeToken(pooledToken(count++), source, start, i, "number", true, 0);
    } else if (unit === ASCII_LETTER || (code >= 0xaa && kindOf(code) === LETTER)) {
      const start = i;
      let ascii = code < 128;
      // The lexicons' hash of the lower-case word, as it is read.
      let hash = ascii ? hashStep(HASH_SEED, asciiLower(code)) : 0;
      i++;
      while (i < length && i - start < MAX_WORD) {
        const next = text.charCodeAt(i);
        if (next < 128) {
          if (ASCII_UNIT[next]! < ASCII_LETTER) break;
          hash = hashStep(hash, asciiLower(next));
        } else if (next === 0x2019 || (next >= 0xaa && kindOf(next) !== OTHER)) {
          ascii = false;
        } else {
          break;
        }
        i++;
      }
      if (text.charCodeAt(i) === 46) i++;
      makeToken(pooledToken(count++), source, start, i, "word", ascii, hash);
    } else {
      i++;
    }
  }
  if (tokens.length > count) tokens.length = count;
  else for (let k = tokens.length; k < count; k++) tokens.push(pool[k]!);
  if (pool.length > POOL_KEPT && count < POOL_KEPT) pool.length = POOL_KEPT;
}

// Both heuristic detectors read the same text one after the other: tokenise it once.
let lastText: string | undefined;
const lastTokens: Token[] = [];

/**
 * The tokens of `text`, in order. The array and its tokens are shared with other callers and reused by the next text
 * tokenised: read them, never change or keep them.
 */
export function tokenize(text: string): readonly Token[] {
  if (text !== lastText) {
    scanTokens(text, lastTokens);
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
