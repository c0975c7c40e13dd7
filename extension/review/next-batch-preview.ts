// "What will be sent": the next batch exactly as the upload queue will form it (same packing, same body).
import { MAX_BATCH_ITEMS } from "../../shared/batch";
import type { StoredItem, TributaryDatabase } from "../storage/database";
import { applyDecisions } from "../storage/decisions";
import { countInStatus } from "../storage/item-counters";
import { withContents } from "../storage/item-parts";
import { packBatch } from "../upload/form-batches";

/** Stands in for the batch id, which is drawn when the batch is formed; same length, so the size is exact. */
export const PREVIEW_BATCH_ID = "00000000-0000-4000-8000-000000000000";

export interface NextBatchPreview {
  /** Items in the next batch. */
  count: number;
  /** Size of the request body in bytes. */
  bytes: number;
  body: string;
  /** All approved items waiting (the next batch takes the first of them). */
  approved: number;
}

export async function previewNextBatch(db: TributaryDatabase): Promise<NextBatchPreview> {
  // The upload applies the bulk decisions recorded before it forms a batch (upload-queue.ts): so does the preview.
  await applyDecisions(db);
  const [first, approved] = await Promise.all([
    db.transaction("r", db.items, db.contents, async () =>
      withContents(db, await db.items.where("status").equals("approved").limit(MAX_BATCH_ITEMS).toArray()),
    ),
    countInStatus(db.counters, "approved"),
  ]);
  // An item whose content is missing is refused when the batch is formed, so it is not in the preview.
  const readable = first.filter((stored): stored is StoredItem => stored !== undefined);
  const { members, body, bytes } = packBatch(PREVIEW_BATCH_ID, readable);
  return { count: members.length, bytes, body, approved };
}
