// Feeds an adapter its saved responses and pages from tests/fixtures/<platform>/, and checks every item it yields
// against the Item schema, so each adapter test reads as what the adapter found.
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import type { Adapter } from "../../extension/adapters/adapter";
import { type Item, itemSchema, type Platform } from "../../shared/item";

export const CAPTURED_AT = "2026-08-01T12:00:00.000Z";

export type Json = Record<string, unknown>;

/** Throws on the first item that is not a valid wire Item; returns them all. */
export function valid(items: Item[]): Item[] {
  for (const item of items) itemSchema.parse(item);
  return items;
}

export function readingFixtures(adapter: Adapter) {
  const folder = new URL(`../fixtures/${adapter.platform}/`, import.meta.url);
  const text = (name: string) => readFileSync(new URL(name, folder), "utf8");
  const context = { capturedAt: CAPTURED_AT };
  const fixture = <Body = Json>(name: string) => JSON.parse(text(name)) as { url: string; body: Body };
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

/** The ids, sorted: for comparing sets of posts. */
export const sortedIds = (items: Item[]) => ids(items).sort();

/** The items are exactly these posts, each once, each of this platform and marked with the endpoint it came from. */
export function expectExactly(
  items: Item[],
  expected: { platform: Platform; endpoint: string; ids: readonly string[] },
) {
  expect(sortedIds(items)).toEqual([...expected.ids].sort());
  expect(items).toHaveLength(new Set(expected.ids).size);
  for (const item of items) {
    expect(item.platform).toBe(expected.platform);
    expect(item.source).toEqual({ endpoint: expected.endpoint, capturedAt: CAPTURED_AT });
  }
}
