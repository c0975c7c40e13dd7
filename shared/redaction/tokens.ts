// Words and numbers with their offsets: the unit the heuristic detectors (addresses, names) reason about.

export interface Token {
  kind: "word" | "number";
  start: number;
  end: number;
  /** The token without a trailing period ("Apt." → "Apt"). */
  text: string;
  /** `text` in lower case. */
  lower: string;
  /** Whether the token ends with a period. */
  dotted: boolean;
  /** Whether the first letter is upper case ("Anna", "ÁRPÁD"). */
  capitalised: boolean;
  /** Whether the word has no lower-case letter ("USA", "CO", and words of scripts without case). */
  allCaps: boolean;
}

const NON_ASCII_LETTER = /\p{L}/u;
const NON_ASCII_WORD_PART = /[\p{L}\p{M}]/u;
const UPPER = /\p{Lu}/u;
const MAX_WORD = 61;
const MAX_NUMBER = 10;

function isAsciiLetter(code: number): boolean {
  const folded = code | 32;
  return folded >= 97 && folded <= 122;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isLetterAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return code < 128 ? isAsciiLetter(code) : code >= 0xaa && NON_ASCII_LETTER.test(text[i]!);
}

function isWordPartAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 128) return isAsciiLetter(code) || code === 39 || code === 45; // ' and -
  return code === 0x2019 || (code >= 0xaa && NON_ASCII_WORD_PART.test(text[i]!));
}

/** Whether a word starts with an upper-case letter. */
export function isCapitalised(word: string): boolean {
  const code = word.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90;
  return UPPER.test(word[0]!);
}

function makeToken(text: string, start: number, rawEnd: number, kind: Token["kind"]): Token {
  let end = rawEnd;
  // "Matej's address": the possessive is not part of the name.
  const quote = text.charCodeAt(end - 2);
  if (kind === "word" && end - start >= 5 && text[end - 1] === "s" && (quote === 39 || quote === 0x2019)) end -= 2;
  const dotted = text.charCodeAt(end - 1) === 46;
  const word = text.slice(start, dotted ? end - 1 : end);
  const lower = word.toLowerCase();
  return {
    kind,
    start,
    end,
    text: word,
    lower,
    dotted,
    capitalised: kind === "word" && isCapitalised(word),
    allCaps: kind === "word" && word === word.toUpperCase(),
  };
}

function scanTokens(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (isDigit(code)) {
      const start = i;
      while (i < text.length && i - start < MAX_NUMBER && isDigit(text.charCodeAt(i))) i++;
      if (i < text.length && isAsciiLetter(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) === 46) i++;
      tokens.push(makeToken(text, start, i, "number"));
    } else if (isLetterAt(text, i)) {
      const start = i;
      i++;
      while (i < text.length && i - start < MAX_WORD && isWordPartAt(text, i)) i++;
      if (text.charCodeAt(i) === 46) i++;
      tokens.push(makeToken(text, start, i, "word"));
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
