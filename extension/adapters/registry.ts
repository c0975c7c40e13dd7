// Every platform adapter, in one list: adding a platform adds one line here (and its pages in capture/sites.ts).
import type { Adapter } from "./adapter";
import { blueskyAdapter } from "./bluesky";
import { discordAdapter } from "./discord";
import { instagramAdapter } from "./instagram";
import { linkedinAdapter } from "./linkedin";
import { mastodonAdapter } from "./mastodon";
import { platformOfPage } from "./page-hosts";
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

/** The adapter that reads data embedded in a page at this URL, if any. */
export function adapterForPage(url: string): Adapter | undefined {
  const platform = platformOfPage(url);
  return platform ? adapters.find((adapter) => adapter.platform === platform) : undefined;
}
