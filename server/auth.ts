// Request signatures: a mutating request must be signed (EIP-712) by the contributor's key, recently, and only once.
import { createMiddleware } from "hono/factory";
import type { Hex } from "viem";
import { AUTH_HEADERS } from "../shared/request-auth";
import type { Database, Queryable } from "./db/database";
import type { Logger } from "./log";
import { problemResponse } from "./problem";
import type { RateLimiter } from "./rate-limit";
import { sha256Hex } from "./sha256";
import { createSignatureVerifier, type SignatureVerifier } from "./signature-verifier";

/** A signature is accepted when its timestamp is within this much of the server's clock, either way. */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;
/** A nonce is remembered this long after its timestamp: past the window, the timestamp check refuses it anyway. */
export const NONCE_LIFETIME_MS = 10 * 60_000;
const NONCE_CLEANUP_INTERVAL_MS = 60_000;

export type SignedEnv = {
  Variables: {
    /** The signer's address, lowercase: the contributor the request acts for. */
    contributor: Hex;
    /** The exact body text that was signed. */
    rawBody: string;
    /** Its SHA-256 (0x hex), as signed: hashed once per request. */
    rawBodyHash: Hex;
    /** The request's nonce: already recorded, unless the route took it over (`recordNonce: "in-route"`). */
    nonce: RequestNonce;
  };
};

/** A signed request's nonce, as `request_nonces` stores it. */
export interface RequestNonce {
  /** The signer, lowercase. */
  address: Hex;
  /** Lowercase. */
  nonce: Hex;
  /** ISO time after which the timestamp check refuses the request anyway, so the nonce may be forgotten. */
  expiresAt: string;
}

export interface SignatureOptions {
  /**
   * "middleware" (default): the nonce is recorded on its own before the route runs. "in-route": the route records it
   * itself, in its own transaction (one commit per request), or with `recordNonce` when it refuses the request first;
   * the route must do one or the other on every answer it gives.
   */
  recordNonce?: "middleware" | "in-route";
}

export interface AuthDeps {
  db: Database;
  now: () => number;
  log: Logger;
  /** Counts each validly signed request against its contributor's rate limit. */
  limitContributor?: RateLimiter;
  /** Shared by the app's signed routes, so each remembers a contributor's key once; one per middleware when absent. */
  signatures?: SignatureVerifier;
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const SIGNATURE = /^0x[0-9a-fA-F]{130}$/;
const NONCE = /^0x[0-9a-fA-F]{64}$/;
const TIMESTAMP = /^[0-9]{1,15}$/;

/**
 * Records a nonce unless it is already known: false when it was (the request is a replay). Of two concurrent inserts of
 * one nonce, the second waits for the first's transaction and then finds it: one nonce admits one request.
 */
export async function recordNonce(db: Queryable, { address, nonce, expiresAt }: RequestNonce): Promise<boolean> {
  const recorded = await db.query(
    `insert into request_nonces (address, nonce, expires_at) values ($1, $2, $3::timestamptz)
     on conflict (address, nonce) do nothing returning nonce`,
    [address, nonce, expiresAt],
  );
  return recorded.length > 0;
}

/** Refuses unsigned, badly signed, stale and replayed requests with a 401 problem; otherwise names the signer. */
export function requireSignature(deps: AuthDeps, options: SignatureOptions = {}) {
  let lastCleanup = Number.NEGATIVE_INFINITY;
  const signatures = deps.signatures ?? createSignatureVerifier();

  async function forgetExpiredNonces(now: number) {
    if (now - lastCleanup < NONCE_CLEANUP_INTERVAL_MS) return;
    lastCleanup = now;
    try {
      await deps.db.query("delete from request_nonces where expires_at < $1::timestamptz", [
        new Date(now).toISOString(),
      ]);
    } catch (error) {
      // Leftover nonces cost a little space, never correctness: log and carry on.
      deps.log.warn("could not delete expired nonces", { error });
    }
  }

  return createMiddleware<SignedEnv>(async (c, next) => {
    const address = c.req.header(AUTH_HEADERS.address);
    const signature = c.req.header(AUTH_HEADERS.signature);
    const nonce = c.req.header(AUTH_HEADERS.nonce);
    const timestamp = c.req.header(AUTH_HEADERS.timestamp);
    if (address === undefined || signature === undefined || nonce === undefined || timestamp === undefined) {
      const missing = Object.values(AUTH_HEADERS).filter((name) => c.req.header(name) === undefined);
      return problemResponse("auth.missing", { detail: `missing headers: ${missing.join(", ")}` });
    }
    if (!ADDRESS.test(address) || !SIGNATURE.test(signature) || !NONCE.test(nonce) || !TIMESTAMP.test(timestamp)) {
      return problemResponse("auth.malformed", {
        detail: "expected a 0x address, a 65-byte 0x signature, a 32-byte 0x nonce and a timestamp in seconds",
      });
    }

    const now = deps.now();
    const signedAtMs = Number(timestamp) * 1000;
    if (Math.abs(now - signedAtMs) > SIGNATURE_WINDOW_MS) {
      return problemResponse("auth.stale_timestamp", {
        detail: `signed at ${new Date(signedAtMs).toISOString()}, server time ${new Date(now).toISOString()}; check the device's clock`,
      });
    }

    const body = await c.req.text();
    // Hex case carries no meaning in the signed bytes, so both are normalized before they identify anything.
    const contributor = address.toLowerCase() as Hex;
    const normalizedNonce = nonce.toLowerCase() as Hex;
    const hash = sha256Hex(body);
    const valid = signatures.verify(contributor, signature as Hex, {
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      bodyHash: hash,
      nonce: normalizedNonce,
      timestamp: Number(timestamp),
    });
    if (!valid) return problemResponse("auth.signature_invalid");
    // Counted only once the signature holds, so nobody can spend another contributor's allowance.
    const limited = await deps.limitContributor?.(contributor);
    if (limited) return limited;

    const requestNonce: RequestNonce = {
      address: contributor,
      nonce: normalizedNonce,
      expiresAt: new Date(signedAtMs + NONCE_LIFETIME_MS).toISOString(),
    };
    if (options.recordNonce !== "in-route" && !(await recordNonce(deps.db, requestNonce))) {
      return problemResponse("auth.nonce_reused");
    }
    await forgetExpiredNonces(now);

    c.set("contributor", contributor);
    c.set("rawBody", body);
    c.set("rawBodyHash", hash);
    c.set("nonce", requestNonce);
    await next();
  });
}
