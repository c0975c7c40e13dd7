// What the review page lists: items by status, newest first, narrowed by platform, capture date, kind, ads and
// words — read through Dexie's indexes with limits, never by loading every row.
import { type ItemKind, itemSchema, type Platform } from "../../shared/item";
import { ITEM_STATUSES, type ItemStatus, type StoredItem, type TributaryDatabase } from "../storage/database";
import { keyNewness, keyOfWord, type SearchTerms, searchTerms, wordKeyRange, wordsMatch } from "./search-words";

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

/** A row as the page shows it: a readable item, or a damaged row (e.g. written by an older version) to delete. */
export type ReviewRow = { kind: "item"; key: string; stored: StoredItem } | { kind: "damaged"; key: string };

type ItemCollection = ReturnType<TributaryDatabase["items"]["toCollection"]>;

const STATUSES = new Set<unknown>(ITEM_STATUSES);

export function readRow(raw: unknown): ReviewRow | undefined {
  if (!raw || typeof raw !== "object") return undefined;
  const row = raw as Partial<StoredItem>;
  if (typeof row.contentHash !== "string") return undefined;
  const readable =
    STATUSES.has(row.status) && typeof row.capturedAt === "number" && itemSchema.safeParse(row.item).success;
  return readable
    ? { kind: "item", key: row.contentHash, stored: row as StoredItem }
    : { kind: "damaged", key: row.contentHash };
}

function readRows(raws: unknown[]): ReviewRow[] {
  return raws.map(readRow).filter((row): row is ReviewRow => row !== undefined);
}

/** Whether the filter can be answered from indexes alone (then counts are exact and cheap). */
export function indexOnly(filter: ReviewFilter): boolean {
  const terms = searchTerms(filter.search);
  return filter.kind === "all" && filter.promoted === "all" && terms.prefix === undefined && terms.whole.length === 0;
}

function keptByDetails(filter: ReviewFilter): (row: StoredItem) => boolean {
  return (row) => {
    const item = row.item as Partial<StoredItem["item"]> | undefined;
    if (filter.kind !== "all" && item?.kind !== filter.kind) return false;
    if (filter.promoted === "only" && item?.promoted !== true) return false;
    if (filter.promoted === "hide" && item?.promoted === true) return false;
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
 * Up to `limit` rows containing the searched words (through the word table), narrowed by the other filters; undefined
 * when the filter searches nothing. A whole word is read newest first through its date-ordered keys, a step at a time,
 * until `limit` rows match, so the first page of a common word costs a page of reads. A prefix reads its word rows
 * (one read), orders them newest first, then reads the items in steps until `limit` match; an unbounded `limit` (as
 * for "select all") reads every candidate.
 */
function searchRows(db: TributaryDatabase, filter: ReviewFilter, limit: number): Promise<StoredItem[]> | undefined {
  // Decided before any await: a live query must reach its first Dexie call without awaiting anything else, or Dexie
  // stops following it.
  const terms = searchTerms(filter.search);
  const term = tellingTerm(terms);
  if (term === undefined) return undefined;
  const checkWords = terms.whole.length + (terms.prefix === undefined ? 0 : 1) > 1;
  const details = keptByDetails(filter);
  const from = filter.from ?? -Infinity;
  const to = filter.to ?? Infinity;
  const kept = (row: StoredItem | undefined): row is StoredItem =>
    row !== undefined &&
    row.status === filter.status &&
    (filter.platform === "all" || row.platform === filter.platform) &&
    row.capturedAt >= from &&
    row.capturedAt < to &&
    details(row);
  return db.transaction("r", db.items, db.searchWords, async () => {
    const found: StoredItem[] = [];
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
      // A prefix spans words: their word rows in one read, each item once (several of its words can start with the
      // prefix), newest first by the capture time in its keys.
      const rows = await index.between(term.word, `${term.word}\uffff`, true, false).toArray();
      const newness = new Map<string, number>();
      for (const row of rows) newness.set(row.contentHash, keyNewness(row.keys[0] ?? ""));
      await takeAll([...newness.keys()].sort((a, b) => (newness.get(b) ?? 0) - (newness.get(a) ?? 0)));
    }
    return found.slice(0, limit);
  });
}

const newestFirst = (a: ReviewRow, b: ReviewRow) =>
  (b.kind === "item" ? b.stored.capturedAt : 0) - (a.kind === "item" ? a.stored.capturedAt : 0);

/** Up to `limit` rows of the filter, newest first (a search: its first SEARCH_LIMIT matches, newest first). */
export async function loadReviewRows(db: TributaryDatabase, filter: ReviewFilter, limit: number): Promise<ReviewRow[]> {
  const search = searchRows(db, filter, Math.min(limit, SEARCH_LIMIT));
  if (search) return readRows(await search).sort(newestFirst);
  return readRows(await byDate(db, filter).limit(limit).toArray());
}

/** How many items match, when indexes can tell (undefined when it would take reading every row). */
export async function countReviewRows(db: TributaryDatabase, filter: ReviewFilter): Promise<number | undefined> {
  if (!indexOnly(filter)) return undefined;
  return byDate(db, filter).count();
}

/** The keys of every item the filter matches (for "select all"); reads keys only when the indexes suffice. */
export async function matchingKeys(db: TributaryDatabase, filter: ReviewFilter): Promise<string[]> {
  const search = searchRows(db, filter, Infinity);
  if (search) return (await search).map((row) => (row as StoredItem).contentHash);
  return (await byDate(db, filter).primaryKeys()) as string[];
}
