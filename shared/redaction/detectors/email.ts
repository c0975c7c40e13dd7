// EMAIL: addresses, also written with "[at]" / "(dot)" to dodge scrapers.
import { matchesOf } from "../scan";
import type { Candidate } from "../types";

// Bounded quantifiers and a lookbehind that forbids starting inside a local part keep the scan linear.
const PLAIN =
  /(?<![\p{L}\p{N}._%+\-@'])[\p{L}\p{N}_%+-][\p{L}\p{N}._%+\-']{0,63}@(?:[\p{L}\p{N}][\p{L}\p{N}-]{0,62}\.){1,8}\p{L}{2,24}(?![\p{L}\p{N}-]|@)/gu;
const OBFUSCATED =
  /(?<![\p{L}\p{N}._%+\-@])[\p{L}\p{N}_%+-][\p{L}\p{N}._%+-]{0,63} ?[[({] ?at ?[\])}] ?(?:[\p{L}\p{N}][\p{L}\p{N}-]{0,62} ?(?:[[({] ?dot ?[\])}]|\.) ?){1,8}\p{L}{2,24}(?![\p{L}\p{N}-])/giu;

const BRACKETED_AT = /[[({] ?at ?[\])}]/i;

export function findEmails(text: string): Candidate[] {
  const found: Candidate[] = [];
  // Each pattern only where its anchor is: "@", or "at" in brackets.
  if (text.includes("@")) addMatches(found, PLAIN, text);
  if (BRACKETED_AT.test(text)) addMatches(found, OBFUSCATED, text);
  return found;
}

function addMatches(found: Candidate[], pattern: RegExp, text: string): void {
  for (const match of matchesOf(pattern, text)) {
    found.push({ start: match.index, end: match.index + match[0].length, type: "EMAIL" });
  }
}
