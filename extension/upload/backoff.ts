// Exponential backoff with full jitter: retries spread out instead of hammering a server that is down.
export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 6 * 60 * 60 * 1000;

/** Delay before retry number `attempt` (1-based): uniform in [base·2^(attempt-1)/2, base·2^(attempt-1)], capped. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
