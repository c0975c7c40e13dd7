// Rate limits: fixed one-minute windows per client IP and per contributor, counted in memory or shared through Redis.
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { Redis } from "ioredis";
import type { Logger } from "./log";
import { problemResponse } from "./problem";

export const RATE_WINDOW_MS = 60_000;

export interface RateCount {
  /** Requests counted in the current window, this one included. */
  count: number;
  /** Milliseconds until the window ends. */
  resetMs: number;
}

/** Where hits are counted: one process's memory, or Redis so that every server process shares the same counts. */
export interface RateLimitStore {
  hit(key: string, windowMs: number): Promise<RateCount>;
  close(): Promise<void>;
}

export function memoryRateLimitStore(now: () => number = Date.now): RateLimitStore {
  const windows = new Map<string, { count: number; resetAt: number }>();
  let nextSweep = 0;
  return {
    async hit(key, windowMs) {
      const time = now();
      if (time >= nextSweep) {
        // Expired windows are dropped once per window, so memory follows the number of recent clients.
        for (const [stored, window] of windows) if (window.resetAt <= time) windows.delete(stored);
        nextSweep = time + windowMs;
      }
      let window = windows.get(key);
      if (!window || window.resetAt <= time) {
        window = { count: 0, resetAt: time + windowMs };
        windows.set(key, window);
      }
      window.count++;
      return { count: window.count, resetMs: window.resetAt - time };
    },
    async close() {
      windows.clear();
    },
  };
}

/** INCR and set the expiry on the first hit, atomically, so a crash between the two cannot leave a key forever. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

export function redisRateLimitStore(url: string, prefix: string): RateLimitStore {
  // A request never waits long on Redis: one retry and a short timeout, after which the limiter lets it through.
  const redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 500, connectTimeout: 2_000 });
  redis.on("error", () => {
    // Reported per request by the middleware; without a listener ioredis prints every reconnect attempt.
  });
  return {
    async hit(key, windowMs) {
      const [count, ttl] = (await redis.eval(HIT_SCRIPT, 1, `${prefix}rate:${key}`, windowMs)) as [number, number];
      return { count: Number(count), resetMs: Number(ttl) };
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** The client's IP: the socket's peer, or the first X-Forwarded-For entry behind a trusted proxy. */
export function clientIp(c: Context, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address;
  } catch {
    // No socket (an in-process app.request()): nothing to limit by.
    return undefined;
  }
}

export interface RateLimitOptions {
  store: RateLimitStore;
  /** Requests per window; 0 means no limit. */
  limit: number;
  /** Names what is counted ("IP", "contributor") in keys and in the refusal. */
  scope: string;
  log: Logger;
  windowMs?: number;
}

/** Counts one request for `key`: a 429 problem to answer when over the limit, otherwise undefined. */
export type RateLimiter = (key: string) => Promise<Response | undefined>;

/**
 * Refuses a request over the limit with 429 `rate.limited` and Retry-After. When the store fails (Redis down), the
 * request goes through and the failure is logged: a broken limiter must not take the API down with it.
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const windowMs = options.windowMs ?? RATE_WINDOW_MS;
  let lastWarning = Number.NEGATIVE_INFINITY;
  return async (key) => {
    if (options.limit <= 0) return undefined;
    let counted: RateCount;
    try {
      counted = await options.store.hit(`${options.scope.toLowerCase()}:${key}`, windowMs);
    } catch (error) {
      if (Date.now() - lastWarning > windowMs) {
        lastWarning = Date.now();
        options.log.warn("rate limiter unavailable, letting requests through", { scope: options.scope, error });
      }
      return undefined;
    }
    if (counted.count <= options.limit) return undefined;
    const seconds = Math.max(1, Math.ceil(counted.resetMs / 1000));
    return problemResponse("rate.limited", {
      detail: `more than ${options.limit} requests per minute from this ${options.scope}; retry in ${seconds} s`,
      headers: { "retry-after": String(seconds) },
    });
  };
}

/** Applies a limiter to every request, keyed by the client's IP (requests without a socket are not counted). */
export function limitByIp(limiter: RateLimiter, trustProxy: boolean) {
  return createMiddleware(async (c, next) => {
    const ip = clientIp(c, trustProxy);
    const refusal = ip === undefined ? undefined : await limiter(ip);
    if (refusal) return refusal;
    await next();
  });
}
