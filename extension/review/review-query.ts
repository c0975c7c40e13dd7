// What the review page lists: items by status, newest first, narrowed by platform, capture date, kind, ads and
// words — read through Dexie's indexes with limits, never by loading every row.
import { type ItemKind, itemSchema, type Platform } from "../../shared/item";
import {
  ITEM_STATUSES,
  type ItemContent,
  type ItemRecord,
  type ItemStatus,
  type StoredItem,
  type TributaryDatabase,
} from "../storage/database";
import { decisionsTouch, keysLeaving } from "../storage/decisions";
import { joinParts } from "../storage/item-parts";
import { hashOfWordRowKey, type SearchTerms, searchTerms, wordsMatch } from "./search-words";

export interface ReviewFilter {
  status: ItemStatus;
  platform: Platform | "all";
  kind: ItemKind | "all";
  /** "only": ads and promoted posts only; "hide": everything else. */
  promoted: "all" | "only" | "hide";
  /** Captured on or after (epoch ms). */
  from: number | null;
  /** Captured before (epoch ms). */
  to: number | null;
  search: string;
}

export const ALL_ITEMS: Omit<ReviewFilter, "status"> = {
  platform: "all",
  kind: "all",
  promoted: "all",
  from: null,
  to: null,
  search: "",
};

/** A search lists at most this many matches, newest first; the user narrows it with more words or filters. */
export const SEARCH_LIMIT = 1000;

/**
 * A row as the page shows it: a readable item, or a damaged one to delete (e.g. written by an older version, or whose
 * record or content is missing).
 */
export type ReviewRow = { kind: "item"; key: string; stored: StoredItem } | { kind: "damaged"; key: string };

type ItemCollection = ReturnType<TributaryDatabase["items"]["toCollection"]>;

const STATUSES = new Set<unknown>(ITEM_STATUSES);

/** An item's record and content as the page shows them (undefined when there is no record to speak of). */
export function readRow(rawRecord: unknown, rawContent: unknown): ReviewRow | undefined {
  if (!rawRecord || typeof rawRecord !== "object") return undefined;
  const record = rawRecord as Partial<ItemRecord>;
  if (typeof record.contentHash !== "string") return undefined;
  const content = rawContent as Partial<ItemContent> | undefined;
  const stored =
    STATUSES.has(record.status) &&
    typeof record.capturedAt === "number" &&
    content?.contentHash === record.contentHash &&
    itemSchema.safeParse(content.item).success
      ? joinParts(record as ItemRecord, content as ItemContent)
      : undefined;
  return stored ? { kind: "item", key: record.contentHash, stored } : { kind: "damaged", key: record.contentHash };
}

/**
 * The contents of these records, in order. A page of the list is mostly the items captured in one stretch of time, so
 * with `together` the contents captured in that stretch come first in one read of the capture-time index (at most
 * twice as many as the page, so a stretch holding many other items costs little); what that read missed, or every
 * content of search results (spread over time), is read key by key.
 */
async function contentsOf(
  db: TributaryDatabase,
  records: ItemRecord[],
  together: boolean,
): Promise<(ItemContent | undefined)[]> {
  const times = records.map((record) => record.capturedAt).filter((time) => Number.isFinite(time));
  const found = new Map<string, ItemContent>();
  if (together && times.length > 0) {
    const stretch = await db.contents
      .where("capturedAt")
      .between(Math.min(...times), Math.max(...times), true, true)
      .limit(2 * records.length)
      .toArray();
    for (const content of stretch) found.set(content.contentHash, content);
  }
  const missing = records.map((record) => record.contentHash).filter((key) => !found.has(key));
  if (missing.length > 0) {
    const read = await db.contents.bulkGet(missing);
    read.forEach((content, i) => {
      if (content) found.set(missing[i]!, content);
    });
  }
  return records.map((record) => found.get(record.contentHash));
}

/** The rows of these records, in order, with their contents (`together`: see contentsOf). */
async function readRows(db: TributaryDatabase, records: ItemRecord[], together: boolean): Promise<ReviewRow[]> {
  const contents = await contentsOf(db, records, together);
  return records.map((record, i) => readRow(record, contents[i])).filter((row): row is ReviewRow => row !== undefined);
}

/** Whether the filter can be answered from indexes alone (then counts are exact and cheap). */
export function indexOnly(filter: ReviewFilter): boolean {
  const terms = searchTerms(filter.search);
  return filter.kind === "all" && filter.promoted === "all" && terms.prefix === undefined && terms.whole.length === 0;
}

