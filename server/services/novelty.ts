// Novelty: a fingerprint of an item's words, so the same text under another id (a copy, a cross-post) is recognised.
import { createHash } from "node:crypto";
import { scoringConfig } from "./scoring";

const LINK = /https?:\/\/\S+/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** The text as a reader compares it: compatibility-folded, lowercase, links dropped, punctuation and spacing ignored. */
export function normalizeText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(LINK, " ").replace(NOT_WORD, " ").trim();
}

/** SHA-256 of the normalized text, or null when the text is too short to say whether it is original. */
export function textFingerprint(
  text: string,
  minimumCharacters = scoringConfig.novelty.minimumCharacters,
): string | null {
  const normalized = normalizeText(text);
  if ([...normalized].length < minimumCharacters) return null;
  return createHash("sha256").update(normalized, "utf8").digest("hex");
}
