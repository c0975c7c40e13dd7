// Feeds an adapter its saved responses and pages from tests/fixtures/<platform>/, and checks every item it yields
// against the Item schema, so each adapter test reads as what the adapter found.
import { readFileSync } from "node:fs";
import type { Adapter } from "../../extension/adapters/adapter";
import { type Item, itemSchema } from "../../shared/item";

export const CAPTURED_AT = "2026-08-01T12:00:00.000Z";

type Json = Record<string, unknown>;

function valid(items: Item[]): Item[] {
  for (const item of items) itemSchema.parse(item);
  return items;
}

export function readingFixtures(adapter: Adapter) {
  const folder = new URL(`../fixtures/${adapter.platform}/`, import.meta.url);
  const text = (name: string) => readFileSync(new URL(name, folder), "utf8");
  const context = { capturedAt: CAPTURED_AT };
  const fixture = (name: string) => JSON.parse(text(name)) as { url: string; body: Json };
  const parse = (url: string, body: unknown) => valid(adapter.parse(url, body, context));
  return {
    /** A saved `{url, body}` response. */
    fixture,
    /** A saved page, as text. */
    page: text,
    parse,
    parseFixture: (name: string) => {
      const { url, body } = fixture(name);
      return parse(url, body);
    },
    parsePage: (html: string, url: string) => valid(adapter.parseEmbedded(url, html, context)),
  };
}

export function byId(items: Item[], id: string): Item {
  const item = items.find((candidate) => candidate.id === id);
  if (!item) throw new Error(`no item ${id} among ${items.map((i) => i.id).join(", ")}`);
  return item;
}

export const ids = (items: Item[]) => items.map((item) => item.id);
