// batch: approved items are assigned to a batch id, and the exact body is persisted, before anything is sent.
import { MAX_BATCH_BYTES, MAX_BATCH_ITEMS } from "../../shared/batch";
import type { StoredBatch, StoredItem, TributaryDatabase } from "../storage/database";
import { applyDecisions } from "../storage/decisions";
import { withContents } from "../storage/item-parts";

const encoder = new TextEncoder();

function serialise(batchId: string, items: StoredItem[]): string {
  return JSON.stringify({ batchId, items: items.map((stored) => stored.item) });
}

/**
 * The items (in order) that fit one batch, its exact body and its size in bytes; also what the review page shows as
 * "what will be sent".
 */
export function packBatch(id: string, approved: StoredItem[]): { members: StoredItem[]; body: string; bytes: number } {
  const members: StoredItem[] = [];
  // Envelope bytes plus each item's bytes and its separating comma: the body's exact size, without re-serialising.
  let bytes = encoder.encode(serialise(id, [])).length;
  for (const stored of approved.slice(0, MAX_BATCH_ITEMS)) {
    const itemBytes = encoder.encode(JSON.stringify(stored.item)).length + (members.length > 0 ? 1 : 0);
    if (bytes + itemBytes > MAX_BATCH_BYTES) break;
    bytes += itemBytes;
    members.push(stored);
  }
  return { members, body: serialise(id, members), bytes };
}

/** Marks items refused on the device itself: they can never be sent, and the review page says why. */
async function refuseHere(db: TributaryDatabase, hashes: string[], reason: string, now: number): Promise<void> {
  await db.items.bulkUpdate(
    hashes.map((contentHash) => ({
      key: contentHash,
      changes: {
        status: "refused" as const,
        updatedAt: now,
        verdict: { contentHash, status: "refused" as const, reason },
      },
    })),
  );
}

/**
 * Moves every approved item into a batch (≤ MAX_BATCH_ITEMS items, ≤ MAX_BATCH_BYTES bytes) in one transaction each,
 * so a service worker killed at any point leaves each item either approved or queued under a persisted batch id.
 */
export async function formBatches(db: TributaryDatabase, now: number, newId: () => string): Promise<number> {
  // Bulk decisions recorded and not applied yet are applied first: every item the user approved is batched, none
  // the user took back.
  await applyDecisions(db);
  let formed = 0;
  for (;;) {
    const made = await db.transaction("rw", db.items, db.contents, db.batches, async () => {
      const records = await db.items.where("status").equals("approved").limit(MAX_BATCH_ITEMS).toArray();
      if (records.length === 0) return false;
      const read = await withContents(db, records);
      const approved = read.filter((stored): stored is StoredItem => stored !== undefined);
      if (approved.length < records.length) {
        // An item whose content is gone (a damaged database) has nothing to send.
        const missing = records.filter((_, i) => read[i] === undefined).map((record) => record.contentHash);
        await refuseHere(db, missing, "its content is missing from this device", now);
        if (approved.length === 0) return true;
      }
      const id = newId();
      const { members, body } = packBatch(id, approved);
      if (members.length === 0) {
        // A single item larger than a batch can never be sent.
        await refuseHere(db, [approved[0]!.contentHash], "too large to upload", now);
        return true;
      }
      const batch: StoredBatch = {
        id,
        contentHashes: members.map((m) => m.contentHash),
        body,
        state: "open",
        createdAt: now,
        attempts: 0,
        nextAttemptAt: now,
      };
      await db.batches.add(batch);
      await db.items.bulkUpdate(
        members.map((m) => ({
          key: m.contentHash,
          changes: { status: "queued" as const, batchId: id, updatedAt: now },
        })),
      );
      return true;
    });
    if (!made) return formed;
    formed++;
  }
}
