// HANDLE: @mentions (X, Instagram, Bluesky domain handles), fediverse @user@host, Reddit u/user. r/community stays.
import { matchesOf } from "../scan";
import type { Candidate } from "../types";

const MENTION =
  /(?<![\p{L}\p{N}_.@/\\])@([A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,62}[A-Za-z0-9_])?)(@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})\.){1,8}[A-Za-z]{2,24})?(?![\p{L}\p{N}_@])/gu;
const REDDIT_USER = /(?<![\p{L}\p{N}_/.])\/?u\/[A-Za-z0-9_-]{3,20}(?![\p{L}\p{N}_\-/])/gu;
// "@5pm", "@ 10:30": times, not people.
const TIME_LIKE = /^\d{1,2}(?:[ap]m)?$/i;
/** Pseudonyms written by `pseudonymize` are already safe; the server gate must not refuse them. */
export const PSEUDONYM_HANDLE = /^user_[0-9a-f]{12}$/;

export function findHandles(text: string): Candidate[] {
  const found: Candidate[] = [];
  if (text.includes("@")) {
    for (const match of matchesOf(MENTION, text)) {
      const name = match[1]!;
      if (TIME_LIKE.test(name) || (PSEUDONYM_HANDLE.test(name) && match[2] === undefined)) continue;
      found.push({ start: match.index, end: match.index + match[0].length, type: "HANDLE" });
    }
  }
  if (text.includes("u/")) {
    for (const match of matchesOf(REDDIT_USER, text)) {
      if (PSEUDONYM_HANDLE.test(match[0].slice(match[0].indexOf("u/") + 2))) continue;
      found.push({ start: match.index, end: match.index + match[0].length, type: "HANDLE" });
    }
  }
  return found;
}
