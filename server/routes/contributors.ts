// /v1/contributors: set the payout address (signed), read an account, its balance and its receipts by pages.
import { Hono } from "hono";
import { addressSchema, balanceSchema } from "../../shared/batch";
import { contributorSchema, payoutAddressRequestSchema } from "../../shared/contributor";
import { receiptsPageSchema, receiptsQuerySchema } from "../../shared/receipts";
import { type AuthDeps, requireSignature, type SignedEnv } from "../auth";
import { describeIssues, problemResponse } from "../problem";
import { decodeCursor, describeContributor, receiptsOf, setPayoutAddress } from "../services/contributors";
import { balanceOf, itemsAcceptedFrom } from "../services/ledger";

const invalidAddress = () =>
  problemResponse("contributor.address_invalid", { detail: "expected 0x followed by 40 hex digits" });

export function contributorRoutes(deps: AuthDeps) {
  const { db } = deps;
  return new Hono<SignedEnv>()
    .put("/me", requireSignature(deps), async (c) => {
      let json: unknown;
      try {
        json = JSON.parse(c.get("rawBody"));
      } catch {
        return problemResponse("contributor.malformed_json");
      }
      const parsed = payoutAddressRequestSchema.safeParse(json);
      if (!parsed.success) {
        const onAddressOnly = parsed.error.issues.every((issue) => issue.path[0] === "payoutAddress");
        const given = (json as { payoutAddress?: unknown } | null)?.payoutAddress;
        const code =
          onAddressOnly && typeof given === "string" ? "contributor.payout_address_invalid" : "contributor.invalid";
        return problemResponse(code, {
          detail: parsed.error.issues[0]?.message,
          errors: describeIssues(parsed.error),
        });
      }
      const contributor = c.get("contributor");
      await setPayoutAddress(db, contributor, parsed.data.payoutAddress);
      return c.json(contributorSchema.parse(await describeContributor(db, contributor)));
    })
    .get("/:address", async (c) => {
      const given = c.req.param("address");
      if (!addressSchema.safeParse(given).success) return invalidAddress();
      return c.json(contributorSchema.parse(await describeContributor(db, given)));
    })
    .get("/:address/balance", async (c) => {
      const given = c.req.param("address");
      if (!addressSchema.safeParse(given).success) return invalidAddress();
      const address = given.toLowerCase();
      const balance = await balanceOf(db, address);
      const itemsAccepted = await itemsAcceptedFrom(db, address);
      return c.json(balanceSchema.parse({ address, balance, itemsAccepted }));
    })
    .get("/:address/receipts", async (c) => {
      const given = c.req.param("address");
      if (!addressSchema.safeParse(given).success) return invalidAddress();
      const query = receiptsQuerySchema.safeParse(c.req.query());
      if (!query.success) {
        return problemResponse("receipts.query_invalid", { errors: describeIssues(query.error) });
      }
      const cursor = query.data.cursor === undefined ? undefined : decodeCursor(query.data.cursor);
      if (query.data.cursor !== undefined && cursor === undefined) {
        return problemResponse("receipts.query_invalid", { detail: "the cursor was not made by this server" });
      }
      const page = await receiptsOf(db, given, { cursor, limit: query.data.limit });
      return c.json(receiptsPageSchema.parse(page));
    });
}
