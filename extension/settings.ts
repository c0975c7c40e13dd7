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
