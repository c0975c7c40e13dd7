// The app's edges: health, CORS for the extension's origins only, security headers, and errors that leak nothing.
import { describe, expect, it } from "vitest";
import type { Database } from "../../../server/db/database";
import { createLogger } from "../../../server/log";
import { AUTH_HEADERS } from "../../../shared/request-auth";
import { DATABASE_ENGINES, useTestDatabase } from "../../helpers/database";
import { readProblem, testApp } from "../../helpers/server";

const CHROME_ORIGIN = "chrome-extension://abcdefghijklmnopabcdefghijklmnop";
const FIREFOX_ORIGIN = "moz-extension://8d3f5a0e-1b2c-4d5e-8f90-123456789abc";

function preflight(origin: string) {
  return new Request("http://localhost/v1/batches", {
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": "POST",
      "access-control-request-headers": `content-type,${AUTH_HEADERS.signature}`,
    },
  });
}

/** A database that has gone away, with a message that must not reach clients. */
function brokenDatabase(engine: Database["engine"]): Database {
  const fail = async (): Promise<never> => {
    throw new Error("connect ECONNREFUSED secret-db.internal:5432");
  };
  return { engine, query: fail, transaction: fail, close: async () => {} };
}

describe.each(DATABASE_ENGINES)("the app on %s", (engine) => {
  const db = useTestDatabase(engine);

  it("reports itself healthy with the database engine it uses", async () => {
    const response = await testApp(db()).request("/health");

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: engine });
  });

  it("lets the Chrome and Firefox extensions call it across origins, with the signature headers", async () => {
    const app = testApp(db());
    for (const origin of [CHROME_ORIGIN, FIREFOX_ORIGIN]) {
      const response = await app.request(preflight(origin));
      expect(response.status).toBe(204);
      expect(response.headers.get("access-control-allow-origin")).toBe(origin);
      expect(response.headers.get("access-control-allow-headers")).toContain(AUTH_HEADERS.signature);
      const balance = await app.request(`/v1/contributors/0x${"1".repeat(40)}/balance`, { headers: { origin } });
      expect(balance.headers.get("access-control-allow-origin")).toBe(origin);
    }
  });

  it("gives websites no CORS permission", async () => {
    const app = testApp(db());
    for (const origin of ["https://evil.example", "http://localhost:3000", "chrome-extension://", "null"]) {
      const response = await app.request(preflight(origin));
      expect(response.headers.get("access-control-allow-origin"), origin).toBeNull();
      const health = await app.request("/health", { headers: { origin } });
      expect(health.headers.get("access-control-allow-origin"), origin).toBeNull();
    }
  });

  it("allows exactly the configured origins when a list is given", async () => {
    const app = testApp(db(), { corsOrigins: ["https://dashboard.example"] });

    const allowed = await app.request(preflight("https://dashboard.example"));
    const refused = await app.request(preflight(CHROME_ORIGIN));

    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://dashboard.example");
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("sends security headers on every response, refusals included", async () => {
    const app = testApp(db());
    for (const response of [await app.request("/health"), await app.request("/nowhere")]) {
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    }
  });

  it("answers an unknown route with a 404 problem", async () => {
    const response = await testApp(db()).request("/v2/anything");

    expect(response.status).toBe(404);
    expect((await readProblem(response)).code).toBe("route.not_found");
  });

  it("refuses a malformed address in the balance route with 400 contributor.address_invalid", async () => {
    const response = await testApp(db()).request("/v1/contributors/0x1234/balance");

    expect(response.status).toBe(400);
    expect((await readProblem(response)).code).toBe("contributor.address_invalid");
  });

  it("answers a database failure with a 500 problem that names no internals, and logs the cause", async () => {
    const lines: string[] = [];
    const log = createLogger({ level: "error", write: (line) => lines.push(line) });
    const app = testApp(brokenDatabase(engine), { log });

    const response = await app.request(`/v1/contributors/0x${"a".repeat(40)}/balance`);

    expect(response.status).toBe(500);
    const text = await response.clone().text();
    expect(text).not.toContain("secret-db");
    expect((await readProblem(response)).code).toBe("server.internal");
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ level: "error", msg: "request failed", path: expect.stringContaining("/balance") }),
    ]);
    expect(lines[0]).toContain("secret-db");
  });

  it("reports an unreachable database as unhealthy with 503", async () => {
    const response = await testApp(brokenDatabase(engine)).request("/health");

    expect(response.status).toBe(503);
    expect((await readProblem(response)).code).toBe("health.database_unavailable");
  });
});
