// PHONE: international (+ or 00), E.164, national formats with separators. Strong shapes stand alone; short or
// unseparated numbers need a phone word nearby. Dates, years, prices, ids, versions and quantities are not phones.
import { saysAfter, saysBefore } from "../context";
import { DIGIT_GROUPS, forEachMatch, matchesOf } from "../scan";
import type { Candidate } from "../types";

// A run of digit groups joined by single separators; parsed and judged in code (no nested quantifiers).
const RUN = /(?<![\p{L}\p{N}_#$€£¥₹@/:\-+])(?<!\d[.,])(?:\+ ?)?\(?\d[\d .\-()]{3,40}\d\)?/gu;
const EXTENSION = /^ ?(?:x|ext\.?|extension|#) ?\d{1,6}(?![\p{L}\p{N}])/iu;
const PHONE_WORDS =
  /\b(?:phone|phones|telephone|tel|tél|mobile|mob|cell|cellphone|fax|desk|office|home|work|call|calling|called|ring|text|txt|sms|whatsapp|signal|telegram|viber|contact|reach|dial|number|no|nr|num|nummer|telefon|telefono|teléfono|téléphone|telefone|handy|numéro|número|celular|móvil|movil|portable|cellulare|answering|hotline|helpline|registered)\b/;
const NOT_PHONE_BEFORE =
  /(?:\b(?:order|invoice|ticket|tracking|ref|reference|id|isbn|issn|version|build|account|acct|case|serial|sku|model|part|score|price|usd|eur|gbp|population|block|tx|pin|page|pages|chapter|vol|room|flight)\b[^\d\n]{0,12}|[$€£¥₹]\s?)$/;
const NOT_PHONE_AFTER =
  /^\s?(?:%|€|\$|usd|eur|gbp|k\b|m\b|km|kg|mb|gb|tb|views|likes|followers|people|users|times|votes|points|pts|years|days|hours|minutes|words|tokens|steps|calories|miles)/;

interface Group {
  start: number;
  end: number;
  openParen: boolean;
}

function isYear(group: string): boolean {
  return group.length === 4 && (group.startsWith("19") || group.startsWith("20"));
}

function isDay(group: string): boolean {
  return group.length <= 2 && Number(group) >= 1 && Number(group) <= 31;
}

function isMonth(group: string): boolean {
  return group.length <= 2 && Number(group) >= 1 && Number(group) <= 12;
}

/** Three groups in North American order: 3, 3 and 4 digits. */
function isNanp(values: readonly string[]): boolean {
  return values.length === 3 && values[0]!.length === 3 && values[1]!.length === 3 && values[2]!.length === 4;
}

/** Three groups that read as a calendar date (Y-M-D, D-M-Y, M-D-Y, with 2- or 4-digit years). */
function isDate(a: string, b: string, c: string): boolean {
  if (isYear(a)) return isMonth(b) && isDay(c);
  const year = isYear(c) || c.length === 2;
  return year && ((isDay(a) && isMonth(b)) || (isMonth(a) && isDay(b)));
}

type Verdict = "strong" | "weak" | "no";

function judge(run: string, groups: Group[], first: number, last: number, plus: boolean): Verdict {
  const values = groups.slice(first, last + 1).map((g) => run.slice(g.start, g.end));
  const separators: string[] = [];
  for (let k = first; k < last; k++) separators.push(run.slice(groups[k]!.end, groups[k + 1]!.start));
  if (separators.some((s) => s.length > 3 || /\s{2}/.test(s) || / - /.test(s))) return "no";
  const digits = values.join("");
  const count = digits.length;
  if (plus) return count >= 8 && count <= 15 ? "strong" : "no";
  if (count < 7 || count > 15) return "no";
  if (values.length === 2 && (separators[0] === "." || (isYear(values[0]!) && isYear(values[1]!)))) return "no";
  const plain = separators.map((s) => s.replace(/[()]/g, "").trim() || " ");
  const sameSeparator = plain.every((s) => s === plain[0]);
  if (values.length >= 3 && plain.every((s) => s === ".") && values.every((v) => v.length <= 3) && values.length <= 4) {
    return "no"; // 1.2.3.4-style version or address numbers.
  }
  const thousands =
    values.length >= 2 &&
    sameSeparator &&
    [" ", ".", ","].includes(plain[0]!) &&
    values[0]!.length <= 3 &&
    values.slice(1).every((v) => v.length === 3);
  if (digits.startsWith("00") && count >= 10) return "strong";
  if (isNanp(values) || (values[0] === "1" && isNanp(values.slice(1)))) return "strong";
  const openParen = groups[first]!.openParen;
  if (openParen && values[0]!.length <= 4 && count >= 8) return "strong";
  if (digits.startsWith("0") && count >= 9 && count <= 12 && values.length >= 2 && !thousands) return "strong";
  if (count > 12) return "no";
  return "weak";
}

export function findPhones(text: string): Candidate[] {
  const found: Candidate[] = [];
  // A weak shape needs a phone word near it: without one anywhere in the text, weak shapes are refused at once.
  let phoneWordInText: boolean | undefined;
  forEachMatch(RUN, text, (match) => {
    const run = match[0];
    const plus = run.startsWith("+");
    const groups: Group[] = [];
    for (const g of matchesOf(DIGIT_GROUPS, run)) {
      groups.push({ start: g.index, end: g.index + g[0].length, openParen: run[g.index - 1] === "(" });
    }
    // Dates inside the run are walls: no phone may include them.
    const wall = new Array<boolean>(groups.length).fill(false);
    for (let k = 0; k + 2 < groups.length; k++) {
      const [a, b, c] = [groups[k]!, groups[k + 1]!, groups[k + 2]!].map((g) => run.slice(g.start, g.end));
      // A two-digit-year date only counts when it is the whole run: "01 01 83 11 25" is a French phone number.
      const fourDigitYear = isYear(a!) || isYear(c!);
      if (isDate(a!, b!, c!) && (fourDigitYear || groups.length === 3)) wall[k] = wall[k + 1] = wall[k + 2] = true;
    }
    // Prefix counts, so a window's digits and walls cost nothing to check before it is judged.
    const digitsBefore = [0];
    const wallsBefore = [0];
    for (const [k, group] of groups.entries()) {
      digitsBefore.push(digitsBefore[k]! + group.end - group.start);
      wallsBefore.push(wallsBefore[k]! + (wall[k] ? 1 : 0));
    }
    let first = 0;
    while (first < groups.length) {
      let taken = -1;
      for (let last = Math.min(groups.length - 1, first + 7); last >= first && taken < 0; last--) {
        if (wallsBefore[last + 1]! - wallsBefore[first]! > 0) continue;
        const count = digitsBefore[last + 1]! - digitsBefore[first]!;
        if (count < 7 || count > 15) continue;
        const isPlus = plus && first === 0;
        const verdict = judge(run, groups, first, last, isPlus);
        if (verdict === "no") continue;
        let start = match.index + groups[first]!.start - (groups[first]!.openParen ? 1 : 0);
        if (isPlus) start = match.index;
        let end = match.index + groups[last]!.end;
        if (run[groups[last]!.end] === ")" && run.slice(groups[first]!.start, groups[last]!.end).includes("(")) end++;
        if (verdict === "weak" && !isPlus) {
          phoneWordInText ??= PHONE_WORDS.test(text.toLowerCase());
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
