// Whether a Discord response shows a server's channel: the one question that keeps direct messages out.
// The messages API never says what kind of channel it answers for, so the page the user is on decides: only
// `/channels/<server id>/<channel id>` is a server's channel (`/channels/@me/…` are DMs and group DMs), and the request
// must be for the very channel (or thread) that page shows, so a page address read a moment late can lose messages
// but never let a DM through.
import { requestUrl } from "../text";

export const DISCORD_HOSTS = new Set(["discord.com", "ptb.discord.com", "canary.discord.com"]);

const SNOWFLAKE = "(\\d{15,21})";
/** A server channel, a message in it (a jump link) or a thread beside it. */
const SERVER_PAGE = new RegExp(`^/channels/${SNOWFLAKE}/${SNOWFLAKE}(?:/threads/${SNOWFLAKE}|/${SNOWFLAKE})?/?$`);

/** Message types only DMs and group DMs have (recipients added or removed, calls, name and icon changes): a veto. */
export const DIRECT_MESSAGE_TYPES = new Set([1, 2, 3, 4, 5]);

export interface ServerPage {
  serverId: string;
  /** The channel the page shows, and the thread open beside it when there is one. */
  channelIds: Set<string>;
}

/** The server and channels a Discord page shows, or undefined for DMs, settings and anything else. */
export function serverPage(pageUrl: string | undefined): ServerPage | undefined {
  const page = requestUrl(pageUrl, true);
  if (!page || !DISCORD_HOSTS.has(page.hostname)) return undefined;
  const match = SERVER_PAGE.exec(page.pathname);
  if (!match) return undefined;
  const [, serverId, channelId, threadId] = match as unknown as [string, string, string, string | undefined];
  const channelIds = new Set([channelId]);
  if (threadId !== undefined) channelIds.add(threadId);
  return { serverId, channelIds };
}
