// Ingest throughput: signed 100-item batches per second through the whole server (HTTP, signature, validation, PII
// gate, dedupe, scoring, ledger), on PGlite and PostgreSQL, against a raw bulk INSERT of the same rows into the same
// database and a bare Hono handler receiving the same bodies, all in the same run, with p50/p99 latencies.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { Worker } from "node:worker_threads";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { loadConfig } from "../../server/config";
import { type Database, openDatabase } from "../../server/db/database";
import { textFingerprint } from "../../server/services/novelty";
import { scoreItem } from "../../server/services/scoring";
import { startServer } from "../../server/start";
import type { BatchRequest } from "../../shared/batch";
import { contentHash } from "../../shared/content-hash";
import { signRequest } from "../../shared/request-auth";
import { makeItem } from "../helpers/items";
import { newContributor } from "../helpers/server";
import type { ClientJob, ClientResult } from "./ingest-client";
import type { BenchSuite } from "./run";
import { type BenchRow, printTable } from "./table";

const BATCHES = 120;
/** The runs alternate (server, raw INSERT, bare Hono) in rounds, so a load change on the machine hits all three alike. */
const ROUNDS = 3;
const WARMUP_BATCHES = 10;
const ITEMS_PER_BATCH = 100;
const CONCURRENCY = 8;
/** Batches arrive from several devices at once; one contributor's extension sends its batches one at a time. */
const CONTRIBUTORS = 8;
const POSTGRES_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

interface Run {
  batches: number;
  seconds: number;
  latencies: number[];
}

interface Summary {
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
  return { batches: tasks.length, seconds: (performance.now() - started) / 1000, latencies };
}

function summarize(runs: Run[]): Summary {
  const latencies = runs.flatMap((run) => run.latencies).sort((a, b) => a - b);
  const batches = runs.reduce((sum, run) => sum + run.batches, 0);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  return { batchesPerSecond: batches / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}

/**
 * The HTTP client on its own thread (ingest-client.ts): it POSTs pre-built, pre-signed bodies (signing is the
 * client's cost, done before the clock starts), so neither signing nor fetch runs on the server's event loop.
 */
function startClient() {
  const worker = new Worker(new URL("./ingest-client.ts", import.meta.url));
  return {
    postAll(url: string, requests: ClientJob["requests"]): Promise<Run> {
      return new Promise((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        worker.once("error", onError);
        worker.once("message", (result: ClientResult) => {
          worker.off("error", onError);
          if ("error" in result) reject(new Error(result.error));
          else resolve({ batches: requests.length, ...result });
        });
        worker.postMessage({ url, requests, concurrency: CONCURRENCY } satisfies ClientJob);
      });
    },
    close: () => worker.terminate(),
  };
}

/** Signed by CONTRIBUTORS contributors in turn, as batches from several devices arrive at once. */
async function signAll(batches: BatchRequest[]) {
  const accounts = Array.from({ length: CONTRIBUTORS }, () => newContributor());
  return Promise.all(
    batches.map(async (batch, index) => {
      const body = JSON.stringify(batch);
      const headers = await signRequest(accounts[index % CONTRIBUTORS]!, { method: "POST", path: "/v1/batches", body });
      return { body, headers: { "content-type": "application/json", ...headers } };
    }),
  );
}

/** The rows the server writes for these batches, built before any clock starts: the baseline times the INSERT only. */
function rawRows(batches: BatchRequest[]): unknown[][] {
  const address = `0x${"b".repeat(40)}`;
  return batches.map((batch) => [
    address,
    batch.batchId,
    batch.items.map((item) => contentHash(item)),
    batch.items.map((item) => item.platform),
    batch.items.map((item) => item.id),
    batch.items.map((item) => JSON.stringify(item)),
    batch.items.map((item) => scoreItem(item).toString()),
    batch.items.map((item) => textFingerprint(item.text)),
  ]);
}

/** The same rows the server writes, in one INSERT … unnest per batch and transaction, with the same concurrency. */
async function rawInsert(db: Database, rows: unknown[][]): Promise<Run> {
  return runBounded(
    rows.map(
      (params) => () =>
        db.transaction(async (tx) => {
          await tx.query(
            `insert into bench_raw_items
               (content_hash, platform, native_id, contributor, batch_id, item, points, text_fingerprint)
             select t.h, t.p, t.n, $1, $2, t.i, t.pt, t.f
             from unnest($3::text[], $4::text[], $5::text[], $6::jsonb[], $7::numeric[], $8::text[]) as t (h, p, n, i, pt, f)
             on conflict (content_hash) do nothing`,
            params,
          );
        }),
    ),
  );
}

/** A Hono server that only reads the body: what HTTP and the client cost on their own. */
async function startBareHono(): Promise<{ url: string; close(): Promise<void> }> {
  const app = new Hono().post("/v1/batches", async (c) => c.json({ received: (await c.req.text()).length }));
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve) => {
    const listening = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) =>
      resolve({ server: listening, port: info.port }),
    );
  });
  return {
    url: `http://127.0.0.1:${port}/v1/batches`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
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
  const bareHono = await startBareHono();
  const client = startClient();
  const postAll = client.postAll;
  try {
    const url = `${server.url}/v1/batches`;
    // Same table layout and indexes as items (its own table, so the server's rows do not turn these into no-ops).
    await db.query("create table bench_raw_items (like items including all)");
    const warmup = makeBatches(WARMUP_BATCHES);
    await postAll(url, await signAll(warmup));
    await rawInsert(db, rawRows(warmup));
    await postAll(bareHono.url, await signAll(warmup));

    const runs = { served: [] as Run[], raw: [] as Run[], bare: [] as Run[] };
    for (let round = 0; round < ROUNDS; round++) {
      const batches = makeBatches(BATCHES / ROUNDS);
      const signed = await signAll(batches);
      const rows = rawRows(batches);
      runs.served.push(await postAll(url, signed));
      runs.raw.push(await rawInsert(db, rows));
      runs.bare.push(await postAll(bareHono.url, signed));
    }
    const [served, raw, bare] = [summarize(runs.served), summarize(runs.raw), summarize(runs.bare)];
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
    await client.close();
    await bareHono.close();
    await server.close();
    await dispose();
  }
}

export const ingestBench: BenchSuite = {
  name: "ingest",
  async run() {
    const rows = [...(await benchEngine("pglite")), ...(await benchEngine("postgres"))];
    printTable(
      `Ingest: ${BATCHES} batches × ${ITEMS_PER_BATCH} items from ${CONTRIBUTORS} contributors, ${CONCURRENCY} in flight, ` +
        `${ROUNDS} interleaved rounds, 127.0.0.1 (the client on a worker thread, the server on the main one)`,
      rows,
    );
  },
};
