// Messages between the extension's pages, content scripts and background, validated on arrival.
import { z } from "zod";
import { itemSchema, platformSchema } from "../shared/item";
import { MAX_PAGE_EVENT_CHARS } from "./capture/capture-limits";

/** Items a tab parsed from what the site sent; only these cross to the background, never the raw response. */
export const capturedItemsMessageSchema = z
  .object({
    type: z.literal("captured-items"),
    platform: platformSchema,
    items: z.array(itemSchema).max(5000),
  })
  .strict();
export type CapturedItemsMessage = z.infer<typeof capturedItemsMessageSchema>;

/** A response an adapter matched but could not read: counted, so a platform's format change is noticed. */
export const unparsedResponseMessageSchema = z
  .object({
    type: z.literal("unparsed-response"),
    platform: platformSchema,
    endpoint: z.string().max(256),
    keys: z.array(z.string().max(128)).max(16),
    error: z.string().max(200).optional(),
  })
  .strict();
export type UnparsedResponseMessage = z.infer<typeof unparsedResponseMessageSchema>;

/**
 * What a tab's page-side hook handed over (a captured-items or unparsed-response message, as JSON text), forwarded as
 * it came: the isolated world neither parses nor re-serialises it; the background checks it (`readPageCapture`).
 */
export const pageCaptureMessageSchema = z
  .object({ type: z.literal("page-capture"), text: z.string().max(MAX_PAGE_EVENT_CHARS) })
  .strict();
export type PageCaptureTextMessage = z.infer<typeof pageCaptureMessageSchema>;

const pageCaptureContentSchema = z.discriminatedUnion("type", [
  capturedItemsMessageSchema,
  unparsedResponseMessageSchema,
]);

/** The message a page-capture text holds, checked as strictly as any message; undefined when it is not one. */
export function readPageCapture(text: string): CapturedItemsMessage | UnparsedResponseMessage | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = pageCaptureContentSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

export const uploadNowMessageSchema = z.object({ type: z.literal("upload-now") }).strict();

/** The review page recorded a bulk decision: the background applies it to the items (storage/decisions.ts). */
export const applyDecisionsMessageSchema = z.object({ type: z.literal("apply-decisions") }).strict();

/** A page that shows or exports items opened: the background stores what tabs captured now (its answer: how many). */
export const storeCapturesMessageSchema = z.object({ type: z.literal("store-captures") }).strict();

export const runtimeMessageSchema = z.discriminatedUnion("type", [
  capturedItemsMessageSchema,
  unparsedResponseMessageSchema,
  pageCaptureMessageSchema,
  uploadNowMessageSchema,
  applyDecisionsMessageSchema,
  storeCapturesMessageSchema,
]);
export type RuntimeMessage = z.infer<typeof runtimeMessageSchema>;

export const uploadReportSchema = z.object({
  sent: z.number(),
  retrying: z.number(),
  failed: z.number(),
  nextAttemptAt: z.number().optional(),
  lastError: z.string().optional(),
});
export type UploadReport = z.infer<typeof uploadReportSchema>;
