// The user's decisions on captured items: only pending, approved or rejected items can change their mind.
import type { ItemStatus, TributaryDatabase } from "../storage/database";

const DECIDABLE: ItemStatus[] = ["pending", "approved", "rejected"];

async function decide(db: TributaryDatabase, hashes: string[], status: "approved" | "rejected"): Promise<number> {
  const now = Date.now();
  return db.transaction("rw", db.items, async () => {
    const current = await db.items.bulkGet(hashes);
    const changes = current
      .filter((stored) => stored !== undefined && DECIDABLE.includes(stored.status) && stored.status !== status)
      .map((stored) => ({ key: stored!.contentHash, changes: { status, updatedAt: now } }));
    await db.items.bulkUpdate(changes);
    return changes.length;
  });
}

export const approveItems = (db: TributaryDatabase, hashes: string[]) => decide(db, hashes, "approved");
export const rejectItems = (db: TributaryDatabase, hashes: string[]) => decide(db, hashes, "rejected");

/** Approves or rejects every item currently pending. */
export async function decideAllPending(db: TributaryDatabase, status: "approved" | "rejected"): Promise<number> {
  const now = Date.now();
  return db.items.where("status").equals("pending").modify({ status, updatedAt: now });
}
