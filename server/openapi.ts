// The API's OpenAPI 3.1 description, generated from the same zod schemas that check every request and answer.
import { z } from "zod";
import { balanceSchema, batchRequestSchema, batchResponseSchema, MAX_BATCH_BYTES } from "../shared/batch";
import { contributorSchema, payoutAddressRequestSchema } from "../shared/contributor";
import { problemSchema } from "../shared/problem";
import { MAX_RECEIPTS_PER_PAGE, receiptsPageSchema } from "../shared/receipts";
import { redemptionListSchema, redemptionRequestSchema, redemptionSchema } from "../shared/redemption";
import { AUTH_HEADERS } from "../shared/request-auth";
import { PROBLEMS } from "./problem";

type JsonObject = Record<string, unknown>;

/** JSON Schema 2020-12, which OpenAPI 3.1 uses as is; refinements zod cannot express are described in prose. */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonObject {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
  });
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ "application/json": { schema: ref(name) } });

/** Refusals by status, each listing the stable codes it can carry. */
function problems(...statuses: number[]): JsonObject {
  const responses: JsonObject = {};
  for (const status of statuses) {
    const codes = Object.entries(PROBLEMS)
      .filter(([, problem]) => problem.status === status)
      .map(([code]) => code);
    responses[String(status)] = {
      description: `problem+json; code one of: ${codes.join(", ")}`,
      content: { "application/problem+json": { schema: ref("Problem") } },
    };
  }
  return responses;
}

const signedHeaders = Object.values(AUTH_HEADERS).map((name) => ({
  name,
  in: "header",
  required: true,
  schema: { type: "string" },
}));

const SIGNING = `Signed: an EIP-712 signature (domain {name: "Tributary", version: "1"}, type Request {method, path, bodyHash
(SHA-256 of the exact body bytes), nonce (32 random bytes), timestamp (seconds)}) by the contributor's key, in the
${Object.values(AUTH_HEADERS).join(", ")} headers. Timestamps outside ±5 minutes and reused nonces are refused.`;

/** Redemption refusals carry `redemption.*` codes, defined next to their route (routes/redemptions.ts). */
function redemptionProblems(...statuses: number[]): JsonObject {
  return Object.fromEntries(
    statuses.map((status) => [
      String(status),
      {
        description: "problem+json; a redemption.* code, or a code listed on the other routes for this status",
        content: { "application/problem+json": { schema: ref("Problem") } },
      },
    ]),
  );
}

const addressParameter = {
  name: "address",
  in: "path",
  required: true,
  schema: { type: "string", pattern: "^0x[0-9a-fA-F]{40}$" },
};

export function openApiDocument(): JsonObject {
  return {
    openapi: "3.1.0",
    info: {
      title: "Tributary ingest API",
      version: "1",
      description:
        "Contributors upload approved, redacted items in signed batches and are credited in a double-entry ledger. " +
        "Amounts are integers in the token's base units (18 decimals), as decimal strings.",
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    paths: {
      "/health": {
        get: {
          summary: "The server is up and its database answers",
          responses: { "200": { description: "healthy" }, ...problems(503) },
        },
      },
      "/metrics": {
        get: {
          summary: "Prometheus metrics (text exposition format)",
          responses: { "200": { description: "metrics", content: { "text/plain": { schema: { type: "string" } } } } },
        },
      },
      "/v1/openapi.json": {
        get: { summary: "This document", responses: { "200": { description: "OpenAPI 3.1" } } },
      },
      "/v1/batches": {
        post: {
          summary: "Upload a batch of items (idempotent by batchId)",
          description: `${SIGNING} At most ${MAX_BATCH_BYTES} bytes. A replay of the same batch returns the first answer with header idempotent-replayed: true.`,
          parameters: signedHeaders,
          requestBody: { required: true, content: json("BatchRequest") },
          responses: {
            "200": { description: "one verdict per item, in request order", content: json("BatchResponse") },
            ...problems(400, 401, 409, 413, 429),
          },
        },
      },
      "/v1/contributors/me": {
        put: {
          summary: "Set the signer's payout address (EIP-55 checksummed)",
          description: SIGNING,
          parameters: signedHeaders,
          requestBody: { required: true, content: json("PayoutAddressRequest") },
          responses: {
            "200": { description: "the account", content: json("Contributor") },
            ...problems(400, 401, 429),
          },
        },
      },
      "/v1/contributors/{address}": {
        get: {
          summary: "A contributor's balance, pending payouts and totals",
          parameters: [addressParameter],
          responses: { "200": { description: "the account", content: json("Contributor") }, ...problems(400) },
        },
      },
      "/v1/contributors/{address}/balance": {
        get: {
          summary: "A contributor's balance and accepted item count (used by the extension's popup)",
          parameters: [addressParameter],
          responses: { "200": { description: "the balance", content: json("Balance") }, ...problems(400) },
        },
      },
      "/v1/contributors/{address}/receipts": {
        get: {
          summary: "Per-batch receipts, newest first, by pages",
          parameters: [
            addressParameter,
            { name: "cursor", in: "query", required: false, schema: { type: "string" } },
            {
              name: "limit",
              in: "query",
              required: false,
              schema: { type: "integer", minimum: 1, maximum: MAX_RECEIPTS_PER_PAGE },
            },
          ],
          responses: { "200": { description: "one page", content: json("ReceiptsPage") }, ...problems(400) },
        },
      },
      "/v1/contributors/{address}/redemptions": {
        get: {
          summary: "A contributor's redemptions and the state of their payouts, newest first",
          parameters: [addressParameter],
          responses: { "200": { description: "the redemptions", content: json("RedemptionList") }, ...problems(400) },
        },
      },
      "/v1/redemptions": {
        post: {
          summary: "Redeem part of the balance: debited at once, paid out on chain (idempotent by id)",
          description: `${SIGNING} A replay of the same request returns the first answer with header idempotent-replayed: true.`,
          parameters: signedHeaders,
          requestBody: { required: true, content: json("RedemptionRequest") },
          responses: {
            "201": { description: "created: the balance is debited", content: json("Redemption") },
            "200": { description: "a replay: the redemption as it is now", content: json("Redemption") },
            ...problems(401, 413, 429),
            ...redemptionProblems(400, 409, 503),
          },
        },
      },
      "/v1/redemptions/{id}": {
        get: {
          summary: "One redemption and its payout: pending, submitted, confirmed or failed (then refunded)",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
          responses: {
            "200": { description: "the redemption", content: json("Redemption") },
            ...redemptionProblems(404),
          },
        },
      },
    },
    components: {
      schemas: {
        BatchRequest: jsonSchema(batchRequestSchema, "input"),
        BatchResponse: jsonSchema(batchResponseSchema, "output"),
        Balance: jsonSchema(balanceSchema, "output"),
        PayoutAddressRequest: jsonSchema(payoutAddressRequestSchema, "input"),
        Contributor: jsonSchema(contributorSchema, "output"),
        ReceiptsPage: jsonSchema(receiptsPageSchema, "output"),
        RedemptionRequest: jsonSchema(redemptionRequestSchema, "input"),
        Redemption: jsonSchema(redemptionSchema, "output"),
        RedemptionList: jsonSchema(redemptionListSchema, "output"),
        Problem: jsonSchema(problemSchema, "output"),
      },
    },
  };
}
