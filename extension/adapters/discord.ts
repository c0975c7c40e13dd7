// Discord: messages of server channels and threads, from the web client's messages and server-search API calls.
//
// Choices the design leaves open:
// - DMs and group DMs are never kept. The API body does not say the channel's type, so a response is read only when
//   the page shows that very channel inside a server (discord/server-channel.ts), no message is of a DM-only type and
//   no message names another server. Without the page's address (e.g. the CLI given a bare response) nothing is kept.
// - Only people's messages are read (types DEFAULT and REPLY); joins, pins, calls and bot command output are not.
// - likes = the sum of all reactions; a message with neither words nor attachments (a sticker) is no item.
import type { Item, Media } from "../../shared/item";
import type { Adapter, ParseContext } from "./adapter";
import { DIRECT_MESSAGE_TYPES, DISCORD_HOSTS, type ServerPage, serverPage } from "./discord/server-channel";
import { asArray, asObject, asString, type JsonObject } from "./json-fields";
import { capText, count, httpUrl, isoDateTime, requestUrl, shortString } from "./text";

const CHANNEL_MESSAGES = /^\/api(?:\/v\d{1,2})?\/channels\/(\d{15,21})\/messages$/;
const SERVER_SEARCH = /^\/api(?:\/v\d{1,2})?\/guilds\/(\d{15,21})\/messages\/search$/;
const SNOWFLAKE = /^\d{15,21}$/;
/** DEFAULT and REPLY: what people write. */
const READ_TYPES = new Set([0, 19]);
const MAX_MESSAGES = 1000;

type Request =
  | { kind: "channel"; channelId: string; endpoint: string }
  | { kind: "search"; serverId: string; endpoint: string };

function requestOf(url: string): Request | undefined {
  const parsed = requestUrl(url, true);
  if (!parsed || !DISCORD_HOSTS.has(parsed.hostname)) return undefined;
  const path = parsed.pathname;
  const version = /^\/api(\/v\d{1,2})?\//.exec(path)?.[1] ?? "";
  const channelId = CHANNEL_MESSAGES.exec(path)?.[1];
  if (channelId !== undefined) return { kind: "channel", channelId, endpoint: `/api${version}/channels/:id/messages` };
  const serverId = SERVER_SEARCH.exec(path)?.[1];
  if (serverId !== undefined)
    return { kind: "search", serverId, endpoint: `/api${version}/guilds/:id/messages/search` };
  return undefined;
}

function snowflake(value: unknown): string | undefined {
  return typeof value === "string" && SNOWFLAKE.test(value) ? value : undefined;
}

/** The messages of a response: a list (a channel), or lists of a hit and its context (server search). */
function messagesOf(body: unknown, request: Request): JsonObject[] {
  if (request.kind === "channel") {
    return (asArray(body) ?? [])
      .slice(0, MAX_MESSAGES)
      .map(asObject)
      .filter((m): m is JsonObject => m !== undefined);
  }
  const messages: JsonObject[] = [];
  for (const group of (asArray(asObject(body)?.messages) ?? []).slice(0, MAX_MESSAGES)) {
    const found = (asArray(group) ?? []).slice(0, 32).map(asObject);
    const hits = found.filter((message) => message?.hit === true);
    for (const message of hits.length > 0 ? hits : found) if (message) messages.push(message);
  }
  return messages;
}

/** The server whose messages these are, or undefined when they cannot be shown to be one server's. */
function serverOf(request: Request, page: ServerPage, messages: JsonObject[]): string | undefined {
  if (request.kind === "channel" ? !page.channelIds.has(request.channelId) : request.serverId !== page.serverId) {
    return undefined;
  }
  for (const message of messages) {
    if (typeof message.type === "number" && DIRECT_MESSAGE_TYPES.has(message.type)) return undefined;
    if (message.guild_id !== undefined && message.guild_id !== page.serverId) return undefined;
    if (request.kind === "channel" && message.channel_id !== request.channelId) return undefined;
  }
  return page.serverId;
}

function mediaType(contentType: string): Media["type"] | undefined {
  if (contentType === "image/gif") return "gif";
  const family = contentType.split("/")[0];
  return family === "image" || family === "video" || family === "audio" ? family : undefined;
}

function mediaOf(message: JsonObject): Media[] {
  const media: Media[] = [];
  for (const entry of (asArray(message.attachments) ?? []).slice(0, 50)) {
    const attachment = asObject(entry);
    const type = mediaType(asString(attachment?.content_type) ?? "");
    const url = httpUrl(attachment?.url);
    if (type && url) media.push({ type, url });
  }
  for (const entry of (asArray(message.embeds) ?? []).slice(0, 10)) {
    const url = httpUrl(asObject(entry)?.url);
    if (url && !media.some((item) => item.url === url)) media.push({ type: "link", url });
  }
  return media.slice(0, 50);
}

/** The API leaves `reactions` out when there are none, so a missing list is zero. */
function reactionsOf(message: JsonObject): number {
  let total = 0;
  for (const reaction of (asArray(message.reactions) ?? []).slice(0, 100))
    total += count(asObject(reaction)?.count) ?? 0;
  return total;
}

function authorOf(message: JsonObject): Item["author"] | undefined {
  const user = asObject(message.author);
  const id = snowflake(user?.id);
  const handle = shortString(user?.username, 128);
  if (id === undefined || handle === undefined) return undefined;
  return { id, handle, name: shortString(user?.global_name, 256) ?? handle };
}

function itemOf(message: JsonObject, serverId: string, source: Item["source"]): Item | undefined {
  const id = snowflake(message.id);
  const channelId = snowflake(message.channel_id);
  const author = authorOf(message);
  if (id === undefined || channelId === undefined || !author || !READ_TYPES.has(message.type as number)) {
    return undefined;
  }
  const text = capText((asString(message.content) ?? "").trim());
  const media = mediaOf(message);
  if (!text && media.length === 0) return undefined;
  const reference = asObject(message.message_reference);
  return {
    platform: "discord",
    id,
    url: `https://discord.com/channels/${serverId}/${channelId}/${id}`,
    kind: "message",
    text,
    author,
    createdAt: isoDateTime(message.timestamp),
    lang: null,
    media,
    metrics: { likes: reactionsOf(message), reposts: null, replies: null, views: null },
    promoted: false,
    originalId: null,
    replyToId: message.type === 19 ? (snowflake(reference?.message_id) ?? null) : null,
    source: { ...source },
  };
}

function parse(url: string, body: unknown, context: ParseContext): Item[] {
  // Every read is checked, so odd input yields fewer items; this guard only keeps a bug from becoming a throw.
  try {
    const request = requestOf(url);
    const page = serverPage(context.pageUrl);
    if (!request || !page) return [];
    const messages = messagesOf(body, request);
    const serverId = serverOf(request, page, messages);
    if (serverId === undefined) return [];
    const source = { endpoint: request.endpoint, capturedAt: context.capturedAt };
    const items: Item[] = [];
    const seen = new Set<string>();
    for (const message of messages) {
      const item = itemOf(message, serverId, source);
      if (item && !seen.has(item.id)) {
        seen.add(item.id);
        items.push(item);
      }
    }
    return items;
  } catch {
    return [];
  }
}

export const discordAdapter: Adapter = {
  platform: "discord",
  matches: (url) => requestOf(url) !== undefined,
  parse,
  // Discord's client fetches every message through the API; its pages embed none.
  parseEmbedded: () => [],
};
