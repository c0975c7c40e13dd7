// /v1/redemptions: redeem (signed) and follow a payout; /v1/contributors/:address/redemptions: the history.
import { Hono } from "hono";
import { addressSchema } from "../../shared/batch";
import { redemptionListSchema, redemptionRequestSchema, redemptionSchema } from "../../shared/redemption";
import { bodyHash } from "../../shared/request-auth";
import { type AuthDeps, requireSignature, type SignedEnv } from "../auth";
import { PROBLEM_CONTENT_TYPE, problemResponse } from "../problem";
import { findRedemption, type RedemptionRefusal, redeem, redemptionsOf } from "../services/redemptions";

/** The refusals only redemptions give, in the shape of every other problem (shared/problem.ts). */
const REDEMPTION_PROBLEMS = {
  "redemption.malformed_json": { status: 400, title: "The redemption request is not valid JSON" },
  "redemption.invalid": { status: 400, title: "The redemption request does not match the expected format" },
  "redemption.below_minimum": { status: 400, title: "The amount is below the smallest redemption" },
  "redemption.insufficient_balance": { status: 409, title: "The amount is more than the spendable balance" },
  "redemption.no_payout_address": { status: 409, title: "No payout address is set for this contributor" },
  "redemption.destination_mismatch": { status: 409, title: "The destination is not the contributor's payout address" },
  "redemption.id_conflict": { status: 409, title: "This redemption id was already used for a different request" },
  "redemption.not_found": { status: 404, title: "There is no redemption with this id" },
  "redemption.unavailable": { status: 503, title: "Redemptions are not available: this server has no payout chain" },
} as const satisfies Record<RedemptionRefusal | string, { status: number; title: string }>;

type RedemptionProblem = keyof typeof REDEMPTION_PROBLEMS;

function redemptionProblem(code: RedemptionProblem, detail?: string, errors?: { path: string; message: string }[]) {
  const { status, title } = REDEMPTION_PROBLEMS[code];
  const body = {
    type: `urn:tributary:problem:${code}`,
    title,
    status,
    code,
    ...(detail ? { detail } : {}),
    ...(errors ? { errors } : {}),
  };
  return new Response(JSON.stringify(body), { status, headers: { "content-type": PROBLEM_CONTENT_TYPE } });
}

export interface RedemptionRouteDeps extends AuthDeps {
  /** False when no chain is configured: nothing is debited that could not be paid. */
  payoutsAvailable: boolean;
  /** The smallest redemption, base units. */
  minimum: bigint;
  /** Told after a redemption is created, so the payout worker starts at once instead of at its next poll. */
  onRedeemed?: () => void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function redemptionRoutes(deps: RedemptionRouteDeps) {
  const { db } = deps;
  return new Hono<SignedEnv>()
    .post("/", requireSignature(deps), async (c) => {
      if (!deps.payoutsAvailable) return redemptionProblem("redemption.unavailable");
      const body = c.get("rawBody");
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        return redemptionProblem("redemption.malformed_json");
      }
      const parsed = redemptionRequestSchema.safeParse(json);
      if (!parsed.success) {
        const errors = parsed.error.issues.slice(0, 20).map((issue) => ({
          path: issue.path.map(String).join("."),
          message: issue.message,
        }));
        const first = errors[0];
        return redemptionProblem("redemption.invalid", first ? `${first.path}: ${first.message}` : undefined, errors);
      }
      const result = await redeem(db, {
        contributor: c.get("contributor"),
        request: parsed.data,
        requestHash: bodyHash(body),
        minimum: deps.minimum,
      });
      if (result.outcome === "refused") return redemptionProblem(result.code, result.detail);
      if (result.outcome === "replayed") c.header("idempotent-replayed", "true");
      else deps.onRedeemed?.();
      return c.json(redemptionSchema.parse(result.redemption), result.outcome === "created" ? 201 : 200);
    })
    .get("/:id", async (c) => {
      const id = c.req.param("id");
      const redemption = UUID.test(id) ? await findRedemption(db, id) : undefined;
      if (!redemption) return redemptionProblem("redemption.not_found");
      return c.json(redemptionSchema.parse(redemption));
    });
}

export function contributorRedemptionRoutes(deps: Pick<AuthDeps, "db">) {
  return new Hono().get("/:address/redemptions", async (c) => {
    const given = c.req.param("address");
    if (!addressSchema.safeParse(given).success) {
      return problemResponse("contributor.address_invalid", { detail: "expected 0x followed by 40 hex digits" });
    }
    return c.json(redemptionListSchema.parse({ redemptions: await redemptionsOf(deps.db, given) }));
  });
}
