// Keeps the rows derived from the items — their search words and the counters — in step with every write to the
// items, in the same transaction, whoever writes (capture, review, upload, retention, delete everything). A Dexie
// middleware rather than explicit calls, so no writer can forget them.
import type {
  DBCore,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
} from "dexie";
import { itemSearchWords, searchKeys } from "../review/search-words";
import type { SearchWordsRow } from "./database";
import { addCounterChange, type CounterKey } from "./item-counters";

export const ITEMS_TABLE = "items";
export const SEARCH_WORDS_TABLE = "searchWords";
export const COUNTERS_TABLE = "counters";
const DERIVED_TABLES = [SEARCH_WORDS_TABLE, COUNTERS_TABLE];

/** IndexedDB's "any key" range type (Dexie's DBCoreRangeType.Any, a const enum): `table.clear()`. */
const ANY_RANGE = 3;

/** The search words of a stored row (none for a damaged row). */
export function rowSearchWords(row: unknown): string[] {
  const item = (row as { item?: unknown } | undefined)?.item;
  if (!item || typeof item !== "object") return [];
  return itemSearchWords(item as Parameters<typeof itemSearchWords>[0]);
}

/** The word row of a stored row, keyed for date-ordered search; undefined when it has no words. */
export function searchWordsRow(contentHash: string, row: unknown): SearchWordsRow | undefined {
  const words = rowSearchWords(row);
  if (words.length === 0) return undefined;
  const capturedAt = (row as { capturedAt?: unknown }).capturedAt;
  return { contentHash, words, keys: searchKeys(words, capturedAt, contentHash) };
}

/** What the word row is computed from: when it is unchanged, so is the row (and it is not rewritten). */
function wordSource(row: unknown): string {
  const stored = row as
    | { capturedAt?: unknown; item?: { text?: unknown; author?: { handle?: unknown; name?: unknown } } }
    | undefined;
  const item = stored?.item;
  if (!item || typeof item !== "object") return "";
  return JSON.stringify([item.text, item.author?.handle, item.author?.name, stored?.capturedAt]);
}

interface Tables {
  items: DBCoreTable;
  words: DBCoreTable;
  counters: DBCoreTable;
}

async function applyCounterChanges(tables: Tables, trans: DBCoreTransaction, deltas: Map<string, number>) {
  const changed = [...deltas].filter(([, delta]) => delta !== 0);
  if (changed.length === 0) return;
  const keys = changed.map(([id]) => JSON.parse(id) as CounterKey);
  const current = (await tables.counters.getMany({ trans, keys })) as ({ count: number } | undefined)[];
  const puts: { key: CounterKey; count: number }[] = [];
  const gone: CounterKey[] = [];
  changed.forEach(([, delta], i) => {
    const count = (current[i]?.count ?? 0) + delta;
    if (count === 0) gone.push(keys[i]!);
    else puts.push({ key: keys[i]!, count });
  });
  if (puts.length > 0) await tables.counters.mutate({ trans, type: "put", values: puts });
  if (gone.length > 0) await tables.counters.mutate({ trans, type: "delete", keys: gone });
}

/** Writes the derived rows for rows going from `before` to `after` (undefined: absent) at `keys`. */
async function applyChanges(
  tables: Tables,
  trans: DBCoreTransaction,
  keys: readonly unknown[],
  before: readonly unknown[],
  after: readonly unknown[],
) {
  const deltas = new Map<string, number>();
  const wordRows: SearchWordsRow[] = [];
  const wordless: unknown[] = [];
  keys.forEach((key, i) => {
    addCounterChange(deltas, before[i], after[i]);
    if (before[i] !== undefined && after[i] !== undefined && wordSource(before[i]) === wordSource(after[i])) return;
    const row = after[i] === undefined ? undefined : searchWordsRow(String(key), after[i]);
    if (row) wordRows.push(row);
    else if (before[i] !== undefined) wordless.push(key);
  });
  if (wordRows.length > 0) await tables.words.mutate({ trans, type: "put", values: wordRows });
  if (wordless.length > 0) await tables.words.mutate({ trans, type: "delete", keys: wordless });
  await applyCounterChanges(tables, trans, deltas);
}

async function mutateItems(tables: Tables, req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
  const { items } = tables;
  const trans = req.trans;
  if (req.type === "add" || req.type === "put") {
    const extractKey = items.schema.primaryKey.extractKey!;
    const keys = req.keys ?? req.values.map((value) => extractKey(value));
    const stored = await items.getMany({ trans, keys });
    const result = await items.mutate(req);
    // A key written twice in one request: the second write starts from the first.
    const latest = new Map<unknown, unknown>();
    const changed: unknown[] = [];
    const before: unknown[] = [];
    const after: unknown[] = [];
    keys.forEach((key, i) => {
      if (result.failures[i]) return;
      changed.push(key);
      before.push(latest.has(key) ? latest.get(key) : stored[i]);
      after.push(req.values[i]);
      latest.set(key, req.values[i]);
    });
    await applyChanges(tables, trans, changed, before, after);
    return result;
  }
  if (req.type === "deleteRange" && req.range.type === ANY_RANGE) {
    // Everything goes: so do the words and the counters.
    const result = await items.mutate(req);
    await tables.words.mutate({ trans, type: "deleteRange", range: req.range });
    await tables.counters.mutate({ trans, type: "deleteRange", range: req.range });
    return result;
  }
  const keys =
    req.type === "delete"
      ? req.keys
      : (await items.query({ trans, values: false, query: { index: items.schema.primaryKey, range: req.range } }))
          .result;
  const stored = await items.getMany({ trans, keys });
  const result = await items.mutate(req);
  const gone = keys.map((key, i) => ({ key, row: stored[i] })).filter(({ row }, i) => row && !result.failures[i]);
  await applyChanges(
    tables,
    trans,
    gone.map(({ key }) => key),
    gone.map(({ row }) => row),
    gone.map(() => undefined),
  );
  return result;
}

/**
 * Writes to the items in one transaction run one after another: each reads the counters it changes, so two running
 * at once would lose an update.
 */
const running = new WeakMap<DBCoreTransaction, Promise<unknown>>();
function oneAtATime<T>(trans: DBCoreTransaction, run: () => Promise<T>): Promise<T> {
  const previous = running.get(trans) ?? Promise.resolve();
  const next = previous.then(run, run);
  running.set(
    trans,
    next.catch(() => undefined),
  );
  return next;
}

export const derivedRowsMiddleware: Middleware<DBCore> = {
  stack: "dbcore",
  name: "TributaryDerivedRows",
  create(down) {
    const hasDerived = DERIVED_TABLES.every((name) => down.schema.tables.some((table) => table.name === name));
    if (!hasDerived) return {};
    return {
      // A transaction that may write items also writes their words and counters.
      transaction(stores, mode, options) {
        const widened =
          mode === "readwrite" && stores.includes(ITEMS_TABLE) ? [...new Set([...stores, ...DERIVED_TABLES])] : stores;
        return down.transaction(widened, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name !== ITEMS_TABLE) return table;
        const tables: Tables = {
          items: table,
          words: down.table(SEARCH_WORDS_TABLE),
          counters: down.table(COUNTERS_TABLE),
        };
        return { ...table, mutate: (req) => oneAtATime(req.trans, () => mutateItems(tables, req)) };
      },
    };
  },
};
