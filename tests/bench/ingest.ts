// Ingest throughput: signed 100-item batches per second through the whole server (HTTP, signature, validation, PII
// gate, dedupe, scoring, ledger), on PGlite and PostgreSQL, against a raw bulk INSERT of the same rows into the same
// database and a bare Hono handler receiving the same bodies, all in the same run, with p50/p99 latencies.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { loadConfig } from "../../server/config";
import { type Database, openDatabase } from "../../server/db/database";
import { startServer } from "../../server/start";
import type { BatchRequest } from "../../shared/batch";
import { contentHash } from "../../shared/content-hash";
import { signRequest } from "../../shared/request-auth";
import { makeItem } from "../helpers/items";
import { newContributor } from "../helpers/server";
import type { BenchSuite } from "./run";
import { type BenchRow, printTable } from "./table";

const BATCHES = 120;
const WARMUP_BATCHES = 10;
const ITEMS_PER_BATCH = 100;
const CONCURRENCY = 8;
const POSTGRES_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

interface Run {
  batchesPerSecond: number;
  p50: number;
  p99: number;
}

function makeBatches(count: number): BatchRequest[] {
  return Array.from({ length: count }, () => ({
    batchId: randomUUID(),
    items: Array.from({ length: ITEMS_PER_BATCH }, () => makeItem()),
  }));
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

/** Runs the tasks with a fixed number in flight; the rate and the latency of each. */
async function runBounded(tasks: (() => Promise<void>)[]): Promise<Run> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < tasks.length) {
        const task = tasks[next++]!;
        const begin = performance.now();
        await task();
        latencies.push(performance.now() - begin);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    batchesPerSecond: tasks.length / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
  };
}

/** POSTs pre-built bodies (signing is the client's cost, done before the clock starts). */
async function postAll(url: string, requests: { body: string; headers: Record<string, string> }[]): Promise<Run> {
  return runBounded(
    requests.map((request) => async () => {
      const response = await fetch(url, { method: "POST", headers: request.headers, body: request.body });
      if (response.status !== 200) throw new Error(`bench request failed: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    }),
  );
}

async function signAll(batches: BatchRequest[]) {
  const account = newContributor();
  return Promise.all(
    batches.map(async (batch) => {
      const body = JSON.stringify(batch);
      const headers = await signRequest(account, { method: "POST", path: "/v1/batches", body });
      return { body, headers: { "content-type": "application/json", ...headers } };
    }),
  );
}

/** The same rows the server writes, in one INSERT … unnest per batch, with the same concurrency. */
async function rawInsert(db: Database, batches: BatchRequest[]): Promise<Run> {
  await db.query("create table if not exists bench_raw_items (like items including all)");
  const address = `0x${"b".repeat(40)}`;
  return runBounded(
    batches.map(
      (batch) => () =>
        db.transaction(async (tx) => {
          await tx.query(
            `insert into bench_raw_items (content_hash, platform, native_id, contributor, batch_id, item, points)
           select t.h, t.p, t.n, $1, $2, t.i, t.pt
           from unnest($3::text[], $4::text[], $5::text[], $6::jsonb[], $7::numeric[]) as t (h, p, n, i, pt)
           on conflict (content_hash) do nothing`,
            [
              address,
              batch.batchId,
              batch.items.map((item) => contentHash(item)),
              batch.items.map((item) => item.platform),
              batch.items.map((item) => item.id),
              batch.items.map((item) => JSON.stringify(item)),
              batch.items.map(() => "200000000000000000"),
            ],
          );
        }),
    ),
  );
}

async function bareHono(requests: { body: string; headers: Record<string, string> }[]): Promise<Run> {
  const app = new Hono().post("/v1/batches", async (c) => c.json({ received: (await c.req.text()).length }));
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve) => {
    const listening = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) =>
      resolve({ server: listening, port: info.port }),
    );
  });
  try {
    return await postAll(`http://127.0.0.1:${port}/v1/batches`, requests);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

async function openBenchDatabase(engine: "pglite" | "postgres") {
  if (engine === "pglite") {
    const db = await openDatabase();
    return { db, dispose: () => db.close() };
  }
  // A schema of its own, dropped afterwards: the bench never touches test or real data.
  const schema = `bench_${randomUUID().replaceAll("-", "")}`;
  const db = await openDatabase({ url: POSTGRES_URL, schema });
  return {
    db,
    async dispose() {
      await db.query(`drop schema "${schema}" cascade`);
      await db.close();
    },
  };
}

async function benchEngine(engine: "pglite" | "postgres"): Promise<BenchRow[]> {
  const { db, dispose } = await openBenchDatabase(engine);
  const config = { ...loadConfig({}), logLevel: "silent" as const, rateLimits: { perIp: 0, perContributor: 0 } };
  const server = await startServer({ db, config, port: 0, host: "127.0.0.1" });
  try {
    const url = `${server.url}/v1/batches`;
    await postAll(url, await signAll(makeBatches(WARMUP_BATCHES)));
    const batches = makeBatches(BATCHES);
    const signed = await signAll(batches);
    const served = await postAll(url, signed);
    const raw = await rawInsert(db, batches);
    const bare = await bareHono(signed);
    const name = `${engine}: signed ${ITEMS_PER_BATCH}-item batches`;
    return [
      {
        name: `${name}, batches/s`,
        value: served.batchesPerSecond,
        unit: "batch/s",
        baseline: { name: "raw bulk INSERT", value: raw.batchesPerSecond },
        goal: "ratio ≥ 0.5",
        met: served.batchesPerSecond / raw.batchesPerSecond >= 0.5,
      },
      {
        name: `${name}, items/s`,
        value: served.batchesPerSecond * ITEMS_PER_BATCH,
        unit: "item/s",
        baseline: { name: "raw bulk INSERT", value: raw.batchesPerSecond * ITEMS_PER_BATCH },
        goal: "ratio ≥ 0.5",
        met: served.batchesPerSecond / raw.batchesPerSecond >= 0.5,
      },
      {
        name: `${engine}: server vs bare Hono handler, batches/s`,
        value: served.batchesPerSecond,
        unit: "batch/s",
        baseline: { name: "bare Hono", value: bare.batchesPerSecond },
      },
      {
        name: `${engine}: server latency p50`,
        value: served.p50,
        unit: "ms",
        baseline: { name: "raw INSERT p50", value: raw.p50 },
      },
      {
        name: `${engine}: server latency p99`,
        value: served.p99,
        unit: "ms",
        baseline: { name: "raw INSERT p99", value: raw.p99 },
      },
      {
        name: `${engine}: bare Hono latency p50 / p99`,
        value: bare.p50,
        unit: "ms",
        baseline: { name: "p99", value: bare.p99 },
      },
    ];
  } finally {
    await server.close();
    await dispose();
  }
}

export const ingestBench: BenchSuite = {
  name: "ingest",
  async run() {
    const rows = [...(await benchEngine("pglite")), ...(await benchEngine("postgres"))];
    printTable(
      `Ingest: ${BATCHES} batches × ${ITEMS_PER_BATCH} items, ${CONCURRENCY} in flight, 127.0.0.1 (same process)`,
      rows,
    );
  },
};
