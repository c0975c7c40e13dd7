// Operating the server: its OpenAPI document, Prometheus metrics, validated configuration, and shutdown that finishes
// the batches in flight.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../server/config";
import { PROBLEMS } from "../../../server/problem";
import { DATABASE_ENGINES, POSTGRES_URL, useTestDatabase } from "../../helpers/database";
import { makeItem } from "../../helpers/items";
import { batchOf, newContributor, postBatch, signedRequest, testApp } from "../../helpers/server";
import { startServerProcess } from "./server-process";

describe.each(DATABASE_ENGINES)("operations on %s", (engine) => {
  const db = useTestDatabase(engine);

  it("describes every route in an OpenAPI 3.1 document built from the wire schemas", async () => {
    const response = await testApp(db()).request("/v1/openapi.json");

    expect(response.status).toBe(200);
    const document = await response.json();
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        "/v1/batches",
        "/v1/contributors/me",
        "/v1/contributors/{address}",
        "/v1/contributors/{address}/balance",
        "/v1/contributors/{address}/receipts",
      ]),
    );
    const batch = document.components.schemas.BatchRequest;
    expect(batch.required).toEqual(["batchId", "items"]);
    expect(batch.properties.items.maxItems).toBe(100);
    expect(batch.properties.items.items.properties.platform.enum).toContain("reddit");
    expect(JSON.stringify(document.paths["/v1/batches"].post.responses["409"])).toContain("batch.id_conflict");
  });

  it("documents every route the app answers, with each of its methods", async () => {
    const app = testApp(db());
    const document = await (await app.request("/v1/openapi.json")).json();

    // Hono lists middleware as method ALL; every other entry is a route a client can call.
    const routes = app.routes
      .filter((route) => route.method !== "ALL")
      .map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:(\w+)/g, "{$1}")}`);
    const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`),
    );
    expect(routes.length).toBeGreaterThan(8);
    expect([...new Set(routes)].filter((route) => !documented.includes(route))).toEqual([]);
  });

  it("counts requests by route pattern, items by verdict and ledger totals in Prometheus format", async () => {
    const app = testApp(db());
    const shared = makeItem();
    await postBatch(app, newContributor(), batchOf([shared, makeItem()]));
    await postBatch(app, newContributor(), batchOf([shared, makeItem({ text: "nul\u0000" })]));
    await app.request(`/v1/contributors/${newContributor().address}`);

    const response = await app.request("/metrics");

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toContain('tributary_items_total{verdict="accepted"} 2');
    expect(text).toContain('tributary_items_total{verdict="duplicate"} 1');
    expect(text).toContain('tributary_items_total{verdict="refused"} 1');
    expect(text).toContain('tributary_batches_total{outcome="created"} 2');
    expect(text).toMatch(/tributary_http_requests_total\{method="POST",route="\/v1\/batches",status="200"\} 2/);
    expect(text).toContain('route="/v1/contributors/:address"');
    expect(text).toMatch(
      /tributary_http_request_duration_seconds_bucket\{le="[0-9.]+",method="POST",route="\/v1\/batches"\}/,
    );
    const credited = /tributary_ledger_tokens\{total="credited"\} ([0-9.e-]+)/.exec(text);
    expect(Number(credited?.[1])).toBeGreaterThan(0);
  });

  it("gives every refusal code a client- or server-error status and a title", () => {
    for (const [code, problem] of Object.entries(PROBLEMS)) {
      expect(problem.status, code).toBeGreaterThanOrEqual(400);
      expect(problem.title.length, code).toBeGreaterThan(10);
    }
  });
});

describe("the server's configuration", () => {
  it("reads every setting from the environment, with documented defaults", () => {
    expect(loadConfig({})).toMatchObject({
      port: 8787,
      host: "127.0.0.1",
      rateLimits: { perIp: 600, perContributor: 60 },
      trustProxy: false,
      redisKeyPrefix: "tributary:",
      shutdownTimeoutMs: 15_000,
    });
    expect(
      loadConfig({
        REDIS_URL: "redis://cache:6379",
        RATE_LIMIT_PER_IP: "0",
        RATE_LIMIT_PER_CONTRIBUTOR: "10",
        TRUST_PROXY: "true",
        DATABASE_SCHEMA: "tributary_prod",
      }),
    ).toMatchObject({
      redisUrl: "redis://cache:6379",
      rateLimits: { perIp: 0, perContributor: 10 },
      trustProxy: true,
      databaseSchema: "tributary_prod",
    });
  });

  it("fails at start with one message naming every bad setting", () => {
    expect(() =>
      loadConfig({ REDIS_URL: "localhost:6379", RATE_LIMIT_PER_IP: "-1", TRUST_PROXY: "yes", DATABASE_SCHEMA: "a;b" }),
    ).toThrow(/REDIS_URL.*RATE_LIMIT_PER_IP.*TRUST_PROXY.*DATABASE_SCHEMA|invalid server configuration/);
  });
});

describe("a server process shutting down", () => {
  it("answers the batch it is ingesting when SIGTERM arrives, then exits cleanly", async () => {
    const schema = `test_shutdown_${crypto.randomUUID().replaceAll("-", "")}`;
    const server = await startServerProcess({
      DATABASE_URL: POSTGRES_URL,
      DATABASE_SCHEMA: schema,
      LOG_LEVEL: "debug",
    });
    try {
      const alice = newContributor();
      const signed = await signedRequest(alice, batchOf(Array.from({ length: 100 }, () => makeItem())));
      const answer = fetch(new URL("/v1/batches", server.url), {
        method: "POST",
        headers: signed.headers,
        body: await signed.text(),
      });
      await server.waitForLog((line) => line.msg === "ingesting batch");
      server.child.kill("SIGTERM");

      const response = await answer;
      expect(response.status).toBe(200);
      expect((await response.json()).verdicts).toHaveLength(100);
      expect(await server.exited).toBe(0);
      expect(server.logs.map((line) => line.msg)).toEqual(expect.arrayContaining(["shutting down", "stopped"]));
    } finally {
      server.child.kill("SIGKILL");
      const { openDatabase } = await import("../../../server/db/database");
      const probe = await openDatabase({ url: POSTGRES_URL, migrate: false });
      await probe.query(`drop schema if exists "${schema}" cascade`);
      await probe.close();
    }
  }, 180_000);
});
