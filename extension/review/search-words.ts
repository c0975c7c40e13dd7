// Text search on the device: the words of an item, kept in a multi-entry index so a search never scans every row.
import type { Item } from "../../shared/item";

/** Words longer than this are cut: a search for a prefix of them still finds them. */
const MAX_WORD_LENGTH = 32;
/** An item contributes at most this many distinct words to the index (long posts: the first ones). */
const MAX_WORDS_PER_ITEM = 400;

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-case distinct words of at least two characters, in order of first appearance. */
export function searchWords(text: string, limit = MAX_WORDS_PER_ITEM): string[] {
  const words = new Set<string>();
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const word = match[0];
    if (word.length < 2) continue;
    words.add(word.slice(0, MAX_WORD_LENGTH));
    if (words.size >= limit) break;
  }
  return [...words];
}

/** What the index holds for an item: its text, and its author's handle and name (so a search finds an author). */
export function itemSearchWords(item: Pick<Item, "text" | "author">): string[] {
  const author = item.author ? `${item.author.handle ?? ""} ${item.author.name ?? ""}` : "";
  return searchWords(`${typeof item.text === "string" ? item.text : ""} ${author}`);
}

/** Digits of a time in a word row's key: enough for any epoch-millisecond time. */
const TIME_DIGITS = 16;

/**
 * The key of an item's word row: `age \0 content hash`, where the age counts down from the largest safe integer as
 * the capture time grows. The index of the words (`*words`) orders one word's entries by this key, so its items come
 * newest first: a search reads a page of them with one plain read (getAllKeys with a count, no cursor), and the keys
 * of several words (a prefix) are put in date order by sorting the keys themselves, without reading a row. A row
 * without a usable capture time sorts oldest.
 */
export function wordRowKey(capturedAt: unknown, contentHash: string): string {
  const time = typeof capturedAt === "number" && Number.isSafeInteger(capturedAt) && capturedAt >= 0 ? capturedAt : 0;
  return `${String(Number.MAX_SAFE_INTEGER - time).padStart(TIME_DIGITS, "0")}\u0000${contentHash}`;
}

/** The content hash a word row's key names. */
export function hashOfWordRowKey(key: string): string {
  return key.slice(key.indexOf("\u0000") + 1);
}

export interface SearchTerms {
  /** Words the item must contain exactly. */
  whole: string[];
  /** The last word as typed: the item must contain a word that starts with it. */
  prefix: string | undefined;
}

/** A search box's text as terms; the last word is a prefix while the user is still typing it. */
export function searchTerms(query: string): SearchTerms {
  const words = searchWords(query, 16);
  const typing = /[\p{L}\p{N}]+$/u.exec(query)?.[0]?.toLowerCase().slice(0, MAX_WORD_LENGTH);
  if (typing === undefined || typing.length < 2 || words[words.length - 1] !== typing) {
    return { whole: words, prefix: undefined };
  }
  return { whole: words.slice(0, -1), prefix: typing };
}

/** Whether an item's indexed words satisfy every term. */
export function wordsMatch(words: readonly string[], terms: SearchTerms): boolean {
  for (const term of terms.whole) if (!words.includes(term)) return false;
  return terms.prefix === undefined || words.some((word) => word.startsWith(terms.prefix!));
}
