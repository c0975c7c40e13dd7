// NATIONAL_ID: US SSN, UK National Insurance number, Canadian SIN, French INSEE (NIR), Spanish DNI/NIE, Italian
// codice fiscale — each validated by its ranges or check character; the weaker formats need a naming word nearby.
import { mod97, passesLuhn } from "../checksums";
import { saysBefore } from "../context";
import { matchesOf } from "../scan";
import type { Traits } from "../traits";
import type { Candidate } from "../types";

const SSN = /(?<![\p{L}\p{N}_\-.])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\p{L}\p{N}_]|[-.]\d)/gu;
const SSN_WORDS = /\b(?:ssn|ss#|ss #|social security|soc\.? sec|social sec)/;
const NINO = /(?<![\p{L}\p{N}_])([A-Z]{2}) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])(?![\p{L}\p{N}_])/gu;
// Lower-case NINOs are only believed after a naming word, so that slower case-blind scan runs only when one is present.
const ANY_CASE_NINO = new RegExp(NINO.source, "giu");
const NINO_WORDS = /\b(?:nino|ni number|ni no|national insurance)/;
const ASCII_NINO_WORDS = new RegExp(NINO_WORDS.source, "i");
const SIN = /(?<![\p{L}\p{N}_\-.])(\d{3})([- ]?)(\d{3})\2(\d{3})(?![\p{L}\p{N}_]|[-.]\d)/gu;
const SIN_WORDS = /\b(?:sin|social insurance|nas|assurance sociale)\b/;
const INSEE =
  /(?<![\p{L}\p{N}_])([12378]) ?(\d{2}) ?(\d{2}) ?(\d{2}|2[ABab]) ?(\d{3}) ?(\d{3}) ?(\d{2})(?![\p{L}\p{N}_])/gu;
const CORSICA = /2[ABab]/;
const DNI = /(?<![\p{L}\p{N}_])([XYZ]-?\d{7}|\d{8})-?([A-Z])(?![\p{L}\p{N}_])/gu;
const CODICE_FISCALE = /(?<![\p{L}\p{N}_])[A-Z]{6}\d{2}[A-EHLMPR-T]\d{2}[A-Z]\d{3}[A-Z](?![\p{L}\p{N}_])/gu;

// Published sample numbers that appear in ads and documentation, never issued to a person.
const SAMPLE_SSNS = new Set(["078051120", "219099999", "123456789", "111111111"]);

export function isValidSsn(area: string, group: string, serial: string): boolean {
  const areaNumber = Number(area);
  if (areaNumber === 0 || areaNumber === 666 || areaNumber >= 900) return false;
  if (group === "00" || serial === "0000") return false;
  return !SAMPLE_SSNS.has(area + group + serial);
}

/** UK NINO prefix rules: no D, F, I, Q, U, V; no O second; not BG, GB, KN, NK, NT, TN, ZZ. */
export function isValidNinoPrefix(prefix: string): boolean {
  const upper = prefix.toUpperCase();
  if (/[DFIQUV]/.test(upper) || upper[1] === "O") return false;
  return !["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"].includes(upper);
}

export function isValidSin(digits: string): boolean {
  return digits.length === 9 && digits[0] !== "0" && digits[0] !== "8" && passesLuhn(digits);
}

/** NIR: key = 97 − (first 13 digits mod 97); Corsica's 2A/2B count as 19/18 minus 1 000 000/2 000 000. */
export function isValidInsee(compact: string): boolean {
  const upper = compact.toUpperCase();
  if (!/^[12378]\d{4}(?:\d{2}|2A|2B)\d{8}$/.test(upper)) return false;
  const month = Number(upper.slice(3, 5));
  if (!((month >= 1 && month <= 12) || (month >= 20 && month <= 42) || month >= 50)) return false;
  let body = upper.slice(0, 13);
  let offset = 0;
  if (body.includes("2A")) {
    body = body.replace("2A", "19");
    offset = 1_000_000;
  } else if (body.includes("2B")) {
    body = body.replace("2B", "18");
    offset = 2_000_000;
  }
  const rest = (((mod97(body) - (offset % 97)) % 97) + 97) % 97;
  return 97 - rest === Number(upper.slice(13));
}

export function isValidDni(numberPart: string, letter: string): boolean {
  const digits = numberPart.replace("-", "").replace("X", "0").replace("Y", "1").replace("Z", "2");
  return "TRWAGMYFPDXBNJZSQVHLCKE"[Number(digits) % 23] === letter;
}

const CF_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

export function isValidCodiceFiscale(code: string): boolean {
  const upper = code.toUpperCase();
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const char = upper.charCodeAt(i);
    const value = char <= 57 ? char - 48 : char - 65;
    sum += i % 2 === 0 ? CF_ODD[value]! : value;
  }
  return String.fromCharCode(65 + (sum % 26)) === upper[15];
}

function idAt(match: RegExpExecArray): Candidate {
  return { start: match.index, end: match.index + match[0].length, type: "NATIONAL_ID" };
}

export function findNationalIds(text: string, traits: Traits): Candidate[] {
  const found: Candidate[] = [];
  // Each format's least: SSN and SIN 9 digits in one written number, NINO 6 after two letters, NIR 13 digits, DNI/NIE
  // 7 in a row, codice fiscale 16 letters and digits in a row.
  if (traits.digitsInNumberRun >= 9) {
    for (const match of matchesOf(SSN, text)) {
      const [, area, separator, group, serial] = match;
      if (!isValidSsn(area!, group!, serial!)) continue;
      if (separator !== "-" && !saysBefore(text, match.index, SSN_WORDS)) continue;
      found.push(idAt(match));
    }
    for (const match of matchesOf(SIN, text)) {
      if (!isValidSin(match[1]! + match[3]! + match[4]!) || !saysBefore(text, match.index, SIN_WORDS)) continue;
      found.push(idAt(match));
    }
  }
  if (traits.digitsInNumberRun >= 6 && traits.lettersThenSpacedDigits) {
    // On ASCII text, a case-blind match is the same as matching the lower-case copy, without making the copy.
    const ninoWords = traits.nonAscii === 0 ? ASCII_NINO_WORDS.test(text) : NINO_WORDS.test(text.toLowerCase());
    if (ninoWords || traits.upper >= 3) {
      for (const match of matchesOf(ninoWords ? ANY_CASE_NINO : NINO, text)) {
        const uppercase = match[0] === match[0].toUpperCase();
        if (!isValidNinoPrefix(match[1]!)) continue;
        if (!uppercase && !saysBefore(text, match.index, NINO_WORDS)) continue;
        found.push(idAt(match));
      }
    }
  }
  // A NIR's 15 digits are one written number, or two around a Corsican "2A"/"2B" (6 digits, then 8).
  if (traits.digitsInNumberRun >= 15 || (traits.digitsInNumberRun >= 8 && traits.digits >= 13 && CORSICA.test(text))) {
    for (const match of matchesOf(INSEE, text)) {
      if (isValidInsee(match[0].replace(/ /g, ""))) found.push(idAt(match));
    }
  }
  if (traits.longestDigitRun >= 7) {
    for (const match of matchesOf(DNI, text)) {
      if (isValidDni(match[1]!, match[2]!)) found.push(idAt(match));
    }
  }
  if (traits.longestAlnumRunWithDigit >= 16 && traits.upper >= 9) {
    for (const match of matchesOf(CODICE_FISCALE, text)) {
      if (isValidCodiceFiscale(match[0])) found.push(idAt(match));
    }
  }
  return found;
}
