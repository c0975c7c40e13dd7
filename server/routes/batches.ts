// POST /v1/batches: a signed batch of items in; per-item verdicts and the amount credited out.
import { Hono } from "hono";
import type { z } from "zod";
import { batchRequestSchema, batchResponseSchema, MAX_BATCH_BYTES } from "../../shared/batch";
import { bodyHash } from "../../shared/request-auth";
import { type AuthDeps, requireSignature, type SignedEnv } from "../auth";
import { problemResponse } from "../problem";
import { ingestBatch } from "../services/batches";

/** Enough to fix a batch; a batch of a hundred broken items does not need a hundred messages. */
const MAX_REPORTED_ERRORS = 20;

function describeIssues(error: z.ZodError) {
  return error.issues.slice(0, MAX_REPORTED_ERRORS).map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
}

export function batchRoutes(deps: AuthDeps) {
  return new Hono<SignedEnv>().post("/", requireSignature(deps), async (c) => {
    const body = c.get("rawBody");
    const size = Buffer.byteLength(body, "utf8");
    if (size > MAX_BATCH_BYTES) {
      return problemResponse("batch.too_large", {
        detail: `the body is ${size} bytes; a batch may be at most ${MAX_BATCH_BYTES} bytes`,
      });
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return problemResponse("batch.malformed_json");
    }
    const parsed = batchRequestSchema.safeParse(json);
    if (!parsed.success) {
      const count = parsed.error.issues.length;
      return problemResponse("batch.invalid", {
        detail: `${count} problem${count === 1 ? "" : "s"} found`,
        errors: describeIssues(parsed.error),
      });
    }

    const result = await ingestBatch(deps.db, c.get("contributor"), parsed.data, bodyHash(body));
    if (result.outcome === "conflict") return problemResponse("batch.id_conflict", { detail: result.reason });
    if (result.outcome === "replayed") c.header("idempotent-replayed", "true");
    // Checked on the way out too, so a bug here shows as a 500 rather than as an answer the client misreads.
    return c.json(batchResponseSchema.parse(result.response));
  });
}
