// The real ingest server on 127.0.0.1 with a fresh PGlite directory, recording every request the browser sends it.
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { createApp } from "../../../server/app";
import { loadConfig } from "../../../server/config";
import { type Database, openDatabase } from "../../../server/db/database";
import { balanceOf } from "../../../server/services/ledger";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface RecordingServer {
  url: string;
  db: Database;
  requests: RecordedRequest[];
  countRows(table: "items" | "batches" | "ledger_entries"): Promise<number>;
  balanceOf(address: string): Promise<string>;
  close(): Promise<void>;
}

export async function startRecordingServer(): Promise<RecordingServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "tributary-pglite-"));
  const db = await openDatabase({ dataDir });
  const app = createApp({ db, config: { ...loadConfig({}), logLevel: "silent" } });
  const requests: RecordedRequest[] = [];

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const listening = serve(
      {
        hostname: "127.0.0.1",
        port: 0,
        fetch: async (request: Request) => {
          const body = request.method === "GET" ? "" : await request.clone().text();
          const url = new URL(request.url);
          requests.push({
            method: request.method,
            path: url.pathname,
            headers: Object.fromEntries(request.headers.entries()),
            body,
          });
          return app.fetch(request);
        },
      },
      () => resolve(listening),
    );
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    db,
    requests,
    countRows: async (table) => {
      const [row] = await db.query<{ count: number }>(`select count(*)::int as count from ${table}`);
      return row?.count ?? 0;
    },
    balanceOf: (address) => balanceOf(db, address),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
