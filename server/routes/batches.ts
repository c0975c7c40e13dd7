// POST /v1/batches: a signed batch of items in; per-item verdicts and the amount credited out.
import { Hono } from "hono";
import { batchRequestSchema, batchResponseSchema, MAX_BATCH_BYTES } from "../../shared/batch";
import { type AuthDeps, recordNonce, requireSignature, type SignedEnv } from "../auth";
import type { Metrics } from "../metrics";
import { describeIssues, problemResponse } from "../problem";
import { ingestBatch } from "../services/batches";
import type { ScoringConfig } from "../services/scoring";

export interface BatchRouteDeps extends AuthDeps {
  metrics?: Metrics;
  scoring?: ScoringConfig;
}

export function batchRoutes(deps: BatchRouteDeps) {
  // The nonce is recorded in the batch's own transaction (one commit per batch) or, when the batch is refused before
  // it, on its own: either way a request is answered once, and its copies get auth.nonce_reused.
  return new Hono<SignedEnv>().post("/", requireSignature(deps, { recordNonce: "in-route" }), async (c) => {
    const refuse = async (refusal: Response) =>
      (await recordNonce(deps.db, c.get("nonce"))) ? refusal : problemResponse("auth.nonce_reused");
    const body = c.get("rawBody");
    const size = Buffer.byteLength(body, "utf8");
    if (size > MAX_BATCH_BYTES) {
      return refuse(
        problemResponse("batch.too_large", {
          detail: `the body is ${size} bytes; a batch may be at most ${MAX_BATCH_BYTES} bytes`,
        }),
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return refuse(problemResponse("batch.malformed_json"));
    }
    const parsed = batchRequestSchema.safeParse(json);
    if (!parsed.success) {
      const count = parsed.error.issues.length;
      return refuse(
        problemResponse("batch.invalid", {
          detail: `${count} problem${count === 1 ? "" : "s"} found`,
          errors: describeIssues(parsed.error),
        }),
      );
    }

    const contributor = c.get("contributor");
    deps.log.debug("ingesting batch", { batchId: parsed.data.batchId, contributor, items: parsed.data.items.length });
    const result = await ingestBatch(deps.db, contributor, parsed.data, c.get("rawBodyHash"), {
      now: deps.now(),
      scoring: deps.scoring,
      nonce: c.get("nonce"),
    });
    if (result.outcome === "nonce_reused") return problemResponse("auth.nonce_reused");
    deps.metrics?.countBatch(result.outcome, result.outcome === "conflict" ? undefined : result.response);
    if (result.outcome === "conflict") return problemResponse("batch.id_conflict", { detail: result.reason });
    if (result.outcome === "replayed") c.header("idempotent-replayed", "true");
    else
      deps.log.info("batch ingested", {
        batchId: parsed.data.batchId,
        contributor,
        credited: result.response.credited,
      });
    // Checked on the way out too, so a bug here shows as a 500 rather than as an answer the client misreads.
    return c.json(batchResponseSchema.parse(result.response));
  });
}
