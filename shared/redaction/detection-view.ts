// The text as detectors see it: look-alike digits, spaces and dashes folded to ASCII, invisible characters removed,
// broken surrogates replaced; with a map back to offsets in the original text.

/** A normalised copy of a text and, per code unit of the copy, the original range it came from. */
export interface DetectionView {
  text: string;
  /** Maps a span [start, end) of `text` to the original text; identity when nothing was changed. */
  toOriginal(start: number, end: number): { start: number; end: number };
}

// Zero points of the decimal-digit blocks (Unicode Nd) in the BMP; each block holds 0–9 contiguously.
const DIGIT_ZEROS = [
  0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66, 0x0de6, 0x0e50,
  0x0ed0, 0x0f20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50,
  0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10,
];
// Mathematical alphanumeric digits (bold, double-struck, sans-serif, …): five runs of 0–9 from U+1D7CE.
const MATH_DIGITS_FIRST = 0x1d7ce;
const MATH_DIGITS_LAST = 0x1d7ff;

function isInvisible(code: number): boolean {
  return (
    code === 0x00ad ||
    code === 0x034f ||
    code === 0x180e ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2069) ||
    (code >= 0xfe00 && code <= 0xfe0f) ||
    code === 0xfeff
  );
}

function isSpaceLike(code: number): boolean {
  return (
    code === 0x00a0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

function isDashLike(code: number): boolean {
  return (code >= 0x2010 && code <= 0x2015) || code === 0x2212 || code === 0xfe58 || code === 0xfe63;
}

function digitValue(code: number): number {
  for (const zero of DIGIT_ZEROS) {
    if (code >= zero && code <= zero + 9) return code - zero;
  }
  return -1;
}

/** Folds one BMP code unit for detection: the code unit it reads as, or -1 to drop it. */
function foldUnit(code: number): number {
  if (isInvisible(code)) return -1;
  if (isSpaceLike(code)) return 32;
  if (isDashLike(code)) return 45;
  if (code === 0xfe6b) return 64;
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0;
  const digit = digitValue(code);
  if (digit >= 0) return 48 + digit;
  return code;
}

// Exactly the BMP code units that fold (the lists above), as a table: text without them, nor math digits, tag
// characters or broken surrogates — most text, emoji and accents included — is its own view and skips the copy.
export const FOLDS = new Uint8Array(0x10000);
const FOLDING_RANGES: Array<[number, number]> = [
  [0x00a0, 0x00a0],
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x1680, 0x1680],
  [0x180e, 0x180e],
  [0x2000, 0x2015],
  [0x202a, 0x202f],
  [0x205f, 0x2069],
  [0x2212, 0x2212],
  [0x3000, 0x3000],
  [0xfe00, 0xfe0f],
  [0xfe58, 0xfe58],
  [0xfe63, 0xfe63],
  [0xfe6b, 0xfe6b],
  [0xfeff, 0xfeff],
  [0xff01, 0xff5e],
  ...DIGIT_ZEROS.map((zero): [number, number] => [zero, zero + 9]),
];
for (const [first, last] of FOLDING_RANGES) FOLDS.fill(1, first, last + 1);

/** Whether any code unit of `text` folds or drops: when none does, the text is its own detection view. */
export function needsFolding(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (next < 0xdc00 || next > 0xdfff) return true; // broken pair
      // Mathematical digits (U+1D7CE–1D7FF) and tag characters (U+E0000–E007F).
      if (code === 0xd835 && next >= 0xdfce) return true;
      if (code === 0xdb40 && next <= 0xdc7f) return true;
      i++;
      continue;
    }
    if (code >= 0xdc00 && code <= 0xdfff) return true; // lone low surrogate
    if (FOLDS[code] === 1) return true;
  }
  return false;
}

// The code units of the view being built, reused from text to text, and how many there are (building the view of a
// text with one em dash cost more than detecting in it, most of it in cutting and joining one-character strings).
let viewUnits: number[] = [];
let viewLength = 0;
// Per unit of the view being built, the original range it came from.
let viewStarts: number[] = [];
let viewEnds: number[] = [];
// Arguments per `String.fromCharCode` call: engines cap how many one call may take.
const UNITS_PER_CALL = 8192;

function pushUnit(unit: number, start: number, end: number): void {
  viewUnits[viewLength] = unit;
  viewStarts.push(start);
  viewEnds.push(end);
  viewLength++;
}

/** The string of `units[0, length)`. */
function stringOf(units: number[], length: number): string {
  units.length = length;
  if (length <= UNITS_PER_CALL) return String.fromCharCode.apply(null, units);
  let text = "";
  for (let from = 0; from < length; from += UNITS_PER_CALL) {
    text += String.fromCharCode.apply(null, units.slice(from, Math.min(length, from + UNITS_PER_CALL)));
  }
  return text;
}

/** A text that is its own view. */
class SameView implements DetectionView {
  constructor(readonly text: string) {}

