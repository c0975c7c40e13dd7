// CREDIT_CARD: 12–19 digits, whole or in groups, with a known issuer prefix and length, passing Luhn.
import { digitsOf, passesLuhn } from "../checksums";
import { saysBefore } from "../context";
import { forEachMatch } from "../scan";
import type { Candidate } from "../types";

const DIGIT_RUN = /(?<![\p{L}\p{N}_.,\-/])\d(?:[ -]?\d){11,22}(?![\p{L}\p{N}_]|[.,]\d)/gu;
const CARD_WORDS =
  /\b(?:card|cc|ccn|visa|master ?card|amex|american express|maestro|discover|jcb|diners|unionpay|credit|debit|karte|kreditkarte|tarjeta|carte|cartão|cartao|carta|kaart|kort|pan)\b/;

interface IssuerRule {
  from: number;
  to: number;
  digits: number;
  lengths: readonly number[];
  needsContext?: boolean;
}

const range = (low: number, high: number) => Array.from({ length: high - low + 1 }, (_, k) => low + k);
// Issuer identification numbers and card lengths, from the public ISO/IEC 7812 issuer lists.
const ISSUERS: IssuerRule[] = [
  { from: 4, to: 4, digits: 1, lengths: [13, 16, 19] },
  { from: 51, to: 55, digits: 2, lengths: [16] },
  { from: 2221, to: 2720, digits: 4, lengths: [16] },
  { from: 34, to: 34, digits: 2, lengths: [15] },
  { from: 37, to: 37, digits: 2, lengths: [15] },
  { from: 300, to: 305, digits: 3, lengths: range(14, 19) },
  { from: 3095, to: 3095, digits: 4, lengths: range(14, 19) },
  { from: 36, to: 36, digits: 2, lengths: range(14, 19) },
  { from: 38, to: 39, digits: 2, lengths: range(14, 19) },
  { from: 6011, to: 6011, digits: 4, lengths: range(16, 19) },
  { from: 644, to: 649, digits: 3, lengths: range(16, 19) },
  { from: 65, to: 65, digits: 2, lengths: range(16, 19) },
  { from: 3500, to: 3599, digits: 4, lengths: range(16, 19) }, // JCB (3528–3589 assigned; test data uses all of 35)
  { from: 1800, to: 1800, digits: 4, lengths: [15] },
  { from: 2131, to: 2131, digits: 4, lengths: [15] },
  { from: 62, to: 62, digits: 2, lengths: range(16, 19) },
  { from: 81, to: 82, digits: 2, lengths: range(16, 19) },
  { from: 2200, to: 2205, digits: 4, lengths: range(16, 19) },
  { from: 50, to: 50, digits: 2, lengths: range(12, 19) },
  { from: 56, to: 69, digits: 2, lengths: range(12, 19) },
  { from: 508, to: 508, digits: 3, lengths: [16] },
  { from: 353, to: 353, digits: 3, lengths: [16] },
  { from: 356, to: 356, digits: 3, lengths: [16] },
  { from: 9792, to: 9792, digits: 4, lengths: [16] },
  { from: 1, to: 1, digits: 1, lengths: [15], needsContext: true },
];

/** "valid" (issuer, length and Luhn fit), "context" (fits, but only believable next to a card word), or "no". */
export function cardNumberFit(digits: string): "valid" | "context" | "no" {
  if (digits.length < 12 || digits.length > 19 || !passesLuhn(digits)) return "no";
  let fit: "valid" | "context" | "no" = "no";
  for (const rule of ISSUERS) {
    const prefix = Number(digits.slice(0, rule.digits));
    if (prefix < rule.from || prefix > rule.to || !rule.lengths.includes(digits.length)) continue;
    if (!rule.needsContext && digits.length >= 14) return "valid";
    fit = "context";
  }
  return fit;
}

/** Whether the separator after group `k` is the same as the one after group `first`. */
function sameSeparator(run: string, groups: ReadonlyArray<{ start: number; end: number }>, k: number, first: number) {
  const length = groups[k + 1]!.start - groups[k]!.end;
  if (length !== groups[first + 1]!.start - groups[first]!.end) return false;
  return run.startsWith(run.slice(groups[first]!.end, groups[first + 1]!.start), groups[k]!.end);
}

/** The runs of ASCII digits of `run`, read code by code. */
function digitGroupsOf(run: string): Array<{ start: number; end: number }> {
  const groups: Array<{ start: number; end: number }> = [];
  let i = 0;
  while (i < run.length) {
    const code = run.charCodeAt(i);
    if (code < 48 || code > 57) {
      i++;
      continue;
    }
    const start = i;
    while (i < run.length && run.charCodeAt(i) >= 48 && run.charCodeAt(i) <= 57) i++;
    groups.push({ start, end: i });
  }
  return groups;
}

export function findPaymentCards(text: string): Candidate[] {
  const found: Candidate[] = [];
  forEachMatch(DIGIT_RUN, text, (match) => {
    const run = match[0];
    // Groups of digits; a card uses one separator throughout and has 12–19 digits, so only those windows are checked.
    const groups = digitGroupsOf(run);
    const digitsBefore = [0];
    for (const group of groups) digitsBefore.push(digitsBefore[digitsBefore.length - 1]! + group.end - group.start);
    // The run's digits, once: a window's digits are a slice of them.
    const digits = digitsOf(run);
    let first = 0;
    let resume = match.index + run.length;
    while (first < groups.length) {
      let uniform = first;
      while (uniform + 1 < groups.length && (uniform === first || sameSeparator(run, groups, uniform, first)))
        uniform++;
      let taken = -1;
      for (let last = uniform; last >= first && taken < 0; last--) {
        const count = digitsBefore[last + 1]! - digitsBefore[first]!;
        if (count < 12 || count > 19) continue;
        const start = groups[first]!.start;
        const end = groups[last]!.end;
        const fit = cardNumberFit(digits.slice(digitsBefore[first], digitsBefore[last + 1]));
        if (fit === "no") continue;
        if (fit === "context" && !saysBefore(text, match.index + start, CARD_WORDS, 48)) continue;
        found.push({ start: match.index + start, end: match.index + end, type: "CREDIT_CARD" });
        taken = last;
      }
      if (taken >= 0) resume = match.index + groups[taken]!.end;
      first = taken >= 0 ? taken + 1 : first + 1;
    }
    return resume;
  });
  return found;
}
