// GET /health: the server is up and its database answers.
import { Hono } from "hono";
import type { Database } from "../db/database";
import type { Logger } from "../log";
import { problemResponse } from "../problem";

export function healthRoutes(deps: { db: Database; log: Logger }) {
  return new Hono().get("/", async (c) => {
    try {
      await deps.db.query("select 1");
    } catch (error) {
      deps.log.error("health check: database unavailable", { error });
      return problemResponse("health.database_unavailable");
    }
    return c.json({ status: "ok", database: deps.db.engine });
  });
}
