// PHONE: international (+ or 00), E.164, national formats with separators. Strong shapes stand alone; short or
// unseparated numbers need a phone word nearby. Dates, years, prices, ids, versions and quantities are not phones.
import { saysAfter, saysBefore } from "../context";
import { forEachMatch } from "../scan";
import type { Traits } from "../traits";
import type { Candidate } from "../types";

// A run of digit groups joined by single separators; parsed and judged in code (no nested quantifiers).
const RUN = /(?<![\p{L}\p{N}_#$€£¥₹@/:\-+])(?<!\d[.,])(?:\+ ?)?\(?\d[\d .\-()]{3,40}\d\)?/gu;
const EXTENSION = /^ ?(?:x|ext\.?|extension|#) ?\d{1,6}(?![\p{L}\p{N}])/iu;
const PHONE_WORDS =
  /\b(?:phone|phones|telephone|tel|tél|mobile|mob|cell|cellphone|fax|desk|office|home|work|call|calling|called|ring|text|txt|sms|whatsapp|signal|telegram|viber|contact|reach|dial|number|no|nr|num|nummer|telefon|telefono|teléfono|téléphone|telefone|handy|numéro|número|celular|móvil|movil|portable|cellulare|answering|hotline|helpline|registered)\b/;
const ASCII_PHONE_WORDS = new RegExp(PHONE_WORDS.source, "i");
const NOT_PHONE_BEFORE =
  /(?:\b(?:order|invoice|ticket|tracking|ref|reference|id|isbn|issn|version|build|account|acct|case|serial|sku|model|part|score|price|usd|eur|gbp|population|block|tx|pin|page|pages|chapter|vol|room|flight)\b[^\d\n]{0,12}|[$€£¥₹]\s?)$/;
const NOT_PHONE_AFTER =
  /^\s?(?:%|€|\$|usd|eur|gbp|k\b|m\b|km|kg|mb|gb|tb|views|likes|followers|people|users|times|votes|points|pts|years|days|hours|minutes|words|tokens|steps|calories|miles)/;

// The digit groups of the run being judged, as offsets into the run (a run holds at most 44 code units, so at most 23
// groups); reused from run to run, so judging a run allocates nothing.
const MAX_GROUPS = 32;
const groupStart = new Int32Array(MAX_GROUPS);
const groupEnd = new Int32Array(MAX_GROUPS);
const wall = new Uint8Array(MAX_GROUPS);
const digitsBefore = new Int32Array(MAX_GROUPS + 1);
const wallsBefore = new Int32Array(MAX_GROUPS + 1);

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Splits `run` into its groups of ASCII digits; returns how many. */
function readGroups(run: string): number {
  let count = 0;
  let i = 0;
  while (i < run.length && count < MAX_GROUPS) {
    if (!isDigitCode(run.charCodeAt(i))) {
      i++;
      continue;
    }
    groupStart[count] = i;
    while (i < run.length && isDigitCode(run.charCodeAt(i))) i++;
    groupEnd[count] = i;
    count++;
  }
  return count;
}

function groupLength(k: number): number {
  return groupEnd[k]! - groupStart[k]!;
}

/** The value of group `k` when it has one or two digits, else -1. */
function smallValue(run: string, k: number): number {
  const length = groupLength(k);
  if (length > 2) return -1;
  const first = run.charCodeAt(groupStart[k]!) - 48;
  return length === 1 ? first : first * 10 + run.charCodeAt(groupStart[k]! + 1) - 48;
}

function isYear(run: string, k: number): boolean {
  if (groupLength(k) !== 4) return false;
  const a = run.charCodeAt(groupStart[k]!);
  const b = run.charCodeAt(groupStart[k]! + 1);
  return (a === 49 && b === 57) || (a === 50 && b === 48); // "19…", "20…"
}

function isDay(run: string, k: number): boolean {
  const value = smallValue(run, k);
  return value >= 1 && value <= 31;
}

function isMonth(run: string, k: number): boolean {
  const value = smallValue(run, k);
  return value >= 1 && value <= 12;
}

/** Groups `k`…`k + 2` in North American order: 3, 3 and 4 digits. */
function isNanp(k: number): boolean {
  return groupLength(k) === 3 && groupLength(k + 1) === 3 && groupLength(k + 2) === 4;
}

/** Three groups that read as a calendar date (Y-M-D, D-M-Y, M-D-Y, with 2- or 4-digit years). */
function isDate(run: string, a: number, b: number, c: number): boolean {
  if (isYear(run, a)) return isMonth(run, b) && isDay(run, c);
  const year = isYear(run, c) || groupLength(c) === 2;
  return year && ((isDay(run, a) && isMonth(run, b)) || (isMonth(run, a) && isDay(run, b)));
}

/**
 * The separator after group `k` with its brackets dropped and its spaces trimmed (a lone space when nothing is left),
 * as a number: one base-4 digit per unit, space 1, "." 2, "-" 3 (a separator has at most three units).
 */
function plainSeparator(run: string, k: number): number {
  let from = groupEnd[k]!;
  let to = groupStart[k + 1]!;
  while (from < to && (run.charCodeAt(from) === 32 || run.charCodeAt(from) === 40 || run.charCodeAt(from) === 41))
    from++;
  while (to > from && (run.charCodeAt(to - 1) === 32 || run.charCodeAt(to - 1) === 40 || run.charCodeAt(to - 1) === 41))
    to--;
  let plain = 0;
  for (let i = from; i < to; i++) {
    const code = run.charCodeAt(i);
    if (code === 40 || code === 41) continue;
    plain = plain * 4 + (code === 32 ? 1 : code === 46 ? 2 : 3);
  }
  return plain === 0 ? PLAIN_SPACE : plain;
}

const PLAIN_SPACE = 1;
const PLAIN_DOT = 2;

/** The `n`-th digit (code unit) of groups `first`… written one after the other, or -1. */
function digitAt(run: string, first: number, last: number, n: number): number {
  let rest = n;
  for (let k = first; k <= last; k++) {
    const length = groupLength(k);
    if (rest < length) return run.charCodeAt(groupStart[k]! + rest);
    rest -= length;
  }
  return -1;
}

type Verdict = "strong" | "weak" | "no";

function judge(run: string, first: number, last: number, count: number, plus: boolean): Verdict {
  const groups = last - first + 1;
  for (let k = first; k < last; k++) {
    const from = groupEnd[k]!;
    const length = groupStart[k + 1]! - from;
    if (length > 3) return "no";
    for (let i = from; i + 1 < from + length; i++) {
      if (run.charCodeAt(i) === 32 && run.charCodeAt(i + 1) === 32) return "no"; // two spaces
    }
    // " - "
    if (
      length === 3 &&
      run.charCodeAt(from) === 32 &&
      run.charCodeAt(from + 1) === 45 &&
      run.charCodeAt(from + 2) === 32
    )
      return "no";
  }
  if (plus) return count >= 8 && count <= 15 ? "strong" : "no";
  if (count < 7 || count > 15) return "no";
  if (
    groups === 2 &&
    ((groupStart[last]! - groupEnd[first]! === 1 && run.charCodeAt(groupEnd[first]!) === 46) ||
      (isYear(run, first) && isYear(run, last)))
  )
    return "no";
  const plainFirst = plainSeparator(run, first);
  let sameSeparator = true;
  let allDots = true;
  let shortGroups = groupLength(first) <= 3;
  let restThree = true;
  for (let k = first; k < last; k++) {
    const plain = k === first ? plainFirst : plainSeparator(run, k);
    if (plain !== plainFirst) sameSeparator = false;
    if (plain !== PLAIN_DOT) allDots = false;
    if (groupLength(k + 1) > 3) shortGroups = false;
    if (groupLength(k + 1) !== 3) restThree = false;
  }
  if (groups >= 3 && allDots && shortGroups && groups <= 4) {
    return "no"; // 1.2.3.4-style version or address numbers.
  }
  const thousands =
    groups >= 2 &&
    sameSeparator &&
    (plainFirst === PLAIN_SPACE || plainFirst === PLAIN_DOT) &&
    groupLength(first) <= 3 &&
    restThree;
  const firstDigit = digitAt(run, first, last, 0);
  if (firstDigit === 48 && digitAt(run, first, last, 1) === 48 && count >= 10) return "strong";
  if (
    (groups === 3 && isNanp(first)) ||
    (groups === 4 && groupLength(first) === 1 && run.charCodeAt(groupStart[first]!) === 49 && isNanp(first + 1))
  )
    return "strong";
  const openParen = run.charCodeAt(groupStart[first]! - 1) === 40;
  if (openParen && groupLength(first) <= 4 && count >= 8) return "strong";
  if (firstDigit === 48 && count >= 9 && count <= 12 && groups >= 2 && !thousands) return "strong";
  if (count > 12) return "no";
  return "weak";
}

function hasOpenParen(run: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (run.charCodeAt(i) === 40) return true;
  return false;
}

export function findPhones(text: string, traits: Traits): Candidate[] {
  const found: Candidate[] = [];
  // A weak shape needs a phone word near it: without one anywhere in the text, weak shapes are refused at once.
  let phoneWordInText: boolean | undefined;
  forEachMatch(RUN, text, (match) => {
    const run = match[0];
    const plus = run.charCodeAt(0) === 43;
    const groups = readGroups(run);
    // Dates inside the run are walls: no phone may include them.
    wall.fill(0, 0, groups);
    for (let k = 0; k + 2 < groups; k++) {
      // A two-digit-year date only counts when it is the whole run: "01 01 83 11 25" is a French phone number.
      const fourDigitYear = isYear(run, k) || isYear(run, k + 2);
      if (isDate(run, k, k + 1, k + 2) && (fourDigitYear || groups === 3)) wall[k] = wall[k + 1] = wall[k + 2] = 1;
    }
    // Prefix counts, so a window's digits and walls cost nothing to check before it is judged.
    for (let k = 0; k < groups; k++) {
      digitsBefore[k + 1] = digitsBefore[k]! + groupLength(k);
      wallsBefore[k + 1] = wallsBefore[k]! + wall[k]!;
    }
    let first = 0;
    while (first < groups) {
      let taken = -1;
      for (let last = Math.min(groups - 1, first + 7); last >= first && taken < 0; last--) {
        if (wallsBefore[last + 1]! - wallsBefore[first]! > 0) continue;
        const count = digitsBefore[last + 1]! - digitsBefore[first]!;
        if (count < 7 || count > 15) continue;
        const isPlus = plus && first === 0;
        const verdict = judge(run, first, last, count, isPlus);
        if (verdict === "no") continue;
        const openParen = run.charCodeAt(groupStart[first]! - 1) === 40;
        let start = match.index + groupStart[first]! - (openParen ? 1 : 0);
        if (isPlus) start = match.index;
        let end = match.index + groupEnd[last]!;
        if (run.charCodeAt(groupEnd[last]!) === 41 && hasOpenParen(run, groupStart[first]!, groupEnd[last]!)) end++;
        if (verdict === "weak" && !isPlus) {
          // On ASCII text, a case-blind match is the same as matching the lower-case copy, without making the copy.
          phoneWordInText ??=
            traits.nonAscii === 0 ? ASCII_PHONE_WORDS.test(text) : PHONE_WORDS.test(text.toLowerCase());
          if (!phoneWordInText) continue;
        }
        if (!isPlus) {
          if (saysBefore(text, start, NOT_PHONE_BEFORE, 28) || saysAfter(text, end, NOT_PHONE_AFTER, 12)) continue;
          if (
            verdict === "weak" &&
            !saysBefore(text, start, PHONE_WORDS, 32) &&
            !saysAfter(text, end, PHONE_WORDS, 16)
          ) {
            continue;
          }
        }
        const extension = EXTENSION.exec(text.slice(end, end + 16));
        if (extension) end += extension[0].length;
        found.push({ start, end, type: "PHONE" });
        taken = last;
      }
      first = taken >= 0 ? taken + 1 : first + 1;
    }
    return undefined;
  });
  return found;
}
