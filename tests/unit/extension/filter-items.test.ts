import { describe, expect, it } from "vitest";
import { compileFilter, keepItem } from "../../../extension/pipeline/filter-items";
import { type FilterRules, type Settings, settingsSchema } from "../../../extension/settings";
import { makeItem } from "../../helpers/items";

const NOW = Date.parse("2025-03-01T00:00:00.000Z");

function settingsWith(filters: Partial<FilterRules> = {}): Settings {
  const base = settingsSchema.parse({ captureEnabled: true, platforms: { x: true, discord: true } });
  return { ...base, filters: { ...base.filters, ...filters } };
}

describe("the user's filters", () => {
  it("keeps nothing while capture or the item's platform is off", () => {
    const item = makeItem();
    expect(keepItem(item, settingsWith(), NOW)).toBe(true);
    expect(keepItem(item, { ...settingsWith(), captureEnabled: false }, NOW)).toBe(false);
    expect(keepItem(makeItem({ platform: "reddit" }), settingsWith(), NOW)).toBe(false);
  });

  it("never keeps a direct message, whatever the rules", () => {
    const settings = settingsWith({ dropPromoted: false });
    expect(keepItem(makeItem({ kind: "message" }), settings, NOW)).toBe(false);
    // Discord server channels are public to the server's members; only their DMs are private (dropped by the adapter).
    expect(keepItem(makeItem({ platform: "discord", kind: "message" }), settings, NOW)).toBe(true);
  });

  it("drops promoted posts unless the user keeps them", () => {
    const ad = makeItem({ promoted: true });
    expect(keepItem(ad, settingsWith(), NOW)).toBe(false);
    expect(keepItem(ad, settingsWith({ dropPromoted: false }), NOW)).toBe(true);
  });

  it("drops items containing a blocked keyword or phrase, whatever its case", () => {
    const keep = compileFilter(settingsWith({ keywords: ["Crypto Giveaway", "spoiler"] }), NOW);
    expect(keep(makeItem({ text: "Huge CRYPTO GIVEAWAY today" }))).toBe(false);
    expect(keep(makeItem({ text: "Spoilers ahead" }))).toBe(false);
    expect(keep(makeItem({ text: "Rivers and deltas" }))).toBe(true);
  });

  it("drops items matching a blocked pattern, case-insensitively", () => {
    const keep = compileFilter(settingsWith({ patterns: ["\\bwin \\d+ (eth|btc)\\b"] }), NOW);
    expect(keep(makeItem({ text: "Win 5 ETH now" }))).toBe(false);
    expect(keep(makeItem({ text: "I didn't win anything" }))).toBe(true);
  });

  it("ignores an invalid or unsafe pattern and applies the others", () => {
    const keep = compileFilter(settingsWith({ patterns: ["(unclosed", "(a+)+$", "deltas"] }), NOW);
    expect(keep(makeItem({ text: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!" }))).toBe(true);
    expect(keep(makeItem({ text: "Rivers and deltas" }))).toBe(false);
  });

  it("drops items by blocked authors, with or without @ and in any case", () => {
    const keep = compileFilter(settingsWith({ authors: ["@SpamBot"] }), NOW);
    expect(keep(makeItem({ author: { id: "1", handle: "spambot", name: "S" } }))).toBe(false);
    expect(keep(makeItem({ author: { id: "2", handle: "river", name: "R" } }))).toBe(true);
  });

  it("drops items shorter than the minimum length, counting characters not code units", () => {
    const keep = compileFilter(settingsWith({ minTextLength: 5 }), NOW);
    expect(keep(makeItem({ text: "  ok  " }))).toBe(false);
    expect(keep(makeItem({ text: "🌊🌊🌊🌊🌊" }))).toBe(true);
  });

  it("keeps only the chosen languages, and items whose language is unknown", () => {
    const keep = compileFilter(settingsWith({ languages: ["en", "pt"] }), NOW);
    expect(keep(makeItem({ lang: "en" }))).toBe(true);
    expect(keep(makeItem({ lang: "pt-BR" }))).toBe(true);
    expect(keep(makeItem({ lang: "de" }))).toBe(false);
    expect(keep(makeItem({ lang: null }))).toBe(true);
    expect(keep(makeItem({ lang: "und" }))).toBe(true);
  });

  it("drops items older than the maximum age when captured, and keeps undated ones", () => {
    const keep = compileFilter(settingsWith({ maxAgeDays: 7 }), NOW);
    expect(keep(makeItem({ createdAt: "2025-02-25T00:00:00.000Z" }))).toBe(true);
    expect(keep(makeItem({ createdAt: "2025-02-20T00:00:00.000Z" }))).toBe(false);
    expect(keep(makeItem({ createdAt: null }))).toBe(true);
  });
});
