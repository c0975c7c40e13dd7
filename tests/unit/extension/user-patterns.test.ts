import { describe, expect, it } from "vitest";
import { compilePatterns, MAX_PATTERN_TEXT, screenPattern } from "../../../extension/pipeline/user-patterns";

describe("the user's regular-expression blocklist", () => {
  it("accepts ordinary patterns, with groups, classes, alternations and bounded repeats", () => {
    for (const source of [
      "giveaway",
      "\\b(free|cheap) (eth|btc)\\b",
      "[0-9]{3,5} followers",
      "foo.*bar.*baz",
      "(?:ab)+c",
      "(?<word>hi)\\s+there",
    ]) {
      expect(screenPattern(source).ok, source).toBe(true);
    }
  });

  it("refuses, with a reason, patterns that do not compile", () => {
    expect(screenPattern("(unclosed")).toEqual({ ok: false, reason: "not a valid regular expression" });
    expect(screenPattern("*")).toMatchObject({ ok: false });
  });

  it("refuses repeated groups that hold a quantifier or an alternation, and back-references", () => {
    for (const source of ["(a+)+$", "(\\w+\\s?)*$", "(a|aa)*b", "((ab)*c)+", "(x{2,})*y", "(a)\\1", "(?<q>a)\\k<q>"]) {
      expect(screenPattern(source).ok, source).toBe(false);
    }
  });

  it("does not mistake escapes or character classes for groups and quantifiers", () => {
    expect(screenPattern("\\(a+\\)+").ok).toBe(true);
    expect(screenPattern("([+*])+").ok).toBe(true);
    expect(screenPattern("(a?)?b").ok).toBe(true);
  });

  it("tests less of a long text the more repeating quantifiers a pattern has", () => {
    const limits = ["deltas", "win \\d+ eth", "foo.*bar.*baz", "a+b+c+d+e"].map((source) => {
      const verdict = screenPattern(source);
      return verdict.ok ? verdict.textLimit : 0;
    });
    expect(limits[0]).toBe(MAX_PATTERN_TEXT);
    expect(limits[1]).toBeLessThan(MAX_PATTERN_TEXT);
    expect(limits[2]).toBeLessThan(limits[1]!);
    expect(limits[3]).toBeLessThan(limits[2]!);
    expect(limits[3]).toBeGreaterThan(0);
  });

  it("answers on 100 KB adversarial texts, testing only the first part of very long texts", () => {
    const matches = compilePatterns(["(a+)+$", "(\\w+\\s?)*$", "^(a|a)*$", "x+x+y", "\\s*\\s*\\s*z", "needle"]);
    expect(matches(`${"a".repeat(100_000)}!`)).toBe(false);
    expect(matches(`${"x".repeat(100_000)}`)).toBe(false);
    expect(matches(" ".repeat(100_000))).toBe(false);
    expect(matches(`${"a ".repeat(50_000)}needle`)).toBe(false);
    expect(matches(`${"a".repeat(MAX_PATTERN_TEXT - 6)}needle`)).toBe(true);
  });
});
