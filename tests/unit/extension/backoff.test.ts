// Retry timing of the upload queue: exponential backoff with jitter, and the waits a server asks for.
import { describe, expect, it } from "vitest";
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, retryAfterMs, retryDelayMs } from "../../../extension/upload/backoff";

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

describe("a server's Retry-After", () => {
  const now = Date.parse("2025-06-01T12:00:00Z");

  it("reads delta-seconds and HTTP dates as a wait in milliseconds", () => {
    expect(retryAfterMs("120", now)).toBe(120_000);
    expect(retryAfterMs(" 0 ", now)).toBe(0);
    expect(retryAfterMs(new Date(now + 90_000).toUTCString(), now)).toBe(90_000);
  });

  it("treats a date in the past as no wait, and caps absurd waits at the backoff's maximum", () => {
    expect(retryAfterMs(new Date(now - 90_000).toUTCString(), now)).toBe(0);
    expect(retryAfterMs("9999999999", now)).toBe(BACKOFF_MAX_MS);
  });

  it("ignores a missing or unreadable header, so the usual backoff applies", () => {
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs("soon", now)).toBeUndefined();
    expect(retryAfterMs("-5", now)).toBeUndefined();
  });
});
