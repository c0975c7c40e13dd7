// When the background turns staged captures into items (pipeline/staged-captures.ts): once the user pauses — no
// capture for QUIET_MS — a chunk per transaction, giving way as soon as a new capture arrives; a page that never
// pauses still gets a chunk stored with each message once its oldest staged posts have waited MAX_WAIT_MS; and at once
// when a page of the extension asks (the popup and the review page as they open, the export).
import type { StoredChunk } from "../pipeline/staged-captures";

/** No capture for this long: the user has paused, and storing no longer competes with the page. */
export const QUIET_MS = 1500;
/** Staged posts never wait longer than this for a pause: then a chunk is stored with each message. */
export const MAX_WAIT_MS = 20_000;

export interface CaptureStoringDeps {
  /** Stores the oldest staged chunk (throws what IndexedDB threw). */
  storeChunk(): Promise<StoredChunk>;
  /** When the oldest staged post arrived, read from the database (after a restart). */
  oldestStagedAt(): Promise<number | undefined>;
  /** After a chunk stored new items. */
  onStored(stored: number): void;
  /** A chunk failed (e.g. storage full): storing stops until the next capture or request. */
  onError(error: unknown): void;
  now(): number;
  later(run: () => void, ms: number): () => void;
}

export interface CaptureStoring {
  /** A message's posts were staged. */
  captured(): void;
  /** Stores everything staged now, whatever the user is doing; the new items' count. */
  storeAll(): Promise<number>;
  /** Picks up what an earlier worker left staged (after a quiet moment). */
  resume(): void;
}

type Mode = "when-quiet" | "one-chunk" | "all";

export function createCaptureStoring(deps: CaptureStoringDeps): CaptureStoring {
  let lastCaptureAt = Number.NEGATIVE_INFINITY;
  /** When the oldest staged post arrived, as far as this worker knows (undefined: none, or not known yet). */
  let oldestAt: number | undefined;
  let cancelTimer: (() => void) | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const schedule = (ms: number) => {
    cancelTimer?.();
    cancelTimer = deps.later(() => {
      cancelTimer = undefined;
      void drain("when-quiet");
    }, ms);
  };

  /** One drain at a time: a request to store everything waits for the chunk in progress. */
  const drain = (mode: Mode): Promise<number> => {
    const run = queue.then(() => drainNow(mode));
    queue = run.catch(() => undefined);
    return run;
  };

  const drainNow = async (mode: Mode): Promise<number> => {
    let stored = 0;
    for (;;) {
      const quietFor = deps.now() - lastCaptureAt;
      if (mode === "when-quiet" && quietFor < QUIET_MS) {
        schedule(QUIET_MS - quietFor);
        return stored;
      }
      let chunk: StoredChunk;
      try {
        chunk = await deps.storeChunk();
      } catch (error) {
        deps.onError(error);
        return stored;
      }
      stored += chunk.stored;
      if (chunk.stored > 0) deps.onStored(chunk.stored);
      if (!chunk.left) {
        oldestAt = undefined;
        return stored;
      }
      oldestAt = await deps.oldestStagedAt().catch(() => oldestAt);
      if (mode === "one-chunk") return stored;
    }
  };

  return {
    captured() {
      const now = deps.now();
      lastCaptureAt = now;
      oldestAt ??= now;
      schedule(QUIET_MS);
      if (now - oldestAt >= MAX_WAIT_MS) void drain("one-chunk");
    },
    storeAll: () => drain("all"),
    resume() {
      void deps
        .oldestStagedAt()
        .then((at) => {
          if (at === undefined) return;
          oldestAt = oldestAt === undefined ? at : Math.min(oldestAt, at);
          schedule(QUIET_MS);
        })
        .catch(() => undefined);
    },
  };
}
