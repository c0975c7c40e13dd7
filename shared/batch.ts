// Wire format of an upload: a batch of approved, redacted items and the server's per-item verdicts.
import { z } from "zod";
import { amountSchema } from "./amounts";
import { itemSchema } from "./item";

export const MAX_BATCH_ITEMS = 100;
export const MAX_BATCH_BYTES = 1_000_000;

export const contentHashSchema = z.string().regex(/^[0-9a-f]{64}$/, "must be a SHA-256 hex digest");
export const addressSchema = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte address");

export const batchRequestSchema = z
  .object({
    batchId: z.uuid(),
    items: z.array(itemSchema).min(1).max(MAX_BATCH_ITEMS),
  })
  .strict();
export type BatchRequest = z.infer<typeof batchRequestSchema>;

export const verdictSchema = z.discriminatedUnion("status", [
  z.object({
    contentHash: contentHashSchema,
    status: z.literal("accepted"),
    points: amountSchema,
    /** Why it earned less than its full score (an echo of stored text, the daily cap), when it did. */
    note: z.string().optional(),
  }),
  z.object({ contentHash: contentHashSchema, status: z.literal("duplicate") }),
  z.object({ contentHash: contentHashSchema, status: z.literal("refused"), reason: z.string() }),
]);
export type Verdict = z.infer<typeof verdictSchema>;

export const batchResponseSchema = z.object({
  batchId: z.uuid(),
  contributor: addressSchema,
  /** One verdict per item, in the order of the request. */
  verdicts: z.array(verdictSchema),
  credited: amountSchema,
});
export type BatchResponse = z.infer<typeof batchResponseSchema>;

export const balanceSchema = z.object({
  address: addressSchema,
  balance: amountSchema,
  itemsAccepted: z.number().int().nonnegative(),
});
export type Balance = z.infer<typeof balanceSchema>;
