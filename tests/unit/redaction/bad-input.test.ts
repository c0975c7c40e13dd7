// Bad input: 100 KB adversarial strings for every detector (bounded, linear patterns: no catastrophic backtracking),
// broken UTF-16, and invisible or look-alike characters used to dodge detection.
import { describe, expect, it } from "vitest";
import { findPii, type PiiType, redactText } from "../../../shared/redaction/index";

const SIZE = 100_000;
const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

// Each family of patterns with the near-misses that would make a backtracking pattern explode.
const ADVERSARIAL: Record<string, string[]> = {
  EMAIL: [fill("a"), fill("a."), fill("a@"), fill("a.b@"), fill("a [at] b "), fill("a (dot) "), fill("a-")],
  PHONE: [fill("1 "), fill("12-"), fill("+1 "), fill("(12) "), fill("1."), fill("1 84 12 ")],
  CREDIT_CARD: [fill("4"), fill("4 "), fill("4111-")],
  IBAN: [fill("DE89 "), `DE89${fill(" A")}`, fill("ABCDEF12")],
  IP_ADDRESS: [fill("1."), fill("a:"), fill("::1:"), fill("255.")],
  CRYPTO_ADDRESS: [fill("0x"), `0x${fill("a")}`, fill("1A"), `bc1${fill("q")}`],
  NATIONAL_ID: [fill("AB 12 "), fill("1 84 12 "), fill("123-45-"), fill("X1234567")],
  STREET_ADDRESS: [fill("1 Main "), fill("12 Oak Street\n"), `corner of ${fill("a ")}`, fill("Rua 1 ")],
  PERSON: [fill("Anna "), fill("my name is "), fill("Mr. "), fill("A. "), fill("Anna and Berg, "), fill("Usamov & ")],
  HANDLE: [`@${fill("a.")}`, fill("@a"), fill("u/abc/")],
  URL: [
    `https://${fill("a.")}`,
    `http://x.com/${fill("a/")}`,
    `http://x.com/?${fill("a=b&")}`,
    `http://x.com/${fill("(")}`,
  ],
};

describe("adversarial 100 KB inputs", () => {
  for (const [family, inputs] of Object.entries(ADVERSARIAL)) {
    it(`scans ${family} near-misses in linear time and keeps every span inside the text`, () => {
      for (const input of inputs) {
        const spans = findPii(input);
        for (const span of spans) {
          expect(span.start).toBeGreaterThanOrEqual(0);
          expect(span.end).toBeLessThanOrEqual(input.length);
          expect(span.end).toBeGreaterThan(span.start);
        }
        expect(redactText(input).text.length).toBeGreaterThan(0);
      }
    });
  }
});

describe("broken and hidden characters", () => {
  it("never throws on lone surrogates, and keeps them in the output", () => {
    const input = `\ud800 jane@example.com \udc00 x\ud83d`;
    const { text, spans } = redactText(input);
    expect(text).toBe("\ud800 [EMAIL] \udc00 x\ud83d");
    expect(spans).toEqual([{ start: 2, end: 18, type: "EMAIL" }]);
  });

  it("sees through zero-width and bidi characters inside a value, and redacts them with it", () => {
    const input = "card 4111\u200b 1111\u2060 1111 \u200d1111 and mail ja\u200bne@exa\u00admple.com";
    const { text } = redactText(input);
    expect(text).toBe("card [CREDIT_CARD] and mail [EMAIL]");
  });

  it("reads fullwidth, Arabic-Indic, Devanagari and mathematical digits as digits", () => {
    const cases: Array<[string, PiiType]> = [
      ["SSN \uff15\uff13\uff16-\uff19\uff10-\uff14\uff13\uff19\uff19", "NATIONAL_ID"],
      ["call \u0664\u0661\u0665 \u0665\u0665\u0665 \u0662\u0666\u0667\u0661 now", "PHONE"],
      [
        "card \u0969\u096d\u096e\u0968 \u096e\u0968\u0968\u0968\u096c\u096a \u0969\u0966\u0966\u0966\u096b",
        "CREDIT_CARD",
      ],
      ["ip \u{1d7cf}\u{1d7d7}\u{1d7d0}.\u{1d7cf}\u{1d7d4}\u{1d7d6}.\u{1d7cf}.\u{1d7d0}\u{1d7ce}", "IP_ADDRESS"],
    ];
    for (const [input, type] of cases) {
      const spans = findPii(input);
      expect(
        spans.map((span) => span.type),
        input,
      ).toEqual([type]);
      // The span covers the look-alike characters of the input, up to its last one.
      expect(spans[0]!.end, input).toBe(input.length - (input.endsWith(" now") ? 4 : 0));
    }
  });

  it("folds look-alike spaces, dashes and the small commercial at", () => {
    expect(redactText("SSN 536\u201190\u20124399 \u00b7 +44\u00a020\u00a07946\u00a00958").text).toBe(
      "SSN [NATIONAL_ID] · [PHONE]",
    );
    expect(redactText("jane\ufe6bexample.com").text).toBe("[EMAIL]");
  });
});
