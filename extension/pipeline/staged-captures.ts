// Capture in two steps, so that a page scrolling fast pays for one IndexedDB write per message: the posts a tab sends
// are kept at once as they came (after the user's consent and rules, before redaction, in `captures`), and stored as
// items (redacted; a record, a content and a word row each, the writes that cost) a chunk per transaction, when the
// user pauses (background/capture-storing.ts decides when). A chunk is stored and taken off its staged row in one
// transaction, so a worker stopped midway loses nothing and stores nothing twice.
import type { CapturedItemsMessage } from "../messages";
import type { TributaryDatabase } from "../storage/database";
import { type IngestDeps, keptItems, storeCapturedPosts } from "./ingest-capture";

export interface StageResult {
  parsed: number;
  kept: number;
  /** Posts kept for storing (the background stores them shortly: see capture-storing.ts). */
  staged: number;
}

/** Posts stored per transaction: a fraction of a second of IndexedDB work, so new captures never wait long. */
export const STORE_CHUNK = 200;

/** Keeps what the user's consent and rules let through, as one row; it is stored as items later. */
export async function stageItems(
  message: CapturedItemsMessage,
  deps: Pick<IngestDeps, "db" | "settings" | "now">,
): Promise<StageResult> {
  const kept = keptItems(message, deps.settings, deps.now);
  if (kept.length > 0) await deps.db.captures.add({ platform: message.platform, items: kept, at: deps.now });
  return { parsed: message.items.length, kept: kept.length, staged: kept.length };
}

export interface StoredChunk {
  /** Posts taken off the staged rows (stored, already on the device, or dropped as their platform is off now). */
  taken: number;
  /** Of those, the new items stored. */
  stored: number;
  /** Whether staged posts remain. */
  left: boolean;
}

/**
 * Stores the oldest staged posts, at most `chunk` of them, in one transaction with their removal from `captures`.
 * `deps.secret` must be given: the transaction can wait on nothing but its own requests. Posts of a platform the user
 * turned off meanwhile are dropped, not stored: consent is read when they are stored, too.
 */
export async function storeStagedChunk(
  db: TributaryDatabase,
  deps: Omit<IngestDeps, "db"> & { secret: Uint8Array },
  chunk = STORE_CHUNK,
): Promise<StoredChunk> {
  return db.transaction("rw", db.captures, db.items, db.contents, async () => {
    const row = await db.captures.orderBy(":id").first();
    if (!row || row.seq === undefined) return { taken: 0, stored: 0, left: false };
    const items = Array.isArray(row.items) ? row.items : [];
    const taken = items.slice(0, chunk);
    const rest = items.slice(chunk);
    if (rest.length > 0) await db.captures.put({ ...row, items: rest });
    else await db.captures.delete(row.seq);
    const consented = deps.settings.platforms[row.platform] === true;
    const stored = consented
      ? await storeCapturedPosts(taken, { ...deps, db, capturedAt: typeof row.at === "number" ? row.at : deps.now })
      : 0;
    const left = rest.length > 0 || (await db.captures.count()) > 0;
    return { taken: taken.length, stored, left };
  });
}
