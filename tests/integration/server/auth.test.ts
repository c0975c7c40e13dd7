// Request signatures: unsigned, forged, stale and replayed requests are refused with 401 and write nothing.
import { describe, expect, it } from "vitest";
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
