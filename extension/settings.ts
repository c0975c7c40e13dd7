// The user's settings, kept in extension storage and validated on every read.
import { browser } from "wxt/browser";
import { z } from "zod";
import { PLATFORMS, type Platform } from "../shared/item";

export const DEFAULT_SERVER_URL = "http://127.0.0.1:8787";

const platformConsentSchema = z
  .object(
    Object.fromEntries(PLATFORMS.map((p) => [p, z.boolean().default(false)])) as Record<
      Platform,
      z.ZodDefault<z.ZodBoolean>
    >,
  )
  .default(Object.fromEntries(PLATFORMS.map((p) => [p, false])) as Record<Platform, boolean>);

/** The user's rules, applied before anything is stored (see pipeline/filter-items.ts). */
export const filterRulesSchema = z.object({
  /** Drop promoted posts and ads. */
  dropPromoted: z.boolean().default(true),
  /** Items whose text contains one of these words or phrases (case-insensitive) are dropped. */
  keywords: z.array(z.string().min(1).max(200)).max(1000).default([]),
  /** Items whose text matches one of these regular expressions (JavaScript syntax, case-insensitive) are dropped. */
  patterns: z.array(z.string().min(1).max(500)).max(200).default([]),
  /** Items by these authors (handles, without @, case-insensitive) are dropped. */
  authors: z.array(z.string().min(1).max(200)).max(5000).default([]),
  /** Items with fewer characters of text are dropped. */
  minTextLength: z.number().int().min(0).max(10_000).default(0),
  /** Only items in these languages (ISO 639-1 codes) are kept; empty keeps every language. */
  languages: z
    .array(z.string().regex(/^[a-z]{2,3}$/))
    .max(200)
    .default([]),
  /** Items older than this many days when captured are dropped; null keeps any age. */
  maxAgeDays: z.number().int().min(1).max(36_500).nullable().default(null),
});
export type FilterRules = z.infer<typeof filterRulesSchema>;

export const settingsSchema = z.object({
  /** Global capture switch: nothing is recorded while it is off. */
  captureEnabled: z.boolean().default(false),
  /** Per-platform consent: every platform is off until the user turns it on. */
  platforms: platformConsentSchema,
  /** Mastodon servers (host names) the user added beyond the built-in ones; each needs its own host permission. */
  mastodonInstances: z.array(z.string().max(253)).max(100).default([]),
  serverUrl: z
    .string()
    .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/)
    .default(DEFAULT_SERVER_URL),
  filters: filterRulesSchema.default(filterRulesSchema.parse({})),
  /** The contributor's own handles per platform (without @): their own posts may keep their identity. */
  ownHandles: z.partialRecord(z.enum(PLATFORMS), z.array(z.string().min(1).max(200)).max(20)).default({}),
  /** Keep the contributor's own handle and name on their own posts instead of a pseudonym. */
  keepOwnIdentity: z.boolean().default(false),
  /** Where redeemed rewards are paid (EIP-55 checksummed address), or null until the user sets one. */
  payoutAddress: z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/)
    .nullable()
    .default(null),
  /** Upload approved items automatically on a schedule; otherwise only when the user presses Upload. */
  autoUpload: z
    .object({ enabled: z.boolean().default(true), everyMinutes: z.number().int().min(5).max(1440).default(15) })
    .default({ enabled: true, everyMinutes: 15 }),
  /** Local data retention: raw (unredacted) text is purged after N days; uploaded items after N days (null: never). */
  retention: z
    .object({
      purgeRawAfterDays: z.number().int().min(1).max(3650).nullable().default(30),
      purgeUploadedAfterDays: z.number().int().min(1).max(3650).nullable().default(null),
    })
    .default({ purgeRawAfterDays: 30, purgeUploadedAfterDays: null }),
  /** Load media thumbnails from the platforms' servers in the review page (off: no request leaves for them). */
  showRemoteImages: z.boolean().default(false),
  /** Sites (host names) where the user paused capture from the popup, whatever the platform switches say. */
  pausedSites: z.array(z.string().max(253)).max(1000).default([]),
  /** Why capture was stopped by the extension itself (the device ran out of storage), until the user turns it on. */
  captureStoppedReason: z.enum(["storage-full"]).nullable().default(null),
});
export type Settings = z.infer<typeof settingsSchema>;

const KEY = "settings";

export async function loadSettings(): Promise<Settings> {
  const stored = (await browser.storage.local.get(KEY))[KEY];
  const parsed = settingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : settingsSchema.parse({});
}

export async function updateSettings(change: Partial<Settings>): Promise<Settings> {
  const next = settingsSchema.parse({ ...(await loadSettings()), ...change });
  await browser.storage.local.set({ [KEY]: next });
  return next;
}

/** Every setting back to its default (capture off, every platform off), as on a fresh install. */
export async function resetSettings(): Promise<Settings> {
  const defaults = settingsSchema.parse({});
  await browser.storage.local.set({ [KEY]: defaults });
  return defaults;
}

export function onSettingsChanged(listener: (settings: Settings) => void): () => void {
  const handler = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== "local" || !(KEY in changes)) return;
    const parsed = settingsSchema.safeParse(changes[KEY]?.newValue ?? {});
    if (parsed.success) listener(parsed.data);
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}

/** The origin pattern the browser must allow for the extension to reach the server. */
export function serverOriginPattern(serverUrl: string): string {
  const url = new URL(serverUrl);
  return `${url.protocol}//${url.hostname}/*`;
}
