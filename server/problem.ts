// Refusals on the wire: problem+json (RFC 9457) responses, each with a stable code a client can act on.
import type { z } from "zod";
import type { Problem } from "../shared/problem";

/** Every refusal the server can give, with its HTTP status and a title a person understands. */
export const PROBLEMS = {
  "auth.missing": { status: 401, title: "This request must be signed by the contributor's key" },
  "auth.malformed": { status: 401, title: "The request's signature headers are malformed" },
  "auth.signature_invalid": { status: 401, title: "The signature does not match this address and request" },
  "auth.stale_timestamp": { status: 401, title: "The request's timestamp is too far from the server's clock" },
  "auth.nonce_reused": { status: 401, title: "This request was already received once (its nonce was reused)" },
  "batch.malformed_json": { status: 400, title: "The batch is not valid JSON" },
  "batch.invalid": { status: 400, title: "The batch does not match the expected format" },
  "batch.too_large": { status: 413, title: "The batch is too large" },
  "batch.id_conflict": { status: 409, title: "This batch id was already used for a different batch" },
  "request.too_large": { status: 413, title: "The request body is too large" },
  "contributor.address_invalid": { status: 400, title: "The contributor address is not a valid address" },
  "contributor.malformed_json": { status: 400, title: "The contributor update is not valid JSON" },
  "contributor.invalid": { status: 400, title: "The contributor update does not match the expected format" },
  "contributor.payout_address_invalid": {
    status: 400,
    title: "The payout address must be a non-zero, EIP-55 checksummed address",
  },
  "receipts.query_invalid": { status: 400, title: "The receipts query is not valid (cursor or limit)" },
  "rate.limited": { status: 429, title: "Too many requests; wait before retrying" },
  "health.database_unavailable": { status: 503, title: "The database is not answering" },
  "route.not_found": { status: 404, title: "There is nothing at this address" },
  "server.internal": { status: 500, title: "The server failed to handle this request" },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEMS;

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export function problemBody(
  code: ProblemCode,
  extra: { detail?: string; errors?: Problem["errors"] } = {},
): Problem & { status: number } {
  const { status, title } = PROBLEMS[code];
  return { type: `urn:tributary:problem:${code}`, title, status, code, ...extra };
}

/** A complete problem+json response, usable from handlers, middleware and error hooks alike. */
export function problemResponse(
  code: ProblemCode,
  extra: { detail?: string; errors?: Problem["errors"]; headers?: Record<string, string> } = {},
): Response {
  const { headers, ...fields } = extra;
  const body = problemBody(code, fields);
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { "content-type": PROBLEM_CONTENT_TYPE, ...headers },
  });
}

/** Enough to fix a request; a batch of a hundred broken items does not need a hundred messages. */
const MAX_REPORTED_ERRORS = 20;

/** A zod error as problem `errors`: where (a dotted path) and what. */
export function describeIssues(error: z.ZodError): NonNullable<Problem["errors"]> {
  return error.issues.slice(0, MAX_REPORTED_ERRORS).map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
}
