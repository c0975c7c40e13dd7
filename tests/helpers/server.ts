// Talking to the ingest server in tests: a quiet app, contributors with fresh keys, signed requests, problem bodies.
import { randomUUID } from "node:crypto";
import { generatePrivateKey, type PrivateKeyAccount, privateKeyToAccount } from "viem/accounts";
import { type App, createApp } from "../../server/app";
import { loadConfig, type ServerConfig } from "../../server/config";
import type { Database } from "../../server/db/database";
import { type Logger, silentLogger } from "../../server/log";
import type { BatchRequest } from "../../shared/batch";
import type { Item } from "../../shared/item";
import { type Problem, problemSchema } from "../../shared/problem";
import { signRequest } from "../../shared/request-auth";

export const BATCHES_PATH = "/v1/batches";

/** The server's defaults, without reading the test process's environment, and without logs. */
export const testConfig: ServerConfig = { ...loadConfig({}), logLevel: "silent" };

export function testApp(db: Database, options: { now?: () => number; corsOrigins?: string[]; log?: Logger } = {}): App {
  const config = options.corsOrigins ? { ...testConfig, corsOrigins: options.corsOrigins } : testConfig;
  return createApp({ db, config, now: options.now, log: options.log ?? silentLogger });
}

/** A contributor as the extension creates one: a fresh secp256k1 key. */
export function newContributor(): PrivateKeyAccount {
  return privateKeyToAccount(generatePrivateKey());
}

export function batchOf(items: Item[], batchId: string = randomUUID()): BatchRequest {
  return { batchId, items };
}

export interface SignedOptions {
  method?: string;
  path?: string;
  /** The signer's clock (epoch ms); defaults to now. */
  now?: () => number;
  /** Replace or add headers after signing, to tamper with a signed request. */
  headers?: Record<string, string>;
}

/** A request signed by the account, as the extension sends it. */
export async function signedRequest(
  account: PrivateKeyAccount,
  body: string | BatchRequest,
  options: SignedOptions = {},
): Promise<Request> {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const method = options.method ?? "POST";
  const path = options.path ?? BATCHES_PATH;
  const signature = await signRequest(account, { method, path, body: text }, options.now);
  return new Request(`http://localhost${path}`, {
    method,
    headers: { "content-type": "application/json", ...signature, ...options.headers },
    body: text,
  });
}

export async function postBatch(
  app: App,
  account: PrivateKeyAccount,
  body: string | BatchRequest,
  options: SignedOptions = {},
): Promise<Response> {
  return app.request(await signedRequest(account, body, options));
}

/** Reads a problem+json answer, failing the test when the answer is not one. */
export async function readProblem(response: Response): Promise<Problem> {
  const contentType = response.headers.get("content-type");
  if (contentType !== "application/problem+json") {
    throw new Error(`expected application/problem+json, got ${contentType}: ${await response.text()}`);
  }
  return problemSchema.parse(await response.json());
}
