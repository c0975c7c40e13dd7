// Exact counts of the items, kept in a few small rows updated in the same transaction as the items (see
// derived-rows.ts), so the popup, the badge and the review tabs read a handful of rows instead of counting 100,000.
import type { Table } from "dexie";
import { ITEM_STATUSES, type ItemStatus } from "./item-status";

/**
 * Counts by time go in quarter-hour buckets (UTC): every time zone's midnight falls on a quarter hour, so "today"
 * is a whole number of buckets wherever the user is, and a change of time zone never puts a count in the wrong day.
 */
export const BUCKET_MS = 15 * 60_000;

/** `status`: items in a status; `captured`: items captured in a bucket; `uploaded`: items uploaded in a bucket. */
export type CounterGroup = "status" | "captured" | "uploaded";
export type CounterKey = [group: CounterGroup, part: string | number];

export interface ItemCounter {
  key: CounterKey;
  count: number;
}

export type CounterTable = Table<ItemCounter, CounterKey>;

const STATUSES = new Set<unknown>(ITEM_STATUSES);

export function bucketOf(epochMs: number): number {
  return Math.floor(epochMs / BUCKET_MS);
}

/** The fields of a record the counters are made of. */
export type CounterFields = { status?: unknown; capturedAt?: unknown; updatedAt?: unknown };

/** A copy of those fields of a row (undefined for no row): enough for countersOf. */
export function counterFields(row: unknown): CounterFields | undefined {
  if (!row || typeof row !== "object") return undefined;
  const { status, capturedAt, updatedAt } = row as CounterFields;
  return { status, capturedAt, updatedAt };
}

/** The counters a stored row adds one to (any row, damaged ones included: a damaged row counts where it can). */
export function countersOf(row: unknown): CounterKey[] {
  if (!row || typeof row !== "object") return [];
  const { status, capturedAt, updatedAt } = row as { status?: unknown; capturedAt?: unknown; updatedAt?: unknown };
  const keys: CounterKey[] = [];
  if (STATUSES.has(status)) keys.push(["status", status as string]);
  if (typeof capturedAt === "number" && Number.isFinite(capturedAt)) keys.push(["captured", bucketOf(capturedAt)]);
  if (status === "uploaded" && typeof updatedAt === "number" && Number.isFinite(updatedAt)) {
    keys.push(["uploaded", bucketOf(updatedAt)]);
  }
  return keys;
}

/** Adds the change from `before` to `after` (either absent for a new or deleted row) to `deltas`. */
export function addCounterChange(deltas: Map<string, number>, before: unknown, after: unknown): void {
  for (const key of countersOf(before)) {
    const id = JSON.stringify(key);
    deltas.set(id, (deltas.get(id) ?? 0) - 1);
  }
  for (const key of countersOf(after)) {
    const id = JSON.stringify(key);
    deltas.set(id, (deltas.get(id) ?? 0) + 1);
  }
}

/** Counter rows from a tally made with addCounterChange (the upgrade that introduced them, and test seeding). */
export function counterRows(tally: Map<string, number>): ItemCounter[] {
  return [...tally]
    .filter(([, count]) => count !== 0)
    .map(([id, count]) => ({ key: JSON.parse(id) as CounterKey, count }));
}

export type StatusCounts = Record<ItemStatus, number>;

export async function countByStatus(counters: CounterTable): Promise<StatusCounts> {
  const rows = await counters.where(":id").between(["status", ""], ["status", "\uffff"]).toArray();
  const counts = Object.fromEntries(ITEM_STATUSES.map((status) => [status, 0])) as StatusCounts;
  for (const row of rows) counts[row.key[1] as ItemStatus] = row.count;
  return counts;
}

export async function countInStatus(counters: CounterTable, status: ItemStatus): Promise<number> {
  return (await counters.get(["status", status]))?.count ?? 0;
}

/** Items captured (or uploaded) at or after `since` (epoch ms, on a quarter hour: a local midnight). */
export async function countSince(
  counters: CounterTable,
  group: "captured" | "uploaded",
  since: number,
): Promise<number> {
  const rows = await counters
    .where(":id")
    .between([group, bucketOf(since)], [group, Infinity], true, true)
    .toArray();
  return rows.reduce((sum, row) => sum + row.count, 0);
}
