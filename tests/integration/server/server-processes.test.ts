// Exactly once across processes: two servers on one PostgreSQL hammered with the same batches, and a server killed
// (SIGKILL) in the middle of a batch, then restarted and retried.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PrivateKeyAccount } from "viem/accounts";
import { afterAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../../server/db/database";
import { auditLedger, balanceOf } from "../../../server/services/ledger";
import { type BatchRequest, batchResponseSchema } from "../../../shared/batch";
import { POSTGRES_URL } from "../../helpers/database";
import { makeItem } from "../../helpers/items";
import { batchOf, newContributor, signedRequest } from "../../helpers/server";
import { type ServerProcess, startServerProcess, stopServerProcess } from "./server-process";

/** Starting server processes (tsx compiles on start) dominates; the work itself takes a few seconds. */
const PROCESS_TEST_TIMEOUT_MS = 240_000;
const UNLIMITED = { RATE_LIMIT_PER_IP: "0", RATE_LIMIT_PER_CONTRIBUTOR: "0" };

async function send(server: ServerProcess, account: PrivateKeyAccount, batch: BatchRequest): Promise<Response> {
  const signed = await signedRequest(account, batch);
  return fetch(new URL("/v1/batches", server.url), {
    method: "POST",
    headers: signed.headers,
    body: await signed.text(),
  });
}

/** Per batch: how many transfers credit it (at most one, whatever happened). */
async function creditsPerBatch(db: Database): Promise<Map<string, number>> {
  const rows = await db.query<{ transfer_id: string; count: number }>(
    "select transfer_id, count(*)::int as count from ledger_entries where transfer_id like 'batch:%' group by transfer_id",
  );
  return new Map(rows.map((row) => [row.transfer_id.slice("batch:".length), row.count / 2]));
}

const schemas: string[] = [];
afterAll(async () => {
  const probe = await openDatabase({ url: POSTGRES_URL, migrate: false });
  for (const schema of schemas) await probe.query(`drop schema if exists "${schema}" cascade`);
  await probe.close();
});

/**
 * PGlite's data directory in memory (tmpfs) when the machine has one: PGlite writes thousands of small files on its
 * first start, which a busy disk makes several times slower, and a killed process loses nothing from tmpfs either.
 */
function freshDataDir(): string {
  return mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "tributary-kill-"));
}

function freshSchema(): string {
  const schema = `test_processes_${crypto.randomUUID().replaceAll("-", "")}`;
  schemas.push(schema);
  return schema;
}

describe("two server processes on one PostgreSQL", () => {
  it(
    "credit every batch exactly once when both receive the same batches at the same time",
    async () => {
      const schema = freshSchema();
      const env = { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema, ...UNLIMITED };
      const servers = await Promise.all([startServerProcess(env), startServerProcess(env)]);
      const db = await openDatabase({ url: POSTGRES_URL, schema, migrate: false });
      try {
        const contributors = Array.from({ length: 4 }, () => newContributor());
        const sharedItems = Array.from({ length: 10 }, () => makeItem());
        const work = contributors.flatMap((account) =>
          Array.from({ length: 4 }, () => ({
            account,
            batch: batchOf([...sharedItems.slice(0, 5), ...Array.from({ length: 15 }, () => makeItem())]),
          })),
        );

        // Every batch three times to each server, all at once.
        const responses = await Promise.all(
          work.flatMap(({ account, batch }) =>
            [0, 1, 2, 3, 4, 5].map(async (copy) => {
              const response = await send(servers[copy % 2]!, account, batch);
              return { batchId: batch.batchId, status: response.status, body: await response.json() };
            }),
          ),
        );

        expect(responses.filter((response) => response.status !== 200)).toEqual([]);
        const answers = new Map<string, string>();
        for (const response of responses) {
          const answer = batchResponseSchema.parse(response.body);
          const first = answers.get(response.batchId);
          if (first !== undefined) expect(JSON.stringify(answer)).toBe(first);
          answers.set(response.batchId, JSON.stringify(answer));
        }
        const credits = await creditsPerBatch(db);
        expect([...credits.values()].every((count) => count === 1)).toBe(true);
        expect(credits.size).toBe(work.length);
        const [items] = await db.query<{ count: number }>("select count(*)::int as count from items");
        expect(items?.count).toBe(work.length * 15 + 5);
        for (const account of contributors) {
          const credited = work
            .filter((entry) => entry.account === account)
            .reduce((sum, entry) => sum + BigInt(JSON.parse(answers.get(entry.batch.batchId)!).credited), 0n);
          expect(await balanceOf(db, account.address)).toBe(credited.toString());
        }
        expect(await auditLedger(db)).toEqual({
          mismatchedAccounts: [],
          unbalancedTransfers: [],
          negativeAccounts: [],
        });
      } finally {
        await Promise.all(servers.map(stopServerProcess));
        await db.close();
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});

describe.each(["postgres", "pglite"] as const)("a %s server killed in the middle of a batch", (engine) => {
  it(
    "credits the batch exactly once when the client retries after the restart",
    async () => {
      const dataDir = engine === "pglite" ? freshDataDir() : undefined;
      const schema = engine === "postgres" ? freshSchema() : undefined;
      const env = {
        ...(dataDir ? { DATA_DIR: dataDir } : { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema! }),
        ...UNLIMITED,
        LOG_LEVEL: "debug",
      };
      const alice = newContributor();
      const batch = batchOf(Array.from({ length: 100 }, () => makeItem()));
      try {
        const doomed = await startServerProcess(env);
        const lost = send(doomed, alice, batch).then(
          (response) => response.status,
          () => "no answer",
        );
        await doomed.waitForLog((line) => line.msg === "ingesting batch");
        doomed.child.kill("SIGKILL");
        expect(await doomed.exited).toBe("SIGKILL");
        await lost;

        const restarted = await startServerProcess(env);
        let answer: ReturnType<typeof batchResponseSchema.parse>;
        try {
          const retry = await send(restarted, alice, batch);
          expect(retry.status).toBe(200);
          answer = batchResponseSchema.parse(await retry.json());
          const again = await send(restarted, alice, batch);
          expect(again.status).toBe(200);
          expect(await again.json()).toEqual(answer);
        } finally {
          await stopServerProcess(restarted);
        }

        const db = await openDatabase(dataDir ? { dataDir } : { url: POSTGRES_URL, schema });
        try {
          expect(answer.verdicts.every((verdict) => verdict.status === "accepted")).toBe(true);
          expect(await creditsPerBatch(db)).toEqual(new Map([[batch.batchId, 1]]));
          expect(await balanceOf(db, alice.address)).toBe(answer.credited);
          const [items] = await db.query<{ count: number }>("select count(*)::int as count from items");
          expect(items?.count).toBe(100);
          expect(await auditLedger(db)).toEqual({
            mismatchedAccounts: [],
            unbalancedTransfers: [],
            negativeAccounts: [],
          });
        } finally {
          await db.close();
        }
      } finally {
        if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
