// The allocation-free paths of the redaction core give the same answers as the general ones they stand in for.
import { describe, expect, it } from "vitest";
import { Lexicon } from "../../../shared/redaction/lexicon";
import { resolveOverlaps } from "../../../shared/redaction/resolve";
import { tokenize } from "../../../shared/redaction/tokens";
import { type Candidate, PII_TYPES } from "../../../shared/redaction/types";

/** A small deterministic generator, so a failure names its case. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

describe("resolveOverlaps", () => {
  it("resolves a few candidates as it resolves them among many", () => {
    for (let seed = 1; seed <= 500; seed++) {
      const next = random(seed);
      const few: Candidate[] = [];
      const count = 2 + Math.floor(next() * 7);
      for (let k = 0; k < count; k++) {
        const start = Math.floor(next() * 40);
        const end = start + Math.floor(next() * 12);
        few.push({ start, end, type: PII_TYPES[Math.floor(next() * PII_TYPES.length)]! });
      }
      // Far-away candidates make the list long enough for the per-position path, and change nothing near the few.
      const farAway: Candidate[] = Array.from({ length: 9 }, (_, k) => ({
        start: 100 + k * 10,
        end: 105 + k * 10,
        type: "EMAIL",
      }));
      const general = resolveOverlaps([...few, ...farAway], 200).filter((span) => span.start < 100);
      expect(resolveOverlaps(few, 60), `seed ${seed}`).toEqual(general);
    }
  });
});

describe("Lexicon", () => {
  it("looks a range of a text up as its lower-case word, without cutting it", () => {
    const lexicon = new Lexicon();
    lexicon.add("anna", 1);
    lexicon.add("street", 2);
    lexicon.add("anna", 4);
    const text = "Dear ANNA, 14 Crown Street";
    expect(lexicon.getRange(text, null, 5, 9)).toBe(5);
    expect(lexicon.getRange(text, null, 20, 26)).toBe(2);
    expect(lexicon.getRange(text, null, 14, 19)).toBe(0);
    expect(lexicon.get("anna")).toBe(5);
    expect(lexicon.get("Anna")).toBe(0);
  });

  it("reads non-ASCII words from the text's lower-case copy", () => {
    const lexicon = new Lexicon();
    lexicon.add("ágnes", 8);
    const text = "ÁGNES wrote";
    expect(lexicon.getRange(text, text.toLowerCase(), 0, 5)).toBe(8);
  });

  it("keeps every word of a large list", () => {
    const lexicon = new Lexicon();
    const words = Array.from({ length: 30_000 }, (_, k) => `w${k.toString(36)}`);
    for (const word of words) lexicon.add(word, 16);
    expect(words.every((word) => lexicon.get(word) === 16)).toBe(true);
    expect(lexicon.get("w-missing")).toBe(0);
  });
});

describe("tokenize", () => {
  it("gives each text its own tokens although token objects are reused", () => {
    const first = tokenize("Anna Berg lives at 14 Crown Street").map((token) => [token.text, token.kind]);
    tokenize("x");
    const again = tokenize("Anna Berg lives at 14 Crown Street").map((token) => [token.text, token.kind]);
    expect(again).toEqual(first);
    expect(first).toEqual([
      ["Anna", "word"],
      ["Berg", "word"],
      ["lives", "word"],
      ["at", "word"],
      ["14", "number"],
      ["Crown", "word"],
      ["Street", "word"],
    ]);
  });
});
