// GET /v1/contributors/:address/balance: what a contributor has earned so far.
import { Hono } from "hono";
import { addressSchema, balanceSchema } from "../../shared/batch";
import type { Database } from "../db/database";
import { problemResponse } from "../problem";
import { balanceOf, itemsAcceptedFrom } from "../services/ledger";

export function contributorRoutes(deps: { db: Database }) {
  return new Hono().get("/:address/balance", async (c) => {
    const given = c.req.param("address");
    if (!addressSchema.safeParse(given).success) {
      return problemResponse("contributor.address_invalid", { detail: "expected 0x followed by 40 hex digits" });
    }
    const address = given.toLowerCase();
    const balance = await balanceOf(deps.db, address);
    const itemsAccepted = await itemsAcceptedFrom(deps.db, address);
    return c.json(balanceSchema.parse({ address, balance, itemsAccepted }));
  });
}
