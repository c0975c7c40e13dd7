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
import { joinParts } from "../storage/item-parts";
import { keyOfWord, type SearchTerms, searchTerms, wordKeyRange, wordsMatch } from "./search-words";

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

/** Newest first within the status (and platform), inside the date range. */
function byDate(db: TributaryDatabase, filter: ReviewFilter): ItemCollection {
  const from = filter.from ?? -Infinity;
  const to = filter.to ?? Infinity;
  const range =
    filter.platform === "all"
      ? db.items.where("[status+capturedAt]").between([filter.status, from], [filter.status, to], true, false)
      : db.items
          .where("[status+platform+capturedAt]")
          .between([filter.status, filter.platform, from], [filter.status, filter.platform, to], true, false);
  const newest = range.reverse();
  return filter.kind === "all" && filter.promoted === "all" ? newest : newest.filter(keptByDetails(filter));
}

/** Rows read per step while a search narrows its candidates by status and the other filters. */
const SEARCH_STEP = 1000;
/** Candidates read per step when reading one word's items newest first: a page's worth, at least this many. */
const NEWEST_STEP = 100;

/** The most telling term: the longest whole word (exact), unless the word being typed is longer (a prefix). */
function tellingTerm(terms: SearchTerms): { word: string; exact: boolean } | undefined {
  const longestWhole = [...terms.whole].sort((a, b) => b.length - a.length)[0];
  if (longestWhole !== undefined && longestWhole.length >= (terms.prefix?.length ?? 0)) {
    return { word: longestWhole, exact: true };
  }
  return terms.prefix === undefined ? undefined : { word: terms.prefix, exact: false };
}

/**
 * Up to `limit` records containing the searched words (through the word table), narrowed by the other filters; undefined
 * when the filter searches nothing. A whole word is read newest first through its date-ordered keys, a step at a time,
 * until `limit` rows match, so the first page of a common word costs a page of reads. A prefix reads its candidates' keys
 * (one read, no word rows) and their small records, orders them newest first, then checks the other words in steps
 * until `limit` match; an unbounded `limit` (as for "select all") reads every candidate.
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
  return db.transaction("r", db.items, db.searchWords, async () => {
    const found: ItemRecord[] = [];
    const take = async (keys: string[]) => {
      const [rows, words] = await Promise.all([
        db.items.bulkGet(keys),
        checkWords ? db.searchWords.bulkGet(keys) : Promise.resolve(undefined),
      ]);
      rows.forEach((row, i) => {
        if (kept(row) && (!words || wordsMatch(words[i]?.words ?? [], terms))) found.push(row);
      });
    };
    const index = db.searchWords.where("keys");
    const takeAll = async (keys: string[]) => {
      for (let start = 0; start < keys.length && found.length < limit; start += SEARCH_STEP) {
        await take(keys.slice(start, start + SEARCH_STEP));
      }
    };
    if (term.exact && Number.isFinite(limit)) {
      // Newest first, a page at a time: each step is one forward read with a count (no cursor), resumed after the
      // step's last index key.
      const [first, upper] = wordKeyRange(term.word);
      let lower = first;
      let lowerOpen = false;
      while (found.length < limit) {
        const step = (await index
          .between(lower, upper, !lowerOpen, false)
          .limit(Math.max(NEWEST_STEP, 2 * (limit - found.length)))
          .primaryKeys()) as string[];
        if (step.length === 0) break;
        await take(step);
        const last = await db.searchWords.get(step[step.length - 1] ?? "");
        const resume = last && keyOfWord(last.keys, term.word);
        if (resume === undefined) break;
        lower = resume;
        lowerOpen = true;
      }
    } else if (term.exact) {
      // Every item with the word ("select all"): order does not matter.
      const [lower, upper] = wordKeyRange(term.word);
      await takeAll((await index.between(lower, upper, true, false).primaryKeys()) as string[]);
    } else {
      // A prefix spans words: every candidate's key in one read (each item once: several of its words can start with
      // the prefix), then their small records, kept by the filters and ordered newest first, then the other words.
      const range = index.between(term.word, `${term.word}\uffff`, true, false);
      const keys = [...new Set((await range.primaryKeys()) as string[])];
      const records = (await db.items.bulkGet(keys)).filter(kept).sort(newestFirst);
      for (let start = 0; start < records.length && found.length < limit; start += SEARCH_STEP) {
        const step = records.slice(start, start + SEARCH_STEP);
        const words = checkWords ? await db.searchWords.bulkGet(step.map((row) => row.contentHash)) : undefined;
        step.forEach((row, i) => {
          if (!words || wordsMatch(words[i]?.words ?? [], terms)) found.push(row);
        });
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
  return db.transaction("r", db.items, db.contents, db.searchWords, async () => {
    const search = searchRows(db, filter, Math.min(limit, SEARCH_LIMIT));
    if (search) return readRows(db, (await search).sort(newestFirst), false);
    return readRows(db, await byDate(db, filter).limit(limit).toArray(), true);
  });
}

/** How many items match, when indexes can tell (undefined when it would take reading every row). */
export async function countReviewRows(db: TributaryDatabase, filter: ReviewFilter): Promise<number | undefined> {
  if (!indexOnly(filter)) return undefined;
  return byDate(db, filter).count();
}

/** The keys of every item the filter matches (for "select all"): reads records or keys, never contents. */
export async function matchingKeys(db: TributaryDatabase, filter: ReviewFilter): Promise<string[]> {
  const search = searchRows(db, filter, Infinity);
  if (search) return (await search).map((record) => record.contentHash);
  return (await byDate(db, filter).primaryKeys()) as string[];
}
