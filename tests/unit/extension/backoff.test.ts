import { describe, expect, it } from "vitest";
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, retryDelayMs } from "../../../extension/upload/backoff";

describe("retry backoff", () => {
  it("doubles the ceiling with each attempt and stays within [ceiling/2, ceiling]", () => {
    for (let attempt = 1; attempt <= 6; attempt++) {
      const ceiling = BACKOFF_BASE_MS * 2 ** (attempt - 1);
      expect(retryDelayMs(attempt, () => 0)).toBe(ceiling / 2);
      expect(retryDelayMs(attempt, () => 1)).toBe(ceiling);
    }
  });

  it("never waits longer than the cap", () => {
    expect(retryDelayMs(60, () => 1)).toBe(BACKOFF_MAX_MS);
  });
});
