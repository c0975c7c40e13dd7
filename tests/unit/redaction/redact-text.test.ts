// redactText, findResidualPii and pseudonyms: what the extension stores and what the server gate accepts.
import { describe, expect, it } from "vitest";
import {
  findPii,
  findResidualPii,
  PII_TYPES,
  piiSpanSchema,
  pseudonymize,
  redactText,
  WINDOW_LENGTH,
} from "../../../shared/redaction/index";
import { loadGeneratedCorpus, loadPresidioCorpus } from "../../fixtures/pii/corpus";

const secret = new Uint8Array(32).fill(7);
const corpus = [...loadPresidioCorpus(), ...loadGeneratedCorpus()].map((record) => record.text);

describe("redactText", () => {
  it("replaces each finding by its typed placeholder, with spans in offsets of the input", () => {
    const input = "mail jane@example.com or call +1 415 555 2671, cc @janedoe";
    const { text, spans } = redactText(input);
    expect(text).toBe("mail [EMAIL] or call [PHONE], cc [HANDLE]");
    expect(spans.map((span) => [span.type, input.slice(span.start, span.end)])).toEqual([
      ["EMAIL", "jane@example.com"],
      ["PHONE", "+1 415 555 2671"],
      ["HANDLE", "@janedoe"],
    ]);
    for (const span of spans) expect(piiSpanSchema.safeParse(span).success).toBe(true);
  });

  it("returns spans in order that never overlap, on every corpus text", () => {
    for (const text of corpus) {
      const spans = findPii(text);
      for (let k = 1; k < spans.length; k++) expect(spans[k]!.start).toBeGreaterThanOrEqual(spans[k - 1]!.end);
    }
  });

  it("looks only for the types asked for", () => {
    expect(redactText("jane@example.com +1 415 555 2671", { types: ["PHONE"] }).text).toBe("jane@example.com [PHONE]");
  });

  it("writes stable pseudonyms for handles when given a secret", () => {
    const options = { pseudonymizeHandles: { secret, platform: "reddit" } };
    const first = redactText("thanks @JaneDoe and u/JaneDoe", options).text;
    const expected = pseudonymize(secret, "reddit", "janedoe");
    expect(first).toBe(`thanks @${expected} and u/${expected}`);
    expect(redactText("@janedoe again", options).text).toBe(`@${expected} again`);
  });

  it("finds PII that crosses a window edge in a text longer than one window", () => {
    const filler = "lorem ipsum ".repeat(Math.ceil(WINDOW_LENGTH / 12));
    const head = "word ".repeat((WINDOW_LENGTH - 10) / 5);
    const input = `${head}jane.doe@example.com ${filler}and 192.168.10.20 end`;
    const spans = findPii(input);
    expect(spans.map((span) => [span.type, input.slice(span.start, span.end)])).toEqual([
      ["EMAIL", "jane.doe@example.com"],
      ["IP_ADDRESS", "192.168.10.20"],
    ]);
  });
});

describe("pseudonymize", () => {
  it("is stable per secret and platform, ignores case and the @ or u/ prefix, and differs across secrets", () => {
    const a = pseudonymize(secret, "x", "@JaneDoe");
    expect(a).toMatch(/^user_[0-9a-f]{12}$/);
    expect(pseudonymize(secret, "x", "janedoe")).toBe(a);
    expect(pseudonymize(secret, "reddit", "janedoe")).not.toBe(a);
    expect(pseudonymize(new Uint8Array(32).fill(8), "x", "janedoe")).not.toBe(a);
  });
});

describe("findResidualPii", () => {
  it("accepts every corpus text once redacted, with placeholders or with pseudonyms", () => {
    for (const text of corpus) {
      expect(findResidualPii(redactText(text).text), text).toEqual([]);
      const pseudonymized = redactText(text, { pseudonymizeHandles: { secret, platform: "x" } }).text;
      expect(findResidualPii(pseudonymized), pseudonymized).toEqual([]);
    }
  });

  it("names the types still present in an unredacted text, in the order of PII_TYPES", () => {
    const types = findResidualPii("[EMAIL] but also bob@example.com and card 4111 1111 1111 1111");
    expect(types).toEqual(["EMAIL", "CREDIT_CARD"]);
    expect(types.every((type) => PII_TYPES.includes(type))).toBe(true);
  });
});
