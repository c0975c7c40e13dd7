// EMAIL: addresses, also written with "[at]" / "(dot)" to dodge scrapers.
import { matchesOf } from "../scan";
import type { Candidate } from "../types";

// Bounded quantifiers and a lookbehind that forbids starting inside a local part keep the scan linear.
const PLAIN =
  /(?<![\p{L}\p{N}._%+\-@'])[\p{L}\p{N}_%+-][\p{L}\p{N}._%+\-']{0,63}@(?:[\p{L}\p{N}][\p{L}\p{N}-]{0,62}\.){1,8}\p{L}{2,24}(?![\p{L}\p{N}-]|@)/gu;
const OBFUSCATED =
  /(?<![\p{L}\p{N}._%+\-@])[\p{L}\p{N}_%+-][\p{L}\p{N}._%+-]{0,63} ?[[({] ?at ?[\])}] ?(?:[\p{L}\p{N}][\p{L}\p{N}-]{0,62} ?(?:[[({] ?dot ?[\])}]|\.) ?){1,8}\p{L}{2,24}(?![\p{L}\p{N}-])/giu;

export function findEmails(text: string): Candidate[] {
  if (!text.includes("@") && !/[[({] ?at ?[\])}]/i.test(text)) return [];
  const found: Candidate[] = [];
  for (const pattern of [PLAIN, OBFUSCATED]) {
    for (const match of matchesOf(pattern, text)) {
      found.push({ start: match.index, end: match.index + match[0].length, type: "EMAIL" });
    }
  }
  return found;
}
