// The server on a real socket, as the extension and the e2e tests reach it.
import { describe, expect, it } from "vitest";
import { startServer } from "../../../server/start";
import { batchResponseSchema } from "../../../shared/batch";
import { DATABASE_ENGINES, useTestDatabase } from "../../helpers/database";
import { makeItem } from "../../helpers/items";
import { batchOf, newContributor, signedRequest, testConfig } from "../../helpers/server";

describe.each(DATABASE_ENGINES)("the server on a socket with %s", (engine) => {
  const db = useTestDatabase(engine);

  it("listens on a free port of 127.0.0.1, takes a signed batch over HTTP, and stops on close", async () => {
    const server = await startServer({ db: db(), port: 0, host: "127.0.0.1", config: testConfig });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    try {
      const health = await fetch(`${server.url}/health`);
      expect(await health.json()).toEqual({ status: "ok", database: engine });

      const alice = newContributor();
      const signed = await signedRequest(alice, batchOf([makeItem()]));
      const response = await fetch(new URL("/v1/batches", server.url), {
        method: "POST",
        headers: signed.headers,
        body: await signed.text(),
      });
      expect(response.status).toBe(200);
      const answer = batchResponseSchema.parse(await response.json());
      const balance = await fetch(`${server.url}/v1/contributors/${alice.address}/balance`);
      expect(await balance.json()).toMatchObject({ balance: answer.credited, itemsAccepted: 1 });
    } finally {
      await server.close();
    }

    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
    // The database was lent to the server, so it is still open for its owner.
    expect(await db().query("select 1 as one")).toEqual([{ one: 1 }]);
  });
});

describe("a server started with no options", () => {
  it("runs quietly on its own in-memory database and closes it", async () => {
    const server = await startServer();
    try {
      expect(server.db.engine).toBe("pglite");
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    } finally {
      await server.close();
    }
    await expect(server.db.query("select 1")).rejects.toThrow();
  });
});
