// Wire format of a contributor's receipts: one per ingested batch, with each item's verdict, newest first, by pages.
import { z } from "zod";
import { amountSchema } from "./amounts";
import { verdictSchema } from "./batch";

export const MAX_RECEIPTS_PER_PAGE = 100;
export const DEFAULT_RECEIPTS_PER_PAGE = 20;

/** Query of GET /v1/contributors/:address/receipts. */
export const receiptsQuerySchema = z
  .object({
    /** The `nextCursor` of the previous page; absent for the first page. */
    cursor: z
      .string()
      .max(200)
      .regex(/^[A-Za-z0-9_-]+$/, "must be a cursor from a previous page")
      .optional(),
    limit: z.coerce.number().int().min(1).max(MAX_RECEIPTS_PER_PAGE).default(DEFAULT_RECEIPTS_PER_PAGE),
  })
  .strict();
export type ReceiptsQuery = z.infer<typeof receiptsQuerySchema>;

export const receiptSchema = z.object({
  batchId: z.uuid(),
  receivedAt: z.iso.datetime({ offset: true }),
  credited: amountSchema,
  /** One per item of the batch, in the order sent: content hash, verdict and points. */
  verdicts: z.array(verdictSchema),
});
export type Receipt = z.infer<typeof receiptSchema>;

export const receiptsPageSchema = z.object({
  receipts: z.array(receiptSchema),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type ReceiptsPage = z.infer<typeof receiptsPageSchema>;
