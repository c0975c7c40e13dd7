// The captured item: the unit of data, identical on the device, on the wire and in the server.
import { z } from "zod";
import { MAX_TEXT_LENGTH } from "./item-limits";

export const PLATFORMS = [
  "x",
  "reddit",
  "youtube",
  "tiktok",
  "bluesky",
  "mastodon",
  "instagram",
  "linkedin",
  "threads",
  "discord",
  "facebook",
] as const;
export const platformSchema = z.enum(PLATFORMS);
export type Platform = z.infer<typeof platformSchema>;

export const ITEM_KINDS = ["post", "reply", "repost", "quote", "video", "comment", "message"] as const;
export const itemKindSchema = z.enum(ITEM_KINDS);
export type ItemKind = z.infer<typeof itemKindSchema>;

export const MEDIA_TYPES = ["image", "video", "gif", "audio", "link"] as const;

export { MAX_TEXT_LENGTH };

const MAX_URL_LENGTH = 2048;

const countSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullable();
const urlSchema = z
  .string()
  .max(MAX_URL_LENGTH)
  .regex(/^https?:\/\/[^\s]+$/, "must be an http(s) URL");

export const authorSchema = z
  .object({
    id: z.string().max(128),
    handle: z.string().max(128),
    name: z.string().max(256),
  })
  .strict();
export type Author = z.infer<typeof authorSchema>;

export const mediaSchema = z.object({ type: z.enum(MEDIA_TYPES), url: urlSchema }).strict();
export type Media = z.infer<typeof mediaSchema>;

export const metricsSchema = z
  .object({ likes: countSchema, reposts: countSchema, replies: countSchema, views: countSchema })
  .strict();
export type Metrics = z.infer<typeof metricsSchema>;

export const itemSchema = z
  .object({
    platform: platformSchema,
    id: z.string().min(1).max(128),
    url: urlSchema.nullable(),
    kind: itemKindSchema,
    text: z.string().max(MAX_TEXT_LENGTH),
    author: authorSchema,
    createdAt: z.iso.datetime({ offset: true }).nullable(),
    lang: z.string().max(16).nullable(),
    media: z.array(mediaSchema).max(50),
    metrics: metricsSchema,
    promoted: z.boolean(),
    /** The post this one reposts or quotes (same platform), or null. */
    originalId: z.string().max(128).nullable(),
    /** The post this one answers (same platform), or null. */
    replyToId: z.string().max(128).nullable(),
    source: z
      .object({
        endpoint: z.string().max(256),
        capturedAt: z.iso.datetime({ offset: true }),
      })
      .strict(),
  })
  .strict();
export type Item = z.infer<typeof itemSchema>;

export const emptyMetrics: Metrics = { likes: null, reposts: null, replies: null, views: null };
