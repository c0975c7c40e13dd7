import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { discordAdapter } from "../../../extension/adapters/discord";
import { createPageCapture } from "../../../extension/capture/page-capture";
import { relayPageEvent } from "../../../extension/capture/relay";
import { type CapturedItemsMessage, readPageCapture, type UnparsedResponseMessage } from "../../../extension/messages";
import { type Item, itemSchema } from "../../../shared/item";

const CAPTURED_AT = "2026-08-01T12:00:00.000Z";
const FIXTURES = new URL("../../fixtures/discord/", import.meta.url);

type Json = Record<string, unknown>;
interface Saved {
  url: string;
  pageUrl: string;
  body: unknown;
}

function fixture(name: string): Saved {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), "utf8")) as Saved;
}

function parse(url: string, body: unknown, pageUrl: string | undefined): Item[] {
  const items = discordAdapter.parse(url, body, { capturedAt: CAPTURED_AT, pageUrl });
  for (const item of items) itemSchema.parse(item);
  return items;
}

function parseFixture(name: string): Item[] {
  const { url, body, pageUrl } = fixture(name);
  return parse(url, body, pageUrl);
}

function byId(items: Item[], id: string): Item {
  const item = items.find((candidate) => candidate.id === id);
  if (!item) throw new Error(`no item ${id} among ${items.map((i) => i.id).join(", ")}`);
  return item;
}

const ids = (items: Item[]) => items.map((item) => item.id).sort();
const SERVER = "1098765432109876543";
const CHANNEL = "1187654321098765432";
const CHANNEL_FILE = "constructed-guild-channel-messages.json";
const DM_FILE = "constructed-dm-messages.json";
const GROUP_FILE = "constructed-group-dm-messages.json";
const FIRST = "1532810625703481345";
const REPLY = "1532811500610134018";
const PHOTO = "1532811848703815683";
const VIDEO = "1532812402360336388";
const LINK = "1532813220765519877";

