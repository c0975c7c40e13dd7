// Request signatures: unsigned, forged, stale and replayed requests are refused with 401 and write nothing.
import { describe, expect, it } from "vitest";
import type { Database } from "../../../server/db/database";
import { AUTH_HEADERS, signRequest } from "../../../shared/request-auth";
import { countAllRows, countRows, DATABASE_ENGINES, useTestDatabase } from "../../helpers/database";
import { makeItem } from "../../helpers/items";
import {
  BATCHES_PATH,
  batchOf,
  newContributor,
  postBatch,
  readProblem,
  signedRequest,
  testApp,
} from "../../helpers/server";

const MINUTE = 60_000;

describe.each(DATABASE_ENGINES)("request signatures on %s", (engine) => {
  const db = useTestDatabase(engine);

  async function expectNothingStored() {
    expect(await countAllRows(db())).toMatchObject({ contributors: 0, batches: 0, items: 0, ledger_entries: 0 });
  }

  async function expectRefused(response: Response, code: string) {
    expect(response.status).toBe(401);
    expect((await readProblem(response)).code).toBe(code);
  }

  it("refuses an unsigned batch with auth.missing", async () => {
    const response = await testApp(db()).request(BATCHES_PATH, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(batchOf([makeItem()])),
    });

    await expectRefused(response, "auth.missing");
    await expectNothingStored();
  });

  it("refuses signature headers that are not hex of the right length with auth.malformed", async () => {
    const response = await postBatch(testApp(db()), newContributor(), batchOf([makeItem()]), {
      headers: { [AUTH_HEADERS.nonce]: "12345" },
    });

    await expectRefused(response, "auth.malformed");
    await expectNothingStored();
  });

  it("refuses a batch signed by one key on behalf of another address with auth.signature_invalid", async () => {
    const victim = newContributor();

    const response = await postBatch(testApp(db()), newContributor(), batchOf([makeItem()]), {
      headers: { [AUTH_HEADERS.address]: victim.address },
    });

    await expectRefused(response, "auth.signature_invalid");
    await expectNothingStored();
  });

  it("refuses a signed batch whose body was changed after signing with auth.signature_invalid", async () => {
    const alice = newContributor();
    const signed = await signedRequest(alice, batchOf([makeItem()]));
    const tampered = new Request(signed.url, {
      method: "POST",
      headers: signed.headers,
      body: JSON.stringify(batchOf([makeItem()])),
    });

    await expectRefused(await testApp(db()).request(tampered), "auth.signature_invalid");
    await expectNothingStored();
  });

  it("refuses a signature made for another path with auth.signature_invalid", async () => {
    const alice = newContributor();
    const body = JSON.stringify(batchOf([makeItem()]));
    const headers = await signRequest(alice, { method: "POST", path: "/v1/other", body });

    const response = await testApp(db()).request(BATCHES_PATH, { method: "POST", headers, body });

    await expectRefused(response, "auth.signature_invalid");
  });

  it("refuses requests signed more than five minutes before or after the server's clock with auth.stale_timestamp", async () => {
    const serverNow = Date.parse("2025-06-01T12:00:00Z");
    const app = testApp(db(), { now: () => serverNow });
    for (const skew of [-6 * MINUTE, 6 * MINUTE]) {
      const response = await postBatch(app, newContributor(), batchOf([makeItem()]), { now: () => serverNow + skew });
      await expectRefused(response, "auth.stale_timestamp");
    }
    await expectNothingStored();
  });

  it("accepts a request signed four minutes off the server's clock", async () => {
    const serverNow = Date.parse("2025-06-01T12:00:00Z");
    const app = testApp(db(), { now: () => serverNow });

    const response = await postBatch(app, newContributor(), batchOf([makeItem()]), {
      now: () => serverNow - 4 * MINUTE,
    });

    expect(response.status).toBe(200);
  });

  it("refuses the same signed request sent twice with auth.nonce_reused, even with the nonce in upper case", async () => {
    const app = testApp(db());
    const alice = newContributor();
    const signed = await signedRequest(alice, batchOf([makeItem()]));
    const body = await signed.clone().text();
    const resend = (headers: Headers) => app.request(BATCHES_PATH, { method: "POST", headers, body });

    expect((await resend(signed.headers)).status).toBe(200);
    await expectRefused(await resend(signed.headers), "auth.nonce_reused");
    const shouting = new Headers(signed.headers);
    shouting.set(AUTH_HEADERS.nonce, `0x${shouting.get(AUTH_HEADERS.nonce)!.slice(2).toUpperCase()}`);
    await expectRefused(await resend(shouting), "auth.nonce_reused");
    expect(await countRows(db(), "batches")).toBe(1);
  });

  it("processes one of several copies of a signed batch sent at once; the others get auth.nonce_reused", async () => {
    const app = testApp(db());
    const alice = newContributor();
    const signed = await signedRequest(alice, batchOf([makeItem(), makeItem()]));
    const body = await signed.clone().text();

    const responses = await Promise.all(
      Array.from({ length: 6 }, () => app.request(BATCHES_PATH, { method: "POST", headers: signed.headers, body })),
    );

    expect(responses.map((response) => response.status).sort()).toEqual([200, 401, 401, 401, 401, 401]);
    for (const response of responses.filter((r) => r.status === 401))
      await expectRefused(response, "auth.nonce_reused");
    expect(await countAllRows(db())).toMatchObject({ batches: 1, items: 2, ledger_entries: 2, request_nonces: 1 });
  });

  it("spends the nonce of a refused batch too: a copy of it gets auth.nonce_reused, also when sent at once", async () => {
    const app = testApp(db());
    const alice = newContributor();
    const refusedBody = JSON.stringify({ batchId: "not-a-uuid", items: [] });
    const send = async (count: number) => {
      const signed = await signedRequest(alice, refusedBody);
      return Promise.all(
        Array.from({ length: count }, () =>
          app.request(BATCHES_PATH, { method: "POST", headers: signed.headers, body: refusedBody }),
        ),
      );
    };

    const [first] = await send(1);
    expect(first!.status).toBe(400);
    expect((await readProblem(first!)).code).toBe("batch.invalid");
    const copies = await send(4);
    expect(copies.map((response) => response.status).sort()).toEqual([400, 401, 401, 401]);
    expect(await countRows(db(), "request_nonces")).toBe(2);
    await expectNothingStored();
  });

  it("records a batch's nonce in the batch's own transaction: one commit per batch", async () => {
    const counted = { queries: 0, transactions: 0 };
    const inner = db();
    const counting: Database = {
      engine: inner.engine,
      close: () => inner.close(),
      query(sql, params) {
        counted.queries++;
        return inner.query(sql, params);
      },
      transaction(fn) {
        counted.transactions++;
        return inner.transaction(fn);
      },
    };
    const app = testApp(counting);
    const alice = newContributor();
    // The first signed request also deletes expired nonces (at most once a minute): counted from the second on.
    expect((await postBatch(app, alice, batchOf([makeItem()]))).status).toBe(200);
    counted.queries = 0;
    counted.transactions = 0;

    expect((await postBatch(app, alice, batchOf([makeItem()]))).status).toBe(200);

    expect(counted).toEqual({ queries: 0, transactions: 1 });
    expect(await countRows(db(), "request_nonces")).toBe(2);
  });

  it("still records the nonce of other signed routes on its own: a copied PUT /v1/contributors/me is refused", async () => {
    const app = testApp(db());
    const body = JSON.stringify({ payoutAddress: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed" });
    const signed = await signedRequest(newContributor(), body, { method: "PUT", path: "/v1/contributors/me" });
    const resend = () => app.request(signed.url, { method: "PUT", headers: signed.headers, body });

    expect((await resend()).status).toBe(200);
    await expectRefused(await resend(), "auth.nonce_reused");
  });

  it("forgets nonces once their request could no longer pass the timestamp check", async () => {
    let serverNow = Date.parse("2025-06-01T12:00:00Z");
    const app = testApp(db(), { now: () => serverNow });
    const alice = newContributor();
    await postBatch(app, alice, batchOf([makeItem()]), { now: () => serverNow });
    expect(await countRows(db(), "request_nonces")).toBe(1);

    serverNow += 11 * MINUTE;
    await postBatch(app, alice, batchOf([makeItem()]), { now: () => serverNow });

    const nonces = await db().query<{ expires_at: Date }>("select expires_at from request_nonces");
    expect(nonces).toHaveLength(1);
    expect(nonces[0]!.expires_at.getTime()).toBe(serverNow + 10 * MINUTE);
  });
});
