// batch: approved items are assigned to a batch id, and the exact body is persisted, before anything is sent.
import { MAX_BATCH_BYTES, MAX_BATCH_ITEMS } from "../../shared/batch";
import type { StoredBatch, StoredItem, TributaryDatabase } from "../storage/database";

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

/**
 * Moves every approved item into a batch (≤ MAX_BATCH_ITEMS items, ≤ MAX_BATCH_BYTES bytes) in one transaction each,
 * so a service worker killed at any point leaves each item either approved or queued under a persisted batch id.
 */
export async function formBatches(db: TributaryDatabase, now: number, newId: () => string): Promise<number> {
  let formed = 0;
  for (;;) {
    const made = await db.transaction("rw", db.items, db.batches, async () => {
      const approved = await db.items.where("status").equals("approved").limit(MAX_BATCH_ITEMS).toArray();
      if (approved.length === 0) return false;
      const id = newId();
      const { members, body } = packBatch(id, approved);
      if (members.length === 0) {
        // A single item larger than a batch can never be sent: refuse it locally with a reason.
        await db.items.update(approved[0]!.contentHash, {
          status: "refused",
          updatedAt: now,
          verdict: { contentHash: approved[0]!.contentHash, status: "refused", reason: "too large to upload" },
        });
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
