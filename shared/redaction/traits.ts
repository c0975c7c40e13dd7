// What a text holds, counted in one pass over its code units, so detectors that cannot match are not run at all (most
// posts hold no @, no colon, too few digits for a phone, no run long enough for an address of a blockchain). The same
// pass tells whether the text needs a folded detection view and whether it has a one-byte copy (see detection-view.ts),
// which used to be two more passes.
import { FOLDS, isInert } from "./detection-view";

export interface Traits {
  /** ASCII digits. */
  digits: number;
  /** The longest run of ASCII digits (DNI, tweet ids). */
  longestDigitRun: number;
  /** The most digits in one run of digits, spaces, ".", "-", "(" and ")": what a phone, card or SSN is written with. */
  digitsInNumberRun: number;
  /** Whether two ASCII letters are followed by two digits somewhere ("DE89…": how every IBAN starts). */
  lettersThenDigits: boolean;
  /**
   * Whether two letters, then maybe a space, are followed by two digits somewhere ("AB 12…", "AB12…": how every UK
   * National Insurance number starts); a non-ASCII code unit counts as a letter (case-blind patterns read "K", the
   * Kelvin sign, as "k").
   */
  lettersThenSpacedDigits: boolean;
  /**
   * Whether the text holds "://", "www." (any case) or a "." then two to six letters then "/": what every URL the
   * URL pattern reads starts with or reaches (its top-level domains are two to six letters; as above, a non-ASCII code
   * unit may be one).
   */
  urlMark: boolean;
  /** The longest run of ASCII letters and digits that holds a digit (crypto addresses). */
  longestAlnumRunWithDigit: number;
  /** The longest run of ASCII letters and digits (crypto addresses, IBANs without spaces). */
  longestAlnumRun: number;
  at: number;
  colon: number;
  slash: number;
  dot: number;
  /** `[`, `(` or `{`: the brackets of "jane [at] example (dot) com". */
  brackets: number;
  /** `?` or `#`: a URL query or fragment. */
  queryMarks: number;
  /** ASCII upper-case letters. */
  upper: number;
  /** Code units from U+0080 on. */
  nonAscii: number;
  /** Whether a code unit folds or drops, or a surrogate is broken: the text is not its own detection view. */
  folds: boolean;
  /**
   * Code units from U+0100 on: 0 none, 1 some, all inert (the text has a one-byte copy for the pattern detectors),
   * 2 some that are not inert.
   */
  wide: 0 | 1 | 2;
  /** Whether the text has no upper-case letter at all (`isLowerCaseText`; undefined until first asked). */
  lowerCase: boolean | undefined;
}

const UPPER_CASE_LETTER = /\p{Lu}/u;

/**
 * Whether the text `traits` were counted on has no upper-case letter, in any script: the names and addresses rules read
 * such a text differently, and both ask.
 */
export function isLowerCaseText(text: string, traits: Traits): boolean {
  traits.lowerCase ??= traits.upper === 0 && (traits.nonAscii === 0 || !UPPER_CASE_LETTER.test(text));
  return traits.lowerCase;
}

// Classes of ASCII code units: 1 digit, 2 upper-case letter, 3 lower-case letter, 4 and up punctuation that counts.
const CLASS = new Uint8Array(128);
for (let code = 48; code <= 57; code++) CLASS[code] = 1;
for (let code = 65; code <= 90; code++) CLASS[code] = 2;
for (let code = 97; code <= 122; code++) CLASS[code] = 3;
CLASS[64] = 4; // @
CLASS[58] = 5; // :
CLASS[47] = 6; // /
CLASS[46] = 7; // .
CLASS[91] = CLASS[40] = CLASS[123] = 8; // [ ( {
CLASS[63] = CLASS[35] = 9; // ? #
// Separators inside a written number: space, "-", "(", ")" ("." is class 7 and counts too).
const NUMBER_SEPARATOR = new Uint8Array(128);
for (const char of " -().") NUMBER_SEPARATOR[char.charCodeAt(0)] = 1;

function isAsciiLetter(code: number): boolean {
  return code < 128 && (CLASS[code] === 2 || CLASS[code] === 3);
}

/** An ASCII letter, or any non-ASCII code unit (which a case-blind pattern may read as one). */
function mayBeLetter(code: number): boolean {
  return code >= 128 || isAsciiLetter(code);
}

/** Whether the "/" at `i` ends "://". */
function endsScheme(text: string, i: number): boolean {
  return text.charCodeAt(i - 1) === 47 && text.charCodeAt(i - 2) === 58;
}

/** Whether the "/" at `i` follows a "." and two to six letters. */
function endsTopLevelDomain(text: string, i: number): boolean {
  let start = i;
  while (start > 0 && i - start < 6 && mayBeLetter(text.charCodeAt(start - 1))) start--;
  return i - start >= 2 && text.charCodeAt(start - 1) === 46;
}

/** Whether the "." at `i` ends "www" in any case. */
function endsWww(text: string, i: number): boolean {
  return (
    (text.charCodeAt(i - 1) | 32) === 119 &&
    (text.charCodeAt(i - 2) | 32) === 119 &&
    (text.charCodeAt(i - 3) | 32) === 119
  );
}

/**
 * What the code unit at `i` (from U+0100 on) tells about folding (as `needsFolding`) and narrowing (as `narrowText`):
 * a surrogate pair is read at its high half.
 */
