// Keeps the rows derived from the items in step with every write, in the same transaction, whoever writes (capture,
// review, upload, retention, delete everything): the counters follow the records (`items`: status and dates), the
// search words follow the contents (`contents`: text and author), and deleting a record deletes its content. A Dexie
// middleware rather than explicit calls, so no writer can forget them.
//
// Only Dexie's own promises are awaited here before a write (not a plain value, nor an async function that may finish
// without awaiting one): awaiting anything else leaves Dexie's transaction zone, and the next write would not find
// its transaction.
import type {
  DBCore,
  DBCoreDeleteRangeRequest,
  DBCoreGetManyRequest,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
} from "dexie";
import { itemSearchWords, wordRowKey } from "../review/search-words";
import type { SearchWordsRow } from "./database";
import { addCounterChange, type CounterFields, type CounterKey, counterFields } from "./item-counters";

export const ITEMS_TABLE = "items";
export const CONTENTS_TABLE = "contents";
export const SEARCH_WORDS_TABLE = "searchIndex";
export const COUNTERS_TABLE = "counters";
/** The tables a write to each table may also write. */
const WRITTEN_WITH: Record<string, string[]> = {
  [ITEMS_TABLE]: [CONTENTS_TABLE, SEARCH_WORDS_TABLE, COUNTERS_TABLE],
  [CONTENTS_TABLE]: [SEARCH_WORDS_TABLE],
};
const TABLES = [ITEMS_TABLE, ...(WRITTEN_WITH[ITEMS_TABLE] ?? [])];

/** IndexedDB's "any key" range type (Dexie's DBCoreRangeType.Any, a const enum): `table.clear()`. */
const ANY_RANGE = 3;

/** The search words of a content row (none for a damaged row). */
export function rowSearchWords(row: unknown): string[] {
  const item = (row as { item?: unknown } | undefined)?.item;
  if (!item || typeof item !== "object") return [];
  return itemSearchWords(item as Parameters<typeof itemSearchWords>[0]);
}

/** The key of a content row's word row (by its capture time and hash). */
function wordRowKeyOf(contentHash: string, row: unknown): string {
  return wordRowKey((row as { capturedAt?: unknown } | undefined)?.capturedAt, contentHash);
}

