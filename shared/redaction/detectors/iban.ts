// IBAN: country code, check digits and BBAN of the country's registered length, passing ISO 7064 mod 97-10.
import { mod97 } from "../checksums";
import { forEachMatch } from "../scan";
import type { Candidate } from "../types";

const IBAN_START = /(?<![\p{L}\p{N}_])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}/giu;

// Lengths per country, from the SWIFT IBAN registry.
const LENGTHS: Record<string, number> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
};

/** Whether `compact` (no spaces, any case) is a valid IBAN. */
export function isIban(compact: string): boolean {
  const upper = compact.toUpperCase();
  const length = LENGTHS[upper.slice(0, 2)];
  if (length === undefined || upper.length !== length || !/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(upper)) return false;
  return mod97(upper.slice(4) + upper.slice(0, 4)) === 1;
}

export function findIbans(text: string): Candidate[] {
  const found: Candidate[] = [];
  forEachMatch(IBAN_START, text, (match) => {
    const length = LENGTHS[match[0].slice(0, 2).toUpperCase()];
    if (length === undefined) return match.index + 1;
    // Take exactly the country's length of characters; what follows must not continue the same token.
    let taken = 0;
    let end = 0;
    while (end < match[0].length && taken < length) {
      if (match[0][end] !== " ") taken++;
      end++;
    }
    if (taken !== length || /[\p{L}\p{N}_]/u.test(text[match.index + end] ?? "")) return match.index + 1;
    if (!isIban(match[0].slice(0, end).replace(/ /g, ""))) return match.index + 1;
    found.push({ start: match.index, end: match.index + end, type: "IBAN" });
    return match.index + end;
  });
  return found;
}
