// A contributor's account: the payout address they set (signed, checksummed), their totals, and receipts by pages.
import { getAddress } from "viem";
import { describe, expect, it } from "vitest";
import { contentHash } from "../../../shared/content-hash";
import { contributorSchema } from "../../../shared/contributor";
import { receiptsPageSchema } from "../../../shared/receipts";
import { countAllRows, DATABASE_ENGINES, useTestDatabase } from "../../helpers/database";
import { makeItem } from "../../helpers/items";
import { batchOf, newContributor, postBatch, readProblem, signedRequest, testApp } from "../../helpers/server";

const ME_PATH = "/v1/contributors/me";
const WALLET = getAddress("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");

function putPayoutAddress(app: ReturnType<typeof testApp>, account = newContributor(), body: unknown = {}) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return signedRequest(account, text, { method: "PUT", path: ME_PATH }).then((request) => app.request(request));
}

describe.each(DATABASE_ENGINES)("contributor accounts on %s", (engine) => {
  const db = useTestDatabase(engine);

  it("sets the signer's payout address and shows it on their account", async () => {
    const app = testApp(db());
    const alice = newContributor();

    const response = await putPayoutAddress(app, alice, { payoutAddress: WALLET });

    expect(response.status).toBe(200);
    expect(contributorSchema.parse(await response.json()).payoutAddress).toBe(WALLET);
    const account = contributorSchema.parse(await (await app.request(`/v1/contributors/${alice.address}`)).json());
    expect(account).toEqual({
      address: alice.address.toLowerCase(),
      payoutAddress: WALLET,
      balance: "0",
      pending: "0",
      totals: { earned: "0", itemsAccepted: 0, batches: 0 },
    });
  });

  it("replaces the payout address when it is set again", async () => {
    const app = testApp(db());
    const alice = newContributor();
    const second = getAddress(newContributor().address);

    await putPayoutAddress(app, alice, { payoutAddress: WALLET });
    await putPayoutAddress(app, alice, { payoutAddress: second });

    const account = contributorSchema.parse(await (await app.request(`/v1/contributors/${alice.address}`)).json());
    expect(account.payoutAddress).toBe(second);
  });

  it("refuses a payout address that is not checksummed, has a wrong checksum or is the zero address", async () => {
    const app = testApp(db());
    const wrongChecksum = `${WALLET.slice(0, -1)}${WALLET.at(-1) === "e" ? "E" : "e"}`;
    for (const payoutAddress of [WALLET.toLowerCase(), WALLET.toUpperCase().replace("0X", "0x"), wrongChecksum]) {
      const response = await putPayoutAddress(app, newContributor(), { payoutAddress });
      expect(response.status, payoutAddress).toBe(400);
      expect((await readProblem(response)).code).toBe("contributor.payout_address_invalid");
    }
    const zero = await putPayoutAddress(app, newContributor(), { payoutAddress: `0x${"0".repeat(40)}` });
    expect((await readProblem(zero)).code).toBe("contributor.payout_address_invalid");
    expect((await countAllRows(db())).contributors).toBe(0);
  });

  it("refuses an update that is not JSON or not the expected shape, and an unsigned one", async () => {
    const app = testApp(db());

    const notJson = await putPayoutAddress(app, newContributor(), "{payout");
    const extra = await putPayoutAddress(app, newContributor(), { payoutAddress: WALLET, admin: true });
    const unsigned = await app.request(ME_PATH, { method: "PUT", body: JSON.stringify({ payoutAddress: WALLET }) });

    expect((await readProblem(notJson)).code).toBe("contributor.malformed_json");
    expect((await readProblem(extra)).code).toBe("contributor.invalid");
    expect((await readProblem(unsigned)).code).toBe("auth.missing");
    expect((await countAllRows(db())).contributors).toBe(0);
  });

  it("shows balance, pending and totals that match the batches the contributor sent", async () => {
    const app = testApp(db());
    const alice = newContributor();
    const shared = makeItem();
    await postBatch(app, newContributor(), batchOf([shared]));
    const first = await (await postBatch(app, alice, batchOf([makeItem(), shared]))).json();
    const second = await (await postBatch(app, alice, batchOf([makeItem()]))).json();

    const account = contributorSchema.parse(await (await app.request(`/v1/contributors/${alice.address}`)).json());

    const earned = (BigInt(first.credited) + BigInt(second.credited)).toString();
    expect(account).toMatchObject({ balance: earned, pending: "0", totals: { earned, itemsAccepted: 2, batches: 2 } });
  });

  it("lists receipts newest first, page by page, each batch exactly once", async () => {
    const app = testApp(db());
    const alice = newContributor();
    const sent: { batchId: string; hashes: string[] }[] = [];
    for (let index = 0; index < 5; index++) {
      const batch = batchOf([makeItem(), makeItem()]);
      await postBatch(app, alice, batch);
      sent.push({ batchId: batch.batchId, hashes: batch.items.map((item) => contentHash(item)) });
    }
    await postBatch(app, newContributor(), batchOf([makeItem()]));

    const pages = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : "?limit=2";
      const response = await app.request(`/v1/contributors/${alice.address}/receipts${query}`);
      expect(response.status).toBe(200);
      const page = receiptsPageSchema.parse(await response.json());
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor !== null && pages.length < 10);

    expect(pages.map((page) => page.receipts.length)).toEqual([2, 2, 1]);
    const receipts = pages.flatMap((page) => page.receipts);
    expect(receipts.map((receipt) => receipt.batchId)).toEqual(sent.map((batch) => batch.batchId).reverse());
    for (const receipt of receipts) {
      const batch = sent.find((candidate) => candidate.batchId === receipt.batchId)!;
      expect(receipt.verdicts.map((verdict) => verdict.contentHash)).toEqual(batch.hashes);
      expect(receipt.verdicts.every((verdict) => verdict.status === "accepted")).toBe(true);
      const points = receipt.verdicts.reduce(
        (sum, verdict) => sum + (verdict.status === "accepted" ? BigInt(verdict.points) : 0n),
        0n,
      );
      expect(receipt.credited).toBe(points.toString());
    }
  });

  it("answers an empty page for a contributor with no batches", async () => {
    const response = await testApp(db()).request(`/v1/contributors/${newContributor().address}/receipts`);

    expect(await response.json()).toEqual({ receipts: [], nextCursor: null });
  });

  it("refuses a forged cursor, a zero or huge limit and unknown query fields with receipts.query_invalid", async () => {
    const app = testApp(db());
    const base = `/v1/contributors/${newContributor().address}/receipts`;
    for (const query of [
      "?cursor=bm90LWEtY3Vyc29y",
      "?cursor=%00%01",
      "?limit=0",
      "?limit=1000",
      "?limit=abc",
      "?page=2",
    ]) {
      const response = await app.request(`${base}${query}`);
      expect(response.status, query).toBe(400);
      expect((await readProblem(response)).code).toBe("receipts.query_invalid");
    }
  });

  it("refuses a malformed address on every read route", async () => {
    const app = testApp(db());
    for (const path of ["/v1/contributors/0x12", "/v1/contributors/0x12/receipts", "/v1/contributors/me"]) {
      const response = await app.request(path);
      expect(response.status, path).toBe(400);
      expect((await readProblem(response)).code).toBe("contributor.address_invalid");
    }
  });
});