  toOriginal(start: number, end: number): { start: number; end: number } {
    return { start, end };
  }
}

/** A folded copy, with the original range of each of its code units. */
class FoldedView implements DetectionView {
  constructor(
    readonly text: string,
    private readonly originalLength: number,
    private readonly starts: readonly number[],
    private readonly ends: readonly number[],
  ) {}

  toOriginal(start: number, end: number): { start: number; end: number } {
    if (end <= start) {
      const at = this.starts[start] ?? this.originalLength;
      return { start: at, end: at };
    }
    return { start: this.starts[start]!, end: this.ends[end - 1]! };
  }
}

/** Builds the detection view of a text. Never throws, whatever the code units (lone surrogates included). */
export function detectionView(original: string): DetectionView {
  if (!needsFolding(original)) return new SameView(original);
  viewLength = 0;
  // Plain arrays, made for each view (it keeps them): copying typed ones out cost more.
  viewStarts = [];
  viewEnds = [];
  for (let i = 0; i < original.length; i++) {
    const code = original.charCodeAt(i);
    if (code < 0x80) {
      pushUnit(code, i, i + 1);
      continue;
    }
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = i + 1 < original.length ? original.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        const point = ((code - 0xd800) << 10) + (next - 0xdc00) + 0x10000;
        if (point >= MATH_DIGITS_FIRST && point <= MATH_DIGITS_LAST) {
          pushUnit(48 + ((point - MATH_DIGITS_FIRST) % 10), i, i + 2);
        } else if (point >= 0xe0000 && point <= 0xe007f) {
          // Unicode tag characters: invisible, used to smuggle text.
        } else {
          pushUnit(code, i, i + 1);
          pushUnit(next, i + 1, i + 2);
        }
        i++;
        continue;
      }
      pushUnit(0xfffd, i, i + 1);
      continue;
    }
    if (code >= 0xdc00 && code <= 0xdfff) {
      pushUnit(0xfffd, i, i + 1);
      continue;
    }
    const folded = foldUnit(code);
    if (folded >= 0) pushUnit(folded, i, i + 1);
  }
  const text = stringOf(viewUnits, viewLength);
  if (viewUnits.length > 4096) viewUnits = [];
  return new FoldedView(text, original.length, viewStarts, viewEnds);
}

// The pattern detectors (all but names and addresses) run regular expressions with Unicode classes, which V8 runs
// several times slower on a text stored two bytes per code unit — any text with an emoji. Such a text whose code units
// from U+0100 on all make up characters that no pattern can tell apart ("inert": no letter, number, mark, space, "€"
// or "₹"; emoji and most symbols) is matched on a copy where each of those code units is "¤" (U+00A4, inert as well):
// same length and offsets, same matches, one byte per code unit.
const INERT_STAND_IN = 0xa4;
const NOT_INERT = /[\p{L}\p{N}\p{M}\s€₹]/u;
// Past this length a run of inert characters could reach the 4 096 code points a URL is read over, which count one
// per emoji in the text and two in the copy.
export const NARROW_MAX_LENGTH = 4096;
// BMP code units: 0 not yet known, 1 inert, 2 not.
const BMP_INERT = new Uint8Array(0x10000);
const astralInert = new Map<number, boolean>();

export function isInert(point: number): boolean {
  if (point < 0x10000) {
    let known = BMP_INERT[point]!;
    if (known === 0) {
      known = NOT_INERT.test(String.fromCharCode(point)) ? 2 : 1;
      BMP_INERT[point] = known;
    }
    return known === 1;
  }
  let inert = astralInert.get(point);
  if (inert === undefined) {
    inert = !NOT_INERT.test(String.fromCodePoint(point));
    astralInert.set(point, inert);
  }
  return inert;
}

/**
 * `text` with its code units from U+0100 on replaced by "¤" when every character they make up is inert (see above),
 * else `text` itself. `text` is a detection view: it holds no broken surrogate pairs.
 */
export function narrowText(text: string): string {
  if (text.length > NARROW_MAX_LENGTH) return text;
  let wide = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x100) continue;
    wide = true;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        if (!isInert(((code - 0xd800) << 10) + (next - 0xdc00) + 0x10000)) return text;
        i++;
        continue;
      }
    }
    if (!isInert(code)) return text;
  }
  return wide ? narrowCopy(text) : text;
}

// The code units of the copy being made, reused from text to text (a plain array is read faster by `apply` than a
// typed array).
const copyUnits: number[] = [];

/**
 * `text`'s one-byte copy, for a text whose code units from U+0100 on are all inert (`narrowText` checks; `traitsOf`
 * tells it as `wide === 1`) and that is at most NARROW_MAX_LENGTH long.
 */
export function narrowCopy(text: string): string {
  copyUnits.length = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    copyUnits[i] = code < 0x100 ? code : INERT_STAND_IN;
  }
  // One call with the code units as arguments (spreading them costs five times more): a one-byte string.
  return String.fromCharCode.apply(null, copyUnits);
}
