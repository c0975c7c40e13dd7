// Rate limits per contributor and per IP: 429 with Retry-After past the limit, shared by server processes via Redis.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../server/app";
import type { ServerConfig } from "../../../server/config";
import { silentLogger } from "../../../server/log";
import { memoryRateLimitStore, redisRateLimitStore } from "../../../server/rate-limit";
import { startServer } from "../../../server/start";
import { DATABASE_ENGINES, useTestDatabase } from "../../helpers/database";
import { makeItem } from "../../helpers/items";
import { batchOf, newContributor, postBatch, readProblem, signedRequest, testConfig } from "../../helpers/server";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

function limited(perIp: number, perContributor: number, extra: Partial<ServerConfig> = {}): ServerConfig {
  return { ...testConfig, rateLimits: { perIp, perContributor }, ...extra };
}

/** app.request() has no socket; this gives the request the peer address a real connection would have. */
function fromIp(address: string) {
  return { incoming: { socket: { remoteAddress: address } } };
}

describe.each(DATABASE_ENGINES)("rate limits on %s", (engine) => {
  const db = useTestDatabase(engine);

  it("refuses a contributor's requests past the limit with 429 rate.limited and Retry-After, others go on", async () => {
    let now = Date.parse("2025-06-01T12:00:00Z");
    const app = createApp({ db: db(), config: limited(0, 3), log: silentLogger, now: () => now });
    const alice = newContributor();
    const sign = { now: () => now };

    const statuses = [];
    for (let index = 0; index < 4; index++)
      statuses.push((await postBatch(app, alice, batchOf([makeItem()]), sign)).status);
    const refused = await postBatch(app, alice, batchOf([makeItem()]), sign);
    const bob = await postBatch(app, newContributor(), batchOf([makeItem()]), sign);

    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect((await readProblem(refused)).code).toBe("rate.limited");
    expect(bob.status).toBe(200);

    now += 61_000;
    expect((await postBatch(app, alice, batchOf([makeItem()]), sign)).status).toBe(200);
  });

  it("does not count requests with a forged signature against the contributor they name", async () => {
    const app = createApp({ db: db(), config: limited(0, 2), log: silentLogger });
    const alice = newContributor();
    for (let index = 0; index < 5; index++) {
      const forged = await postBatch(app, newContributor(), batchOf([makeItem()]), {
        headers: { "x-tributary-address": alice.address },
      });
      expect(forged.status).toBe(401);
    }

    expect((await postBatch(app, alice, batchOf([makeItem()]))).status).toBe(200);
  });

  it("limits each client IP on every /v1 route, and leaves health checks alone", async () => {
    const app = createApp({ db: db(), config: limited(2, 0), log: silentLogger });
    const address = `/v1/contributors/${newContributor().address}`;

    const first = await app.request(address, {}, fromIp("203.0.113.7"));
    const second = await app.request(address, {}, fromIp("203.0.113.7"));
    const third = await app.request(address, {}, fromIp("203.0.113.7"));
    const otherIp = await app.request(address, {}, fromIp("203.0.113.8"));
    const health = await app.request("/health", {}, fromIp("203.0.113.7"));

    expect([first.status, second.status, third.status, otherIp.status, health.status]).toEqual([
      200, 200, 429, 200, 200,
    ]);
    expect((await readProblem(third)).code).toBe("rate.limited");
  });

  it("takes the client IP from X-Forwarded-For only when told to trust the proxy", async () => {
    const trusting = createApp({ db: db(), config: limited(1, 0, { trustProxy: true }), log: silentLogger });
    const path = `/v1/contributors/${newContributor().address}`;
    const via = (client: string) => ({ headers: { "x-forwarded-for": `${client}, 10.0.0.1` } });

    expect((await trusting.request(path, via("198.51.100.1"), fromIp("10.0.0.1"))).status).toBe(200);
    expect((await trusting.request(path, via("198.51.100.2"), fromIp("10.0.0.1"))).status).toBe(200);
    expect((await trusting.request(path, via("198.51.100.1"), fromIp("10.0.0.1"))).status).toBe(429);

    const wary = createApp({ db: db(), config: limited(1, 0), log: silentLogger });
    expect((await wary.request(path, via("198.51.100.1"), fromIp("10.0.0.1"))).status).toBe(200);
    expect((await wary.request(path, via("198.51.100.2"), fromIp("10.0.0.1"))).status).toBe(429);
  });

  it("shares the limits between two server instances through Redis", async () => {
    const config = limited(1000, 3, { redisUrl: REDIS_URL, redisKeyPrefix: `test:${randomUUID()}:` });
    const servers = [
      await startServer({ db: db(), config, port: 0, host: "127.0.0.1" }),
      await startServer({ db: db(), config, port: 0, host: "127.0.0.1" }),
    ];
    try {
      const alice = newContributor();
      const statuses = [];
      for (let index = 0; index < 4; index++) {
        const signed = await signedRequest(alice, batchOf([makeItem()]));
        const server = servers[index % 2]!;
        const response = await fetch(new URL("/v1/batches", server.url), {
          method: "POST",
          headers: signed.headers,
          body: await signed.text(),
        });
        statuses.push(response.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  });
});

describe("rate limit stores", () => {
  it("count within a window and start again after it, in memory and in Redis alike", async () => {
    let now = 1_000_000;
    const memory = memoryRateLimitStore(() => now);
    expect([(await memory.hit("k", 1000)).count, (await memory.hit("k", 1000)).count]).toEqual([1, 2]);
    now += 1001;
    expect((await memory.hit("k", 1000)).count).toBe(1);

    const redis = redisRateLimitStore(REDIS_URL, `test:${randomUUID()}:`);
    try {
      const first = await redis.hit("k", 300);
      const second = await redis.hit("k", 300);
      expect([first.count, second.count]).toEqual([1, 2]);
      expect(second.resetMs).toBeGreaterThan(0);
      expect(second.resetMs).toBeLessThanOrEqual(300);
      await new Promise((resolve) => setTimeout(resolve, 350));
      expect((await redis.hit("k", 300)).count).toBe(1);
    } finally {
      await redis.close();
    }
  });

  it("lets requests through, and logs, when Redis cannot be reached", async () => {
    const lines: string[] = [];
    const { createLogger } = await import("../../../server/log");
    const { createRateLimiter } = await import("../../../server/rate-limit");
    const store = redisRateLimitStore("redis://127.0.0.1:1", "test:");
    try {
      const limiter = createRateLimiter({
        store,
        limit: 1,
        scope: "IP",
        log: createLogger({ level: "warn", write: (line) => lines.push(line) }),
      });
      expect(await limiter("198.51.100.9")).toBeUndefined();
      expect(await limiter("198.51.100.9")).toBeUndefined();
      expect(lines.map((line) => JSON.parse(line).msg)).toEqual(["rate limiter unavailable, letting requests through"]);
    } finally {
      await store.close();
    }
  });
});