function noteWide(text: string, i: number, code: number, traits: Traits): void {
  let point = code;
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    if (next >= 0xdc00 && next <= 0xdfff) {
      // Mathematical digits (U+1D7CE–1D7FF) and tag characters (U+E0000–E007F) fold.
      if ((code === 0xd835 && next >= 0xdfce) || (code === 0xdb40 && next <= 0xdc7f)) traits.folds = true;
      point = ((code - 0xd800) << 10) + (next - 0xdc00) + 0x10000;
    } else {
      traits.folds = true; // broken pair
    }
  } else if (code >= 0xdc00 && code <= 0xdfff) {
    const previous = i > 0 ? text.charCodeAt(i - 1) : 0;
    if (previous >= 0xd800 && previous <= 0xdbff) return; // read with its high half
    traits.folds = true; // lone low surrogate
  } else if (FOLDS[code] === 1) {
    traits.folds = true;
  }
  if (traits.wide !== 2) traits.wide = isInert(point) ? 1 : 2;
}

export function traitsOf(text: string): Traits {
  const traits: Traits = {
    digits: 0,
    longestDigitRun: 0,
    digitsInNumberRun: 0,
    longestAlnumRun: 0,
    longestAlnumRunWithDigit: 0,
    lettersThenDigits: false,
    lettersThenSpacedDigits: false,
    urlMark: false,
    at: 0,
    colon: 0,
    slash: 0,
    dot: 0,
    brackets: 0,
    queryMarks: 0,
    upper: 0,
    nonAscii: 0,
    folds: false,
    wide: 0,
    lowerCase: undefined,
  };
  // The counts every code unit changes are kept in locals (a field write per code unit cost a third of the pass); the
  // rare ones go to `traits` directly.
  let digits = 0;
  let upper = 0;
  let longestDigitRun = 0;
  let digitsInNumberRun = 0;
  let longestAlnumRun = 0;
  let longestAlnumRunWithDigit = 0;
  let run = 0;
  let runHasDigit = false;
  let digitRun = 0;
  let numberRun = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    const kind = code < 128 ? CLASS[code]! : 10;
    // Lower-case letters, most of any text, first: a word's run of them is read in one tight loop.
    if (kind === 3) {
      let end = i + 1;
      while (end < length) {
        const next = text.charCodeAt(end);
        if (next < 97 || next > 122) break;
        end++;
      }
      run += end - i;
      i = end - 1;
      if (digitRun !== 0) {
        if (digitRun > longestDigitRun) longestDigitRun = digitRun;
        digitRun = 0;
      }
      if (numberRun !== 0) {
        if (numberRun > digitsInNumberRun) digitsInNumberRun = numberRun;
        numberRun = 0;
      }
      continue;
    }
    if (kind === 1) {
      run++;
      runHasDigit = true;
      digitRun++;
      numberRun++;
      digits++;
      if (digitRun === 2) {
        if (i >= 3 && isAsciiLetter(text.charCodeAt(i - 2)) && isAsciiLetter(text.charCodeAt(i - 3))) {
          traits.lettersThenDigits = true;
        }
        const letters = text.charCodeAt(i - 2) === 32 ? i - 3 : i - 2;
        if (letters >= 1 && mayBeLetter(text.charCodeAt(letters)) && mayBeLetter(text.charCodeAt(letters - 1))) {
          traits.lettersThenSpacedDigits = true;
        }
      }
      continue;
    }
    if (digitRun !== 0) {
      if (digitRun > longestDigitRun) longestDigitRun = digitRun;
      digitRun = 0;
    }
    if (numberRun !== 0 && (code >= 128 || NUMBER_SEPARATOR[code] === 0)) {
      if (numberRun > digitsInNumberRun) digitsInNumberRun = numberRun;
      numberRun = 0;
    }
    if (kind === 2) {
      run++;
      upper++;
      continue;
    }
    if (run !== 0) {
      if (run > longestAlnumRun) longestAlnumRun = run;
      if (runHasDigit && run > longestAlnumRunWithDigit) longestAlnumRunWithDigit = run;
      run = 0;
      runHasDigit = false;
    }
    if (kind === 0) continue;
    if (kind === 4) traits.at++;
    else if (kind === 5) traits.colon++;
    else if (kind === 6) {
      traits.slash++;
      if (!traits.urlMark && (endsScheme(text, i) || endsTopLevelDomain(text, i))) traits.urlMark = true;
    } else if (kind === 7) {
      traits.dot++;
      if (!traits.urlMark && endsWww(text, i)) traits.urlMark = true;
    } else if (kind === 8) traits.brackets++;
    else if (kind === 9) traits.queryMarks++;
    else {
      traits.nonAscii++;
      if (code >= 0x100) noteWide(text, i, code, traits);
      else if (FOLDS[code] === 1) traits.folds = true;
    }
  }
  if (run > longestAlnumRun) longestAlnumRun = run;
  if (runHasDigit && run > longestAlnumRunWithDigit) longestAlnumRunWithDigit = run;
  if (digitRun > longestDigitRun) longestDigitRun = digitRun;
  if (numberRun > digitsInNumberRun) digitsInNumberRun = numberRun;
  traits.digits = digits;
  traits.upper = upper;
  traits.longestDigitRun = longestDigitRun;
  traits.digitsInNumberRun = digitsInNumberRun;
  traits.longestAlnumRun = longestAlnumRun;
  traits.longestAlnumRunWithDigit = longestAlnumRunWithDigit;
  return traits;
}
