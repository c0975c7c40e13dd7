// Exponential backoff with full jitter: retries spread out instead of hammering a server that is down.
export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 6 * 60 * 60 * 1000;

/** Delay before retry number `attempt` (1-based): uniform in [base·2^(attempt-1)/2, base·2^(attempt-1)], capped. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** The longest wait a server's Retry-After may impose: past it, the queue's own backoff decides. */
export const RETRY_AFTER_MAX_MS = BACKOFF_MAX_MS;

/**
 * The wait a Retry-After header asks for, in ms (delta-seconds or an HTTP date), capped; undefined when absent or
 * unreadable, so a garbled header falls back to the usual backoff.
 */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  // An HTTP date always names its weekday and month; without letters, only delta-seconds are meant.
  const wait = /^[0-9]{1,10}$/.test(text) ? Number(text) * 1000 : /[A-Za-z]/.test(text) ? Date.parse(text) - now : NaN;
  if (!Number.isFinite(wait)) return undefined;
  return Math.min(RETRY_AFTER_MAX_MS, Math.max(0, wait));
}
