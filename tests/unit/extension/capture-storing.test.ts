import { describe, expect, it } from "vitest";
import {
  type CaptureStoringDeps,
  createCaptureStoring,
  MAX_WAIT_MS,
  QUIET_MS,
} from "../../../extension/background/capture-storing";
import type { StoredChunk } from "../../../extension/pipeline/staged-captures";

/** A clock and timers the test moves by hand, and a staging area of `staged` chunks. */
function harness(staged: number, storeChunk?: () => Promise<StoredChunk>) {
  let now = 1_000_000;
  let timers: { at: number; run: () => void }[] = [];
  const state = { staged, chunks: 0, stored: 0, errors: [] as unknown[], stagedSince: undefined as number | undefined };
  const deps: CaptureStoringDeps = {
    storeChunk:
      storeChunk ??
      (async () => {
        if (state.staged === 0) return { taken: 0, stored: 0, left: false };
        state.staged--;
        state.chunks++;
        return { taken: 10, stored: 10, left: state.staged > 0 };
      }),
    oldestStagedAt: async () => (state.staged > 0 ? state.stagedSince : undefined),
    onStored: (stored) => {
      state.stored += stored;
    },
    onError: (error) => state.errors.push(error),
    now: () => now,
    later: (run, ms) => {
      const timer = { at: now + ms, run };
      timers.push(timer);
      return () => {
        timers = timers.filter((t) => t !== timer);
      };
    },
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  /** Moves the clock, running the timers due on the way (and the work they start). */
  const advance = async (ms: number) => {
    const end = now + ms;
    for (let i = 0; i < 20; i++) await settle();
    for (;;) {
      const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((t) => t !== due);
      now = due.at;
      due.run();
      for (let i = 0; i < 20; i++) await settle();
    }
    now = end;
    for (let i = 0; i < 20; i++) await settle();
  };
  return {
    storing: createCaptureStoring(deps),
    state,
    advance,
    setStagedSince: (at: number) => (state.stagedSince = at),
    now: () => now,
  };
}

describe("when the background stores staged captures", () => {
  it("waits for the user to pause, then stores everything staged", async () => {
    const { storing, state, advance } = harness(3);
    storing.captured();
    await advance(QUIET_MS - 100);
    expect(state.chunks).toBe(0);

    await advance(200);
    expect(state.chunks).toBe(3);
    expect(state.stored).toBe(30);
  });

  it("gives way while captures keep coming, and stores once they stop", async () => {
    const { storing, state, advance } = harness(2);
    for (let i = 0; i < 10; i++) {
      storing.captured();
      await advance(QUIET_MS / 2);
    }
    expect(state.chunks).toBe(0);

    await advance(QUIET_MS);
    expect(state.chunks).toBe(2);
  });

  it("stores a chunk with each message once staged posts have waited too long, on a page that never pauses", async () => {
    const { storing, state, advance, setStagedSince, now } = harness(100);
    setStagedSince(now());
    const messages = Math.ceil(MAX_WAIT_MS / (QUIET_MS / 2)) + 4;
    for (let i = 0; i < messages; i++) {
      storing.captured();
      await advance(QUIET_MS / 2);
    }
    expect(state.chunks).toBeGreaterThan(0);
    expect(state.chunks).toBeLessThan(messages);
  });

  it("stores everything at once when a page asks, and answers with the count", async () => {
    const { storing, state } = harness(4);
    storing.captured();
    expect(await storing.storeAll()).toBe(40);
    expect(state.staged).toBe(0);
  });

  it("picks up what an earlier worker left staged, after a quiet moment", async () => {
    const { storing, state, advance, setStagedSince, now } = harness(2);
    setStagedSince(now() - 60_000);
    storing.resume();
    await advance(QUIET_MS + 10);
    expect(state.chunks).toBe(2);
  });

  it("stops at a failing chunk, reports it, and stores it on the next request", async () => {
    let fail = true;
    let staged = 1;
    const { storing, state } = harness(0, async () => {
      if (fail) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      staged = 0;
      return { taken: 5, stored: 5, left: false };
    });
    expect(await storing.storeAll()).toBe(0);
    expect(state.errors).toHaveLength(1);

    fail = false;
    expect(await storing.storeAll()).toBe(5);
    expect(staged).toBe(0);
  });

  it("runs one drain at a time: a request during a timed drain stores nothing twice", async () => {
    let running = 0;
    let most = 0;
    let left = 3;
    let taken = 0;
    const { storing, advance } = harness(0, async () => {
      if (left === 0) return { taken: 0, stored: 0, left: false };
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      running--;
      left--;
      taken++;
      return { taken: 1, stored: 1, left: left > 0 };
    });
    storing.captured();
    await advance(QUIET_MS);
    const all = await storing.storeAll();
    expect(most).toBe(1);
    expect(taken).toBe(3);
    expect(all).toBeLessThanOrEqual(3);
  });
});
