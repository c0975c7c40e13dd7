// Every platform adapter, in one list: adding a platform adds one line here (and its pages in capture/sites.ts).
import type { Platform } from "../../shared/item";
import type { Adapter } from "./adapter";
import { blueskyAdapter } from "./bluesky";
import { discordAdapter } from "./discord";
import { instagramAdapter } from "./instagram";
import { linkedinAdapter } from "./linkedin";
import { mastodonAdapter } from "./mastodon";
import { redditAdapter } from "./reddit";
import { threadsAdapter } from "./threads";
import { tiktokAdapter } from "./tiktok";
import { xAdapter } from "./x";
import { youtubeAdapter } from "./youtube";

export const adapters: readonly Adapter[] = [
  xAdapter,
  redditAdapter,
  blueskyAdapter,
  mastodonAdapter,
  linkedinAdapter,
  discordAdapter,
  instagramAdapter,
  threadsAdapter,
  youtubeAdapter,
  tiktokAdapter,
];

/** The adapter that reads responses from this URL, if any. */
export function adapterForResponse(url: string): Adapter | undefined {
  return adapters.find((adapter) => adapter.matches(url));
}

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

/** The adapter that reads data embedded in a page at this URL, if any. */
export function adapterForPage(url: string): Adapter | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return undefined;
  }
  const platform = PAGE_HOSTS[host];
  return platform ? adapters.find((adapter) => adapter.platform === platform) : undefined;
}