/** The filters on the item's kind and ads, read from the record (which copies them from the item). */
function keptByDetails(filter: ReviewFilter): (record: ItemRecord) => boolean {
  return (record) => {
    if (filter.kind !== "all" && record.kind !== filter.kind) return false;
    if (filter.promoted === "only" && record.promoted !== true) return false;
    if (filter.promoted === "hide" && record.promoted === true) return false;
    return true;
  };
}

/** Newest first within the status (and platform), inside the date range, without the `hidden` keys. */
function byDate(db: TributaryDatabase, filter: ReviewFilter, hidden: ReadonlySet<string>): ItemCollection {
  const from = filter.from ?? -Infinity;
  const to = filter.to ?? Infinity;
  const range =
    filter.platform === "all"
      ? db.items.where("[status+capturedAt]").between([filter.status, from], [filter.status, to], true, false)
      : db.items
          .where("[status+platform+capturedAt]")
          .between([filter.status, filter.platform, from], [filter.status, filter.platform, to], true, false);
  const newest = range.reverse();
  if (filter.kind === "all" && filter.promoted === "all" && hidden.size === 0) return newest;
  const details = keptByDetails(filter);
  return newest.filter((record) => !hidden.has(record.contentHash) && details(record));
}

/** Candidates whose records are read per step while a search narrows them by status and the other filters. */
const SEARCH_STEP = 1000;
/** How much more of each word's index a search reads each time the last read did not fill the page. */
const GROWTH = 4;

/** A prefix matching more distinct words than this reads all their keys at once instead of word by word. */
const MAX_PREFIX_WORDS = 16;

/**
 * The distinct indexed words that start with `prefix`, in order, found by probing the word index: each probe reads
 * the first row whose word follows the last one found (one read each); undefined when there are more than
 * MAX_PREFIX_WORDS.
 */
async function wordsStartingWith(db: TributaryDatabase, prefix: string): Promise<string[] | undefined> {
  const words: string[] = [];
  const upper = `${prefix}\uffff`;
  while (words.length <= MAX_PREFIX_WORDS) {
    const last = words[words.length - 1];
    // The least string after the last word is that word and \0 (words hold letters and digits only): a closed bound
    // there lets IndexedDB seek straight past the word, where an open bound at the word itself steps over each of its
    // entries (thousands for a common word).
    const lower = last === undefined ? prefix : `${last}\u0000`;
    const row = await db.searchIndex.where("words").between(lower, upper, true, false).first();
    if (!row) return words;
    // The index entry found is the row's least word from `lower` on (a smaller one would have come first).
    const next = row.words.filter((word) => word.startsWith(prefix) && word >= lower).sort()[0];
    if (next === undefined) return words;
    words.push(next);
  }
  return undefined;
}

/** The most telling term: the longest whole word (exact), unless the word being typed is longer (a prefix). */
function tellingTerm(terms: SearchTerms): { word: string; exact: boolean } | undefined {
  const longestWhole = [...terms.whole].sort((a, b) => b.length - a.length)[0];
  if (longestWhole !== undefined && longestWhole.length >= (terms.prefix?.length ?? 0)) {
    return { word: longestWhole, exact: true };
  }
  return terms.prefix === undefined ? undefined : { word: terms.prefix, exact: false };
}

/**
 * Up to `limit` records containing the searched words (through the word index), narrowed by the other filters;
 * undefined when the filter searches nothing. The index lists a word's word-row keys (capture age, then hash) newest
 * first, so candidates are taken in date order without reading any row: a whole word reads the first `limit` keys
 * of its index (more, growing, when the filters drop some); a prefix does the same for each word it starts (found by
 * probing the index) and merges them, or, when it starts many words, reads every key under it at once (keys only)
 * and sorts them. Each step of candidates then costs the reads of their small records (and, with several terms,
 * their word rows), until `limit` match; an unbounded `limit` (as for "select all") takes every candidate.
 */
