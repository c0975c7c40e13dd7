// Bulk decisions, recorded at once and applied behind the user's back. Approving 10,000 items means rewriting 10,000
// records, and IndexedDB takes seconds for that whatever the code around it; the user should not wait. So a bulk
// decision is written first as a few rows of keys (`decisions`: one write, durable at once), every count and list
// the user sees takes the recorded decisions into account, and the records are rewritten afterwards, a chunk per
// transaction, by whoever drains the table first (the background on the page's request, the upload queue before it
// forms batches, the export). A chunk applies only to records still in the status the decision was taken from, so a
// record that moved on meanwhile (uploaded, deleted, decided again) is left alone, and applying twice changes nothing.
// The last bulk decision keeps what it changed (`appliedDecisions`) so that it can be undone exactly.
import { exclusive } from "../platform/exclusive";
import type { ItemRecord, ItemStatus, TributaryDatabase } from "./database";
import { countByStatus, type StatusCounts } from "./item-counters";
import { ITEM_STATUSES } from "./item-status";

/** Keys per row, and so per transaction when applied: a transaction of this size takes a fraction of a second. */
export const DECISION_CHUNK = 500;

/** A part of a bulk decision not applied yet. */
export interface DecisionRow {
  seq?: number;
  /** The bulk decision it is part of. */
  decision: string;
  from: ItemStatus;
  to: ItemStatus;
  /** When it was taken: the records' `updatedAt` once applied. */
  at: number;
  keys: string[];
}

/** A part of the last bulk decision once applied: the records it changed, with their `updatedAt` before. */
export interface AppliedDecisionRow {
  seq: number;
  decision: string;
  from: ItemStatus;
  to: ItemStatus;
  keys: string[];
  updatedAt: number[];
}

/** What the recorded decisions not applied yet change: the keys leaving a status, and the counts per status. */
export interface DecisionsInFlight {
  /** Keys of records whose status is about to change, with the status they leave. */
  leaving: Map<string, ItemStatus>;
  /** Per status, how the counts change once everything recorded is applied. */
  delta: Record<ItemStatus, number>;
  /** Keys not applied yet. */
  total: number;
}

const LOCK = "tributary-decisions";

/**
 * Records a decision on `keys`, all in status `from` when the user chose them, to `to`; returns its id. The previous
 * bulk decision's undo information goes (only the last one can be undone).
 */
export async function recordDecision(
  db: TributaryDatabase,
  keys: readonly string[],
  from: ItemStatus,
  to: ItemStatus,
  at: number,
): Promise<string> {
  const decision = crypto.randomUUID();
  const unique = [...new Set(keys)];
  const rows: DecisionRow[] = [];
  for (let start = 0; start < unique.length; start += DECISION_CHUNK) {
    rows.push({ decision, from, to, at, keys: unique.slice(start, start + DECISION_CHUNK) });
  }
  await db.transaction("rw", db.decisions, db.appliedDecisions, async () => {
    await db.appliedDecisions.clear();
    await db.decisions.bulkAdd(rows);
  });
  return decision;
}

const noDelta = (): Record<ItemStatus, number> =>
  Object.fromEntries(ITEM_STATUSES.map((status) => [status, 0])) as Record<ItemStatus, number>;

/** The decisions recorded and not applied yet (a handful of rows), as the views need them. */
export async function decisionsInFlight(db: TributaryDatabase): Promise<DecisionsInFlight> {
  const rows = await db.decisions.toArray();
  const leaving = new Map<string, ItemStatus>();
  const delta = noDelta();
  let total = 0;
  for (const row of rows) {
    for (const key of row.keys) leaving.set(key, row.from);
    delta[row.from] -= row.keys.length;
    delta[row.to] += row.keys.length;
    total += row.keys.length;
  }
  return { leaving, delta, total };
}

/** Keys about to leave `status` (by decisions recorded and not applied yet): the lists of that status hide them. */
export async function keysLeaving(db: TributaryDatabase, status: ItemStatus): Promise<Set<string>> {
  const keys = new Set<string>();
  for (const row of await db.decisions.toArray()) if (row.from === status) for (const key of row.keys) keys.add(key);
  return keys;
}

/** Whether decisions recorded and not applied yet move items into or out of `status`. */
export async function decisionsTouch(db: TributaryDatabase, status: ItemStatus): Promise<boolean> {
  return (await db.decisions.toArray()).some((row) => row.from === status || row.to === status);
}

/** The items in each status as the user should see them: the counters, and the decisions not applied yet. */
export function countByStatusDecided(db: TributaryDatabase): Promise<StatusCounts> {
  return db.transaction("r", db.counters, db.decisions, async () => {
    const [counts, inFlight] = await Promise.all([countByStatus(db.counters), decisionsInFlight(db)]);
    for (const status of ITEM_STATUSES) counts[status] += inFlight.delta[status];
    return counts;
  });
}

/**
 * Applies one recorded row (the oldest), in one transaction with the records it changes; false when there was none.
 * The row moves to `appliedDecisions`, with what it changed.
 */
async function applyOldest(db: TributaryDatabase): Promise<boolean> {
  return db.transaction("rw", db.items, db.decisions, db.appliedDecisions, async () => {
    const row = await db.decisions.orderBy("seq").first();
    if (!row || row.seq === undefined) return false;
    const records = await db.items.bulkGet(row.keys);
    const changed: ItemRecord[] = [];
    const updatedAt: number[] = [];
    for (const record of records) {
      if (!record || record.status !== row.from) continue;
      changed.push({ ...record, status: row.to, updatedAt: row.at });
      updatedAt.push(record.updatedAt);
    }
    await db.items.bulkPut(changed);
    await db.decisions.delete(row.seq);
    await db.appliedDecisions.add({
      seq: row.seq,
      decision: row.decision,
      from: row.from,
      to: row.to,
      keys: changed.map((record) => record.contentHash),
      updatedAt,
    });
    return true;
  });
}

/**
 * Applies every recorded decision, oldest first, a chunk per transaction; one drain at a time across the extension.
 * Returns how many rows were applied.
 */
export function applyDecisions(db: TributaryDatabase): Promise<number> {
  return exclusive(LOCK, async () => {
    let applied = 0;
    while (await applyOldest(db)) applied++;
    return applied;
  });
}

/**
 * Undoes a bulk decision: what is not applied yet is dropped, what was applied is put back (records still in the
 * status it gave them, with their `updatedAt` before). Returns how many records it put back or kept from changing.
 */
export async function undoDecision(db: TributaryDatabase, decision: string): Promise<number> {
  return db.transaction("rw", db.items, db.decisions, db.appliedDecisions, async () => {
    const waiting = await db.decisions.where("decision").equals(decision).toArray();
    const applied = await db.appliedDecisions.where("decision").equals(decision).toArray();
    await db.decisions.bulkDelete(waiting.map((row) => row.seq!));
    await db.appliedDecisions.bulkDelete(applied.map((row) => row.seq));
    let undone = waiting.reduce((sum, row) => sum + row.keys.length, 0);
    for (const row of applied) {
      const records = await db.items.bulkGet(row.keys);
      const back: ItemRecord[] = [];
      records.forEach((record, i) => {
        if (record && record.status === row.to)
          back.push({ ...record, status: row.from, updatedAt: row.updatedAt[i]! });
      });
      await db.items.bulkPut(back);
      undone += back.length;
    }
    return undone;
  });
}
