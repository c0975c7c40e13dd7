// The allocation-free paths of the redaction core give the same answers as the general ones they stand in for.
import { describe, expect, it } from "vitest";
import { narrowText } from "../../../shared/redaction/detection-view";
import { findCryptoAddresses } from "../../../shared/redaction/detectors/crypto-address";
import { findEmails } from "../../../shared/redaction/detectors/email";
import { findHandles } from "../../../shared/redaction/detectors/handle";
import { findIbans } from "../../../shared/redaction/detectors/iban";
import { findIpAddresses } from "../../../shared/redaction/detectors/ip-address";
import { findNationalIds } from "../../../shared/redaction/detectors/national-id";
import { findPaymentCards } from "../../../shared/redaction/detectors/payment-card";
import { findPhones } from "../../../shared/redaction/detectors/phone";
import { findUrls } from "../../../shared/redaction/detectors/url";
import { findPii } from "../../../shared/redaction/index";
import { hashRange, Lexicon } from "../../../shared/redaction/lexicon";
import { resolveOverlaps } from "../../../shared/redaction/resolve";
import { tokenize } from "../../../shared/redaction/tokens";
import { traitsOf } from "../../../shared/redaction/traits";
import { type Candidate, type Detector, PII_TYPES } from "../../../shared/redaction/types";
import { loadGeneratedCorpus, loadPresidioCorpus } from "../../fixtures/pii/corpus";

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

  it("looks a range up by a hash computed once as it looks it up by the range", () => {
    const lexicon = new Lexicon();
    for (const word of ["anna", "berg", "street", "crown"]) lexicon.add(word, 2);
    const text = "Dear ANNA, 14 Crown Street, Bergen";
    for (const [start, end] of [
      [5, 9],
      [14, 19],
      [20, 26],
      [28, 34],
      [28, 32],
    ] as const) {
      expect(lexicon.getHashed(hashRange(text, start, end), text, start, end)).toBe(
        lexicon.getRange(text, null, start, end),
      );
    }
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

// Emoji and symbols no pattern tells apart, and wide characters a pattern reads (letters, numbers, spaces, currencies).
const INERT = ["😂", "✓", "→", "…", "™", "🇩🇪", "Ⓐ", "¤", "\u{1f3fb}"];
const READ = ["€", "₹", "\u2028", "𝐀", "中", "ř", "\u212a", "\u017f", "Ⅻ"];

/** Corpus texts with some of `symbols` put between their characters. */
function withSymbols(seed: number, symbols: readonly string[]): string[] {
  const next = random(seed);
  const texts = [...loadPresidioCorpus(), ...loadGeneratedCorpus()].map((record) => record.text);
  return texts.map((text) =>
    text.replace(/./gu, (char) => (next() < 0.1 ? `${symbols[Math.floor(next() * symbols.length)]}${char}` : char)),
  );
}

describe("narrowText", () => {
  it("stands one byte in for each code unit of emoji and symbols, keeping length and offsets", () => {
    expect(narrowText("call 555 0100 😂 ✓")).toBe("call 555 0100 ¤¤ ¤");
    expect(narrowText("plain text, café")).toBe("plain text, café");
  });

  it("keeps a text whose wide characters a pattern could read: letters, numbers, marks, spaces, € and ₹", () => {
    for (const text of ["Křenová 😂", "𝐀 1", "Ⅻ 😂", "e\u0301 😂", "a\u2028b 😂", "€ 5 😂", "₹ 5 😂"]) {
      expect(narrowText(text)).toBe(text);
    }
  });

  it("gives every pattern detector the candidates it finds in the text itself", () => {
    const detectors: Detector[] = [
      findEmails,
      findUrls,
      findHandles,
      findIpAddresses,
      findCryptoAddresses,
      findIbans,
      findPaymentCards,
      findNationalIds,
      findPhones,
    ];
    let narrowed = 0;
    for (const text of withSymbols(7, INERT)) {
      const narrow = narrowText(text);
      if (narrow === text) continue;
      narrowed++;
      const traits = traitsOf(text);
      for (const detect of detectors)
        expect(detect(narrow, traits), `${detect.name}: ${text}`).toEqual(detect(text, traits));
    }
    expect(narrowed).toBeGreaterThan(500);
  });
});

describe("traitsOf", () => {
  it("marks the openings of URLs: a scheme, www. and a top-level domain before a slash", () => {
    for (const text of ["see https://a.io", "ftp://files", "WWW.example", "x.com/jane", "x.CO/a", "x.lin\u212a/a"]) {
      expect(traitsOf(text).urlMark, text).toBe(true);
    }
    for (const text of ["and/or 1/2", "v1.2 www", "a.b/c", "a.toolong/x", "12.34/56"]) {
      expect(traitsOf(text).urlMark, text).toBe(false);
    }
  });

  it("marks two letters before two digits, with or without a space between", () => {
    for (const text of ["QQ 12 34 56 C", "qq123456c", "\u212aA 12 34 56 C"]) {
      expect(traitsOf(text).lettersThenSpacedDigits, text).toBe(true);
    }
    for (const text of ["Q 12", "QQ  12", "12 34 56", "QQ-12"]) {
      expect(traitsOf(text).lettersThenSpacedDigits, text).toBe(false);
    }
  });

  it("is unmarked only where the URL detector finds nothing", () => {
    for (const text of withSymbols(11, [...INERT, ...READ])) {
      if (!traitsOf(text).urlMark) expect(findUrls(text), text).toEqual([]);
    }
  });

  it("still lets lower-case and spaced UK National Insurance numbers through", () => {
    expect(findPii("my national insurance no is ab 12 34 56 c").map((span) => span.type)).toEqual(["NATIONAL_ID"]);
    expect(findPii("NINO: AB123456C").map((span) => span.type)).toEqual(["NATIONAL_ID"]);
  });
});