describe("the Discord adapter", () => {
  it("matches a channel's messages in any API version and a server's message search, on discord.com only", () => {
    const match = discordAdapter.matches;
    expect(match(`https://discord.com/api/v9/channels/${CHANNEL}/messages?limit=50`)).toBe(true);
    expect(match(`https://discord.com/api/v10/channels/${CHANNEL}/messages?before=1`)).toBe(true);
    expect(match(`https://discord.com/api/channels/${CHANNEL}/messages`)).toBe(true);
    expect(match(`https://discord.com/api/v9/guilds/${SERVER}/messages/search?content=x`)).toBe(true);
    expect(match("https://discord.com/api/v9/users/@me/channels")).toBe(false);
    expect(match(`https://discord.com/api/v9/channels/${CHANNEL}/messages/search?content=x`)).toBe(false);
    expect(match(`https://discord.com/api/v9/channels/${CHANNEL}`)).toBe(false);
    expect(match(`https://discord.example.com/api/v9/channels/${CHANNEL}/messages`)).toBe(false);
    expect(match(`http://discord.com/api/v9/channels/${CHANNEL}/messages`)).toBe(false);
  });

  it("reads the messages people wrote in a server channel, not joins, pins, stickers alone or bot command output", () => {
    expect(ids(parseFixture(CHANNEL_FILE))).toEqual([FIRST, REPLY, PHOTO, VIDEO, LINK].sort());
  });

  it("reads a message's author, words, time, attachments, reactions and its link in the server", () => {
    expect(byId(parseFixture(CHANNEL_FILE), PHOTO)).toEqual({
      platform: "discord",
      id: PHOTO,
      url: `https://discord.com/channels/${SERVER}/${CHANNEL}/${PHOTO}`,
      kind: "message",
      text: "Flood map from this morning",
      author: { id: "634567890123456789", handle: "cleo_maps", name: "Cleo 🗺️" },
      createdAt: "2026-07-31T18:07:02.998Z",
      lang: null,
      media: [
        {
          type: "image",
          url: "https://cdn.discordapp.com/attachments/1187654321098765432/1268012345678901234/flood-map.png?ex=66b1c0de&is=66b06f5e&hm=3f1c",
        },
      ],
      metrics: { likes: 10, reposts: null, replies: null, views: null },
      promoted: false,
      originalId: null,
      replyToId: null,
      source: { endpoint: "/api/v9/channels/:id/messages", capturedAt: CAPTURED_AT },
    });
  });

  it("reads a reply's parent, a video without words, an embedded link, and the username when no display name is set", () => {
    const items = parseFixture(CHANNEL_FILE);
    expect(byId(items, REPLY)).toMatchObject({
      replyToId: FIRST,
      author: { id: "523456789012345678", handle: "benthos", name: "benthos" },
      text: "Yes — it caches for 60 s, so the numbers are real but stale.",
      metrics: { likes: 0, reposts: null, replies: null, views: null },
    });
    expect(byId(items, VIDEO)).toMatchObject({ text: "", media: [{ type: "video" }] });
    expect(byId(items, LINK)).toMatchObject({
      text: "Background reading: https://example.org/gauges/caching <script>alert(1)</script>",
      media: [{ type: "link", url: "https://example.org/gauges/caching" }],
    });
  });

  it("reads a thread open beside its channel, in API v10", () => {
    const items = parseFixture("constructed-thread-messages.json");
    expect(ids(items)).toEqual(["1533021467443240970", "1533022222417965067"]);
    expect(items[0]?.url).toBe(`https://discord.com/channels/${SERVER}/1267000000000000042/1533022222417965067`);
    expect(items[0]?.source.endpoint).toBe("/api/v10/channels/:id/messages");
  });

  it("keeps nothing from a direct message or a group DM", () => {
    expect(parseFixture(DM_FILE)).toEqual([]);
    expect(parseFixture(GROUP_FILE)).toEqual([]);
  });

  it("keeps nothing when the page's address is unknown or is not a server channel", () => {
    const { url, body } = fixture(CHANNEL_FILE);
    expect(parse(url, body, undefined)).toEqual([]);
    expect(parse(url, body, `https://discord.com/channels/@me/${CHANNEL}`)).toEqual([]);
    expect(parse(url, body, "https://discord.com/channels/@me")).toEqual([]);
    expect(parse(url, body, "https://discord.com/app")).toEqual([]);
    expect(parse(url, body, `https://example.com/channels/${SERVER}/${CHANNEL}`)).toEqual([]);
    expect(parse(url, body, "not a url")).toEqual([]);
  });

  it("keeps nothing when the request is for another channel than the server channel the page shows", () => {
    const dm = fixture(DM_FILE);
    expect(parse(dm.url, dm.body, `https://discord.com/channels/${SERVER}/${CHANNEL}`)).toEqual([]);
  });

  it("keeps nothing when a message is of a DM-only type, even if the page claims a server channel", () => {
    const group = fixture(GROUP_FILE);
    const channelId = (group.body as Json[])[0]?.channel_id as string;
    expect(parse(group.url, group.body, `https://discord.com/channels/${SERVER}/${channelId}`)).toEqual([]);
    const { url, body, pageUrl } = fixture(CHANNEL_FILE);
    (body as Json[]).push({ ...(body as Json[])[0], id: "1532813220765519999", type: 3 });
    expect(parse(url, body, pageUrl)).toEqual([]);
  });

  it("keeps nothing when a message names another server or another channel than the request's", () => {
    const other = fixture(CHANNEL_FILE);
    ((other.body as Json[])[2] as Json).guild_id = "1111111111111111111";
    expect(parse(other.url, other.body, other.pageUrl)).toEqual([]);
    const same = fixture(CHANNEL_FILE);
    ((same.body as Json[])[2] as Json).guild_id = SERVER;
    expect(parse(same.url, same.body, same.pageUrl)).toHaveLength(5);
    const moved = fixture(CHANNEL_FILE);
    ((moved.body as Json[])[2] as Json).channel_id = "1211111111111111111";
    expect(parse(moved.url, moved.body, moved.pageUrl)).toEqual([]);
  });

  it("reads a server's search hits, linking each to its own channel, only on a page of that server", () => {
    const { url, body, pageUrl } = fixture("constructed-guild-search.json");
    const items = parse(url, body, pageUrl);
    expect(ids(items)).toEqual(["1531956953088004883", "1532357089689604626"]);
    expect(byId(items, "1531956953088004883")).toMatchObject({
      url: `https://discord.com/channels/${SERVER}/1187654321098765999/1531956953088004883`,
      text: "Is the gauge API down for anyone else?",
      source: { endpoint: "/api/v9/guilds/:id/messages/search", capturedAt: CAPTURED_AT },
    });
    expect(parse(url, body, `https://discord.com/channels/1111111111111111111/${CHANNEL}`)).toEqual([]);
    expect(parse(url, body, "https://discord.com/channels/@me")).toEqual([]);
  });

  it("yields nothing, without throwing, for shapes it does not know", () => {
    const { url, pageUrl } = fixture(CHANNEL_FILE);
    for (const body of [null, {}, "text", [null, 1, "x"], [{ id: 5 }], [{ id: FIRST, type: 0, author: "someone" }]]) {
      expect(parse(url, body, pageUrl)).toEqual([]);
    }
  });

  it("embeds nothing in its pages", () => {
    expect(
      discordAdapter.parseEmbedded(`https://discord.com/channels/${SERVER}/${CHANNEL}`, "<html></html>", {
        capturedAt: CAPTURED_AT,
      }),
    ).toEqual([]);
  });

  it("gets the page's address from the tab, where the page-side hook reads what the page fetched", () => {
    const relayFrom = (pageUrl: string, name: string, read: "json" | "text") => {
      const { url, body } = fixture(name);
      const sent: (CapturedItemsMessage | UnparsedResponseMessage)[] = [];
      const capture = createPageCapture({
        whenIdle: (task) => task(),
        // As the hook hands it over: one JSON text in an event, forwarded by the isolated world's relay.
        send: (message) => {
          const event = new CustomEvent("tributary-captured", { detail: JSON.stringify(message) });
          relayPageEvent(event, (relayed) => {
            // What the background reads from it.
            const read = readPageCapture(relayed.text);
            if (read) sent.push(read);
          });
        },
        pageUrl: () => pageUrl,
      });
      capture(read === "json" ? { url, value: body } : { url, body: JSON.stringify(body) });
      return sent;
    };
    for (const read of ["json", "text"] as const) {
      const server = relayFrom(fixture(CHANNEL_FILE).pageUrl, CHANNEL_FILE, read);
      expect(server.map((message) => message.type)).toEqual(["captured-items"]);
      expect(ids((server[0] as CapturedItemsMessage).items)).toEqual([FIRST, REPLY, PHOTO, VIDEO, LINK].sort());
      const direct = relayFrom(fixture(DM_FILE).pageUrl, DM_FILE, read);
      expect(direct.filter((message) => message.type === "captured-items")).toEqual([]);
    }
  });
});