/** The word row of a content row, keyed for date-ordered search; undefined when it has no words. */
export function searchWordsRow(contentHash: string, row: unknown): SearchWordsRow | undefined {
  const words = rowSearchWords(row);
  if (words.length === 0) return undefined;
  return { key: wordRowKeyOf(contentHash, row), words };
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
  contents: DBCoreTable;
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

/** The keys a request writes. */
function keysOf(table: DBCoreTable, req: DBCoreMutateRequest & { type: "add" | "put" }): unknown[] {
  const extractKey = table.schema.primaryKey.extractKey!;
  return req.keys ?? req.values.map((value) => extractKey(value));
}

/**
 * Runs a put or add whose keys held `stored` before, then hands `derive` each written key with its row before
 * (undefined: absent) and after. A key written twice in one request: the second write starts from the first.
 */
async function putAndDerive(
  table: DBCoreTable,
  req: DBCoreMutateRequest & { type: "add" | "put" },
  keys: unknown[],
  stored: unknown[],
  derive: (keys: unknown[], before: unknown[], after: unknown[]) => Promise<void>,
): Promise<DBCoreMutateResponse> {
  const result = await table.mutate(req);
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
  await derive(changed, before, after);
  return result;
}

/**
 * What a transaction knows of the records it read or wrote: the fields the counters are made of, by key (undefined:
 * no record). A decision reads its records (bulkGet) and writes them back (bulkPut); with this, the write learns what
 * it replaces without reading the same 10,000 records a second time. A read is only remembered when no write started
 * while it ran, and every write updates what it wrote, so what is known is what is stored.
 */
interface KnownRecords {
  writes: number;
  fields: Map<unknown, CounterFields | undefined>;
}
const known = new WeakMap<DBCoreTransaction, KnownRecords>();

function knownIn(trans: DBCoreTransaction): KnownRecords {
  let state = known.get(trans);
  if (!state) {
    state = { writes: 0, fields: new Map() };
    known.set(trans, state);
  }
  return state;
}

/** Reads records, and remembers their counter fields for a write later in the same read-write transaction. */
function readAndRemember(items: DBCoreTable, req: DBCoreGetManyRequest): Promise<unknown[]> {
  if ((req.trans as { mode?: unknown }).mode === "readonly") return items.getMany(req);
  const state = knownIn(req.trans);
  const writesBefore = state.writes;
  return items.getMany(req).then((rows) => {
    if (state.writes === writesBefore) {
      req.keys.forEach((key, i) => {
        state.fields.set(key, counterFields(rows[i]));
      });
    }
    return rows;
  });
}

/** The records under `keys` before a write (their counter fields), read only when the transaction does not know them. */
function recordsBefore(items: DBCoreTable, trans: DBCoreTransaction, keys: unknown[]): Promise<unknown[]> | unknown[] {
  const { fields } = knownIn(trans);
  if (keys.every((key) => fields.has(key))) return keys.map((key) => fields.get(key));
  return items.getMany({ trans, keys });
}

/** The keys a deleteRange request covers, read before it runs. */
function keysInRange(table: DBCoreTable, req: DBCoreDeleteRangeRequest): Promise<unknown[]> {
  const query = { index: table.schema.primaryKey, range: req.range };
  return table.query({ trans: req.trans, values: false, query }).then((found) => found.result);
}

/** Writes the word rows of contents going from `before` to `after` (undefined: absent) at `keys`. */
async function applyWordChanges(
  tables: Tables,
  trans: DBCoreTransaction,
  keys: readonly unknown[],
  before: readonly unknown[],
  after: readonly unknown[],
) {
  const wordRows: SearchWordsRow[] = [];
  const gone: string[] = [];
  keys.forEach((key, i) => {
    if (before[i] !== undefined && after[i] !== undefined && wordSource(before[i]) === wordSource(after[i])) return;
    const row = after[i] === undefined ? undefined : searchWordsRow(String(key), after[i]);
    if (row) wordRows.push(row);
    // The row before goes unless the new one replaces it (deleting a row that is not there is harmless).
    const old = before[i] === undefined ? undefined : wordRowKeyOf(String(key), before[i]);
    if (old !== undefined && old !== row?.key) gone.push(old);
  });
  if (wordRows.length > 0) await tables.words.mutate({ trans, type: "put", values: wordRows });
  if (gone.length > 0) await tables.words.mutate({ trans, type: "delete", keys: gone });
}

async function mutateContents(tables: Tables, req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
  const { contents } = tables;
  const trans = req.trans;
  if (req.type === "add" || req.type === "put") {
    const keys = keysOf(contents, req);
    // An add writes only keys that held nothing (IndexedDB refuses the others): nothing to read first.
    const stored = req.type === "add" ? keys.map(() => undefined) : await contents.getMany({ trans, keys });
    return putAndDerive(contents, req, keys, stored, (changed, before, after) =>
      applyWordChanges(tables, trans, changed, before, after),
    );
  }
  if (req.type === "deleteRange" && req.range.type === ANY_RANGE) {
    const result = await contents.mutate(req);
    await tables.words.mutate({ trans, type: "deleteRange", range: req.range });
    return result;
  }
  // A gone content takes its words along: their key comes from the content's capture time, read first.
  const keys = req.type === "delete" ? req.keys : await keysInRange(contents, req);
  const stored = await contents.getMany({ trans, keys });
  const result = await contents.mutate(req);
  const gone = keys.flatMap((key, i) =>
    stored[i] === undefined || result.failures[i] ? [] : [wordRowKeyOf(String(key), stored[i])],
  );
  if (gone.length > 0) await tables.words.mutate({ trans, type: "delete", keys: gone });
  return result;
}

async function mutateItems(tables: Tables, req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
  const { items } = tables;
  const trans = req.trans;
  const state = knownIn(trans);
  state.writes++;
  if (req.type === "add" || req.type === "put") {
    const keys = keysOf(items, req);
    // An add writes only keys that held nothing (IndexedDB refuses the others): nothing to read first.
    const remembered = req.type === "add" ? keys.map(() => undefined) : recordsBefore(items, trans, keys);
    // Awaited only when it is Dexie's read (see the top of this file).
    const stored = Array.isArray(remembered) ? remembered : await remembered;
    return putAndDerive(items, req, keys, stored, async (changed, before, after) => {
      const deltas = new Map<string, number>();
      changed.forEach((key, i) => {
        addCounterChange(deltas, before[i], after[i]);
        state.fields.set(key, counterFields(after[i]));
      });
      await applyCounterChanges(tables, trans, deltas);
    });
  }
  if (req.type === "deleteRange" && req.range.type === ANY_RANGE) {
    // Everything goes: so do the contents, the words and the counters.
    state.fields.clear();
    const result = await items.mutate(req);
    await mutateContents(tables, { trans, type: "deleteRange", range: req.range });
    await tables.counters.mutate({ trans, type: "deleteRange", range: req.range });
    return result;
  }
  const keys = req.type === "delete" ? req.keys : await keysInRange(items, req);
  const stored = await items.getMany({ trans, keys });
  const result = await items.mutate(req);
  const gone = keys.filter((_, i) => stored[i] !== undefined && !result.failures[i]);
  for (const key of keys) state.fields.delete(key);
  // An item is deleted whole: its content (and so its words) goes with its record.
  if (gone.length > 0) await mutateContents(tables, { trans, type: "delete", keys: gone });
  const deltas = new Map<string, number>();
  keys.forEach((_, i) => {
    if (stored[i] !== undefined && !result.failures[i]) addCounterChange(deltas, stored[i], undefined);
  });
  // Last: when nothing changes it awaits nothing of Dexie's, after which no write could follow (see the top).
  await applyCounterChanges(tables, trans, deltas);
  return result;
}

/**
 * Writes to the items and contents in one transaction run one after another: each reads the rows it derives from
 * (and the counters it changes), so two running at once would lose an update.
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
  // Below Dexie's hooks middleware (level 2), which looks up the Dexie transaction of the current zone: after this
  // middleware's own awaits that zone may be gone, and the hooks have nothing to say about derived writes anyway.
  // Above the virtual-index (1) and observability (0) middlewares, so live queries still see every derived write.
  level: 1.5,
  create(down) {
    // Before version 5 (and while a database is upgraded through version 4) the tables are not all there: the upgrade
    // to version 4 writes the words and counters itself.
    const complete = TABLES.every((name) => down.schema.tables.some((table) => table.name === name));
    if (!complete) return {};
    const tables: Tables = {
      items: down.table(ITEMS_TABLE),
      contents: down.table(CONTENTS_TABLE),
      words: down.table(SEARCH_WORDS_TABLE),
      counters: down.table(COUNTERS_TABLE),
    };
    return {
      // A transaction that may write items or contents also writes what follows from them.
      transaction(stores, mode, options) {
        const also = mode === "readwrite" ? stores.flatMap((name) => WRITTEN_WITH[name] ?? []) : [];
        const widened = also.length > 0 ? [...new Set([...stores, ...also])] : stores;
        return down.transaction(widened, mode, options);
      },
      table(name) {
        const table = down.table(name);
        // An upgrade (a versionchange transaction) writes what it derives itself: a store written here may not
        // exist yet at that version.
        const upgrading = (req: { trans: unknown }) => (req.trans as { mode?: unknown }).mode === "versionchange";
        if (name === ITEMS_TABLE) {
          return {
            ...table,
            getMany: (req) => readAndRemember(table, req),
            mutate: (req) =>
              upgrading(req) ? table.mutate(req) : oneAtATime(req.trans, () => mutateItems(tables, req)),
          };
        }
        if (name === CONTENTS_TABLE) {
          return {
            ...table,
            mutate: (req) =>
              upgrading(req) ? table.mutate(req) : oneAtATime(req.trans, () => mutateContents(tables, req)),
          };
        }
        return table;
      },
    };
  },
};
