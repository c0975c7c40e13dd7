// The user's decisions on captured items: only pending, approved or rejected items can change their mind; every
// bulk decision or deletion can be undone once.
import type { ItemContent, ItemRecord, ItemStatus, TributaryDatabase } from "../storage/database";
import { DECISION_CHUNK, recordDecision, undoDecision } from "../storage/decisions";

const DECIDABLE: ItemStatus[] = ["pending", "approved", "rejected"];
/** Items in a batch being sent stay until the server answers (deleting them would orphan the batch); any other row,
 * damaged ones included, can be deleted. */
const UNDELETABLE: unknown[] = ["queued"];

export type ReviewAction = "approve" | "reject" | "delete";

/** What an action changed, so it can be put back. */
export interface UndoRecord {
  action: ReviewAction;
  /** How many items the action changed. */
  count: number;
  /** approve/reject: each changed item's status and time before the action. */
  previous: Map<string, { status: ItemStatus; updatedAt: number }>;
  /** delete: the rows as they were (a damaged item's record without its content too). */
  deleted: { record: ItemRecord; content: ItemContent | undefined }[];
  /** A bulk decision recorded to be applied afterwards (decisions.ts): its id. */
  decision?: string;
}

function isDeletable(row: { status?: unknown }): boolean {
  return !UNDELETABLE.includes(row.status);
}

/**
 * Rewrites the changed records with bulk reads and writes (a cursor hopping over thousands of keys is far slower);
 * the items' contents are neither read nor written.
 */
async function decide(db: TributaryDatabase, hashes: string[], status: "approved" | "rejected", now: number) {
  const previous: UndoRecord["previous"] = new Map();
  await db.transaction("rw", db.items, async () => {
    const changed: ItemRecord[] = [];
    for (const row of await db.items.bulkGet(hashes)) {
      if (!row || !DECIDABLE.includes(row.status) || row.status === status || previous.has(row.contentHash)) continue;
      previous.set(row.contentHash, { status: row.status, updatedAt: row.updatedAt });
      changed.push({ ...row, status, updatedAt: now });
    }
    await db.items.bulkPut(changed);
  });
  return previous;
}

/**
 * Approves, rejects or deletes the given items; returns what to undo. `from`: the status the items were all in when
 * the user chose them (the list they were chosen in); with it, a decision on many items is recorded at once and
 * applied to their records afterwards (see decisions.ts), so the user does not wait for thousands of writes.
 */
export async function applyReviewAction(
  db: TributaryDatabase,
  hashes: string[],
  action: ReviewAction,
  now = Date.now(),
  from?: ItemStatus,
): Promise<UndoRecord> {
  if (action === "delete") {
    const deleted = await db.transaction("rw", db.items, db.contents, async () => {
      const records = (await db.items.bulkGet(hashes)).filter(
        (record): record is ItemRecord => record !== undefined && isDeletable(record),
      );
      const keys = records.map((record) => record.contentHash);
      const contents = await db.contents.bulkGet(keys);
      // Deleting the records deletes their contents too (derived-rows.ts).
      await db.items.bulkDelete(keys);
      return records.map((record, i) => ({ record, content: contents[i] }));
    });
    return { action, count: deleted.length, previous: new Map(), deleted };
  }
  const to = action === "approve" ? "approved" : "rejected";
  if (from !== undefined && DECIDABLE.includes(from) && from !== to && hashes.length >= DECISION_CHUNK) {
    const decision = await recordDecision(db, hashes, from, to, now);
    return { action, count: new Set(hashes).size, previous: new Map(), deleted: [], decision };
  }
  const previous = await decide(db, hashes, to, now);
  return { action, count: previous.size, previous, deleted: [] };
}

/** Puts back what an action changed, leaving alone any item that moved on since (e.g. it was uploaded). */
export async function undoReviewAction(db: TributaryDatabase, record: UndoRecord): Promise<void> {
  if (record.decision !== undefined) {
    await undoDecision(db, record.decision);
    return;
  }
  if (record.action === "delete") {
    await db.transaction("rw", db.items, db.contents, async () => {
      const present = await db.items.bulkGet(record.deleted.map((row) => row.record.contentHash));
      const back = record.deleted.filter((_, i) => present[i] === undefined);
      await db.contents.bulkPut(back.flatMap((row) => (row.content ? [row.content] : [])));
      await db.items.bulkAdd(back.map((row) => row.record));
    });
    return;
  }
  const applied: ItemStatus = record.action === "approve" ? "approved" : "rejected";
  await db.transaction("rw", db.items, async () => {
    const changed: ItemRecord[] = [];
    for (const row of await db.items.bulkGet([...record.previous.keys()])) {
      const before = row && record.previous.get(row.contentHash);
      if (!row || !before || row.status !== applied) continue;
      changed.push({ ...row, status: before.status, updatedAt: before.updatedAt });
    }
    await db.items.bulkPut(changed);
  });
}

export async function approveItems(db: TributaryDatabase, hashes: string[]): Promise<number> {
  return (await applyReviewAction(db, hashes, "approve")).count;
}
export async function rejectItems(db: TributaryDatabase, hashes: string[]): Promise<number> {
  return (await applyReviewAction(db, hashes, "reject")).count;
}

/** Approves or rejects every item currently pending. */
export async function decideAllPending(db: TributaryDatabase, status: "approved" | "rejected"): Promise<number> {
  const now = Date.now();
  return db.items.where("status").equals("pending").modify({ status, updatedAt: now });
}