function searchRows(db: TributaryDatabase, filter: ReviewFilter, limit: number): Promise<ItemRecord[]> | undefined {
  // Decided before any await: a live query must reach its first Dexie call without awaiting anything else, or Dexie
  // stops following it.
  const terms = searchTerms(filter.search);
  const term = tellingTerm(terms);
  if (term === undefined) return undefined;
  const checkWords = terms.whole.length + (terms.prefix === undefined ? 0 : 1) > 1;
  const details = keptByDetails(filter);
  const from = filter.from ?? -Infinity;
  const to = filter.to ?? Infinity;
  const kept = (row: ItemRecord | undefined): row is ItemRecord =>
    row !== undefined &&
    row.status === filter.status &&
    (filter.platform === "all" || row.platform === filter.platform) &&
    row.capturedAt >= from &&
    row.capturedAt < to &&
    details(row);
  return db.transaction("r", db.items, db.searchIndex, db.decisions, async () => {
    // Items a bulk decision is moving out of this status are no longer listed in it.
    const hidden = await keysLeaving(db, filter.status);
    const found: ItemRecord[] = [];
    /** Takes the candidates (word-row keys, newest first) that pass every filter, a step at a time. */
    const take = async (candidates: string[]) => {
      const keys = hidden.size === 0 ? candidates : candidates.filter((key) => !hidden.has(hashOfWordRowKey(key)));
      for (let start = 0; start < keys.length && found.length < limit; start += SEARCH_STEP) {
        const step = keys.slice(start, start + SEARCH_STEP);
        const [rows, words] = await Promise.all([
          db.items.bulkGet(step.map(hashOfWordRowKey)),
          checkWords ? db.searchIndex.bulkGet(step) : Promise.resolve(undefined),
        ]);
        rows.forEach((row, i) => {
          if (kept(row) && (!words || wordsMatch(words[i]?.words ?? [], terms))) found.push(row);
        });
      }
    };
    const index = db.searchIndex.where("words");
    const words = term.exact ? [term.word] : await wordsStartingWith(db, term.word);
    if (words === undefined) {
      // A short prefix of many words: every candidate's key in one read, in date order by sorting them, each item
      // once (several of its words can start with the prefix).
      const keys = (await index.between(term.word, `${term.word}\uffff`, true, false).primaryKeys()) as string[];
      keys.sort();
      await take(keys.filter((key, i) => key !== keys[i - 1]));
    } else {
      // The first `count` keys of each word's index (plain reads with a count, no cursor), merged in date order: the
      // first `count` of them are the newest `count` of all. When the filters left the page short, longer reads
      // from the start, of which only the keys not taken yet are taken.
      const taken = new Set<string>();
      for (let count = limit; found.length < limit; count *= GROWTH) {
        const lists = await Promise.all(
          words.map(
            async (word) =>
              (await (Number.isFinite(count)
                ? index.equals(word).limit(count)
                : index.equals(word)
              ).primaryKeys()) as string[],
          ),
        );
        const complete = lists.every((keys) => keys.length < count);
        const merged = [...new Set(lists.flat())].sort();
        const newest = complete ? merged : merged.slice(0, count);
        await take(newest.filter((key) => !taken.has(key)));
        if (complete) break;
        for (const key of newest) taken.add(key);
      }
    }
    return found.slice(0, limit);
  });
}

const newestFirst = (a: ItemRecord, b: ItemRecord) => b.capturedAt - a.capturedAt;

/**
 * Up to `limit` rows of the filter, newest first (a search: its first SEARCH_LIMIT matches, newest first): the records
 * through the indexes, then the contents of those rows.
 */
export function loadReviewRows(db: TributaryDatabase, filter: ReviewFilter, limit: number): Promise<ReviewRow[]> {
  return db.transaction("r", db.items, db.contents, db.searchIndex, db.decisions, async () => {
    const search = searchRows(db, filter, Math.min(limit, SEARCH_LIMIT));
    if (search) return readRows(db, (await search).sort(newestFirst), false);
    const hidden = await keysLeaving(db, filter.status);
    return readRows(db, await byDate(db, filter, hidden).limit(limit).toArray(), true);
  });
}

/** How many items match, when indexes can tell (undefined when it would take reading every row). */
export async function countReviewRows(db: TributaryDatabase, filter: ReviewFilter): Promise<number | undefined> {
  if (!indexOnly(filter)) return undefined;
  return db.transaction("r", db.items, db.decisions, async () =>
    // While bulk decisions move items into or out of the status, the index does not know yet.
    (await decisionsTouch(db, filter.status)) ? undefined : byDate(db, filter, new Set()).count(),
  );
}

/** The keys of every item the filter matches (for "select all"): reads records or keys, never contents. */
export async function matchingKeys(db: TributaryDatabase, filter: ReviewFilter): Promise<string[]> {
  const search = searchRows(db, filter, Infinity);
  if (search) return (await search).map((record) => record.contentHash);
  return db.transaction("r", db.items, db.decisions, async () => {
    const hidden = await keysLeaving(db, filter.status);
    return (await byDate(db, filter, hidden).primaryKeys()) as string[];
  });
}
