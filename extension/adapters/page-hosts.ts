// Which platform a page belongs to, by its host: the light half of the registry, for the pages (the popup's "capture
// on this site") that must not load every adapter.
import type { Platform } from "../../shared/item";

/**
 * The platforms Tributary captures (each has an adapter in registry.ts, in this order), for the pages that list them
 * (consent switches, filters) without loading the adapters. Facebook is a platform of the wire format, not captured.
 */
export const CAPTURED_PLATFORMS = [
  "x",
  "reddit",
  "bluesky",
  "mastodon",
  "linkedin",
  "discord",
  "instagram",
  "threads",
  "youtube",
  "tiktok",
] as const satisfies readonly Platform[];

/** Which platform's data a page on this host embeds in its HTML. */
const PAGE_HOSTS: Record<string, Platform> = {
  "x.com": "x",
  "mobile.x.com": "x",
  "twitter.com": "x",
  "reddit.com": "reddit",
  "old.reddit.com": "reddit",
  "sh.reddit.com": "reddit",
  "bsky.app": "bluesky",
  "mastodon.social": "mastodon",
  "linkedin.com": "linkedin",
  "discord.com": "discord",
  "mastodon.online": "mastodon",
  "youtube.com": "youtube",
  "m.youtube.com": "youtube",
  "tiktok.com": "tiktok",
  "instagram.com": "instagram",
  "threads.com": "threads",
  "threads.net": "threads",
};

/** The platform whose data a page at this URL embeds, if any. */
export function platformOfPage(url: string): Platform | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return undefined;
  }
  return PAGE_HOSTS[host];
}
