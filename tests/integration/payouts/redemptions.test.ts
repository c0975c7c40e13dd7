// Redeeming over the API on both engines, paid on the dev chain: amounts, idempotency, concurrency and bad input.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { accountBalance, auditLedger, balanceOf, ledgerTotals, pendingAccount } from "../../../server/services/ledger";
import { REDEMPTIONS_PATH, redemptionListSchema, redemptionSchema } from "../../../shared/redemption";
import { countAllRows, DATABASE_ENGINES, useTestDatabase } from "../../helpers/database";
import { readProblem, signedRequest } from "../../helpers/server";
import {
  drainPayouts,
  fundedContributor,
  type PayoutChain,
  postRedemption,
  redemptionApp,
  redemptionBody,
  startPayoutChain,
  TOKEN,
  truncatePayoutTables,
  workerDeps,
} from "./payout-chain";

let world: PayoutChain;
beforeAll(async () => {
  world = await startPayoutChain();
});
afterAll(async () => {
  await world?.close();
});

describe.each(DATABASE_ENGINES)("redemptions on %s", (engine) => {
  const database = useTestDatabase(engine);
  beforeEach(async () => {
    await truncatePayoutTables(database());
  });

  it("pays the redeemed amount to the payout address on chain and books it as paid out", async () => {
    const db = database();
    const app = redemptionApp(db, world);
    const contributor = await fundedContributor(db, 5n * TOKEN);
    const request = redemptionBody(contributor, (3n * TOKEN).toString());

    const response = await postRedemption(app, contributor.account, request);
    expect(response.status).toBe(201);
    const created = redemptionSchema.parse(await response.json());
    expect(created).toMatchObject({ id: request.redemptionId, status: "pending", amount: (3n * TOKEN).toString() });
    expect(await balanceOf(db, contributor.address)).toBe((2n * TOKEN).toString());
    expect(await accountBalance(db, pendingAccount(contributor.address))).toBe((3n * TOKEN).toString());

    await drainPayouts(workerDeps(db, world.token));

    const followed = redemptionSchema.parse(await (await app.request(`${REDEMPTIONS_PATH}/${created.id}`)).json());
    expect(followed.status).toBe("confirmed");
    expect(followed.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await world.token.balanceOf(contributor.payoutAddress)).toBe(3n * TOKEN);
    expect(await accountBalance(db, pendingAccount(contributor.address))).toBe("0");
    expect((await ledgerTotals(db)).pending).toBe("0");
    expect(await auditLedger(db)).toEqual({ mismatchedAccounts: [], unbalancedTransfers: [], negativeAccounts: [] });

    const history = redemptionListSchema.parse(
      await (await app.request(`/v1/contributors/${contributor.address}/redemptions`)).json(),
    );
    expect(history.redemptions.map((redemption) => [redemption.id, redemption.status])).toEqual([
      [created.id, "confirmed"],
    ]);
  });

  it('redeems the whole balance for "all"', async () => {
    const db = database();
    const app = redemptionApp(db, world);
    const contributor = await fundedContributor(db, 7n * TOKEN + 5n);
    const response = await postRedemption(app, contributor.account, redemptionBody(contributor, "all"));
    expect(response.status).toBe(201);
    expect(redemptionSchema.parse(await response.json()).amount).toBe((7n * TOKEN + 5n).toString());
    expect(await balanceOf(db, contributor.address)).toBe("0");
    await drainPayouts(workerDeps(db, world.token));
    expect(await world.token.balanceOf(contributor.payoutAddress)).toBe(7n * TOKEN + 5n);
  });

  it("answers a retried request with the first redemption and debits once", async () => {
    const db = database();
    const app = redemptionApp(db, world);
    const contributor = await fundedContributor(db, 5n * TOKEN);
    const request = redemptionBody(contributor, TOKEN.toString());
    const first = await postRedemption(app, contributor.account, request);
    const retry = await postRedemption(app, contributor.account, request);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect((await retry.json()).id).toBe(request.redemptionId);
    expect(await balanceOf(db, contributor.address)).toBe((4n * TOKEN).toString());

    const reused = await postRedemption(app, contributor.account, { ...request, amount: (2n * TOKEN).toString() });
    expect(reused.status).toBe(409);
    expect((await readProblem(reused)).code).toBe("redemption.id_conflict");
    expect(await balanceOf(db, contributor.address)).toBe((4n * TOKEN).toString());
  });

  it("never spends more than the balance under 200 concurrent redemptions", async () => {
    const db = database();
    const app = redemptionApp(db, world);
    const contributor = await fundedContributor(db, 50n * TOKEN);
    const answers = await Promise.all(
      Array.from({ length: 200 }, () =>
        postRedemption(app, contributor.account, redemptionBody(contributor, TOKEN.toString())),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(50);
    expect(statuses.filter((status) => status === 409)).toHaveLength(150);
    const refusals = await Promise.all(answers.filter((a) => a.status === 409).map(readProblem));
    expect(new Set(refusals.map((problem) => problem.code))).toEqual(new Set(["redemption.insufficient_balance"]));
    expect(await balanceOf(db, contributor.address)).toBe("0");
    expect(await accountBalance(db, pendingAccount(contributor.address))).toBe((50n * TOKEN).toString());
    expect(await auditLedger(db)).toEqual({ mismatchedAccounts: [], unbalancedTransfers: [], negativeAccounts: [] });
  });

  it("pays each redemption exactly once when three workers drain the queue at the same time", async () => {
    const db = database();
    const app = redemptionApp(db, world);
    const contributors = await Promise.all(Array.from({ length: 12 }, () => fundedContributor(db, 5n * TOKEN)));
    for (const [index, contributor] of contributors.entries()) {
      const amount = TOKEN + (BigInt(index + 1) * TOKEN) / 4n;
      const response = await postRedemption(app, contributor.account, redemptionBody(contributor, amount.toString()));
      expect(response.status).toBe(201);
    }

    // One payout key, three workers: nonces come from the database, and a row is taken by one worker only.
    await Promise.all([1, 2, 3].map(() => drainPayouts(workerDeps(db, world.token))));

    const rows = await db.query<{ status: string; tx_hash: string }>("select status, tx_hash from redemptions");
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((row) => row.status))).toEqual(new Set(["confirmed"]));
    expect(new Set(rows.map((row) => row.tx_hash)).size).toBe(12);
    for (const [index, contributor] of contributors.entries()) {
      expect(await world.token.balanceOf(contributor.payoutAddress)).toBe(TOKEN + (BigInt(index + 1) * TOKEN) / 4n);
    }
    expect((await ledgerTotals(db)).pending).toBe("0");
    expect(await auditLedger(db)).toEqual({ mismatchedAccounts: [], unbalancedTransfers: [], negativeAccounts: [] });
  });

  describe("refuses bad input with a 4xx and a clear message, leaving the ledger untouched", () => {
    const cases: {
      name: string;
      amount?: string;
      destination?: (payout: string) => string;
      raw?: string;
      status: number;
      code: string;
      message: RegExp;
    }[] = [
      {
        name: "an amount above the balance",
        amount: (6n * TOKEN).toString(),
        status: 409,
        code: "redemption.insufficient_balance",
        message: /balance is 5000000000000000000/,
      },
      {
        name: "a negative amount",
        amount: "-1000000000000000000",
        status: 400,
        code: "redemption.invalid",
        message: /positive/,
      },
      { name: "a zero amount", amount: "0", status: 400, code: "redemption.invalid", message: /more than zero/ },
      {
        name: "a non-numeric amount",
        amount: "lots",
        status: 400,
        code: "redemption.invalid",
        message: /whole number of base units/,
      },
      { name: "an amount with decimals", amount: "1.5", status: 400, code: "redemption.invalid", message: /decimals/ },
      {
        name: "an amount with more decimals than the token has",
        amount: "0.0000000000000000001",
        status: 400,
        code: "redemption.invalid",
        message: /decimals/,
      },
      {
        name: "an amount below the minimum",
        amount: "999",
        status: 400,
        code: "redemption.below_minimum",
        message: /smallest redemption is 1 TRIB \(1000000000000000000 base units\)/,
      },
      {
        name: "a destination that is not an address",
        destination: () => "0x1234",
        status: 400,
        code: "redemption.invalid",
        message: /20-byte address/,
      },
      {
        name: "a destination not checksummed",
        destination: (payout) => payout.toLowerCase(),
        status: 400,
        code: "redemption.invalid",
        message: /checksummed/,
      },
      {
        name: "a destination other than the payout address",
        destination: () => "0x52908400098527886E0F7030069857D2E4169EE7",
        status: 409,
        code: "redemption.destination_mismatch",
        message: /payouts go to/,
      },
      {
        name: "a body that is not JSON",
        raw: "{amount:",
        status: 400,
        code: "redemption.malformed_json",
        message: /not valid JSON/,
      },
    ];
    for (const testCase of cases) {
      it(`refuses ${testCase.name}`, async () => {
        const db = database();
        const app = redemptionApp(db, world);
        const contributor = await fundedContributor(db, 5n * TOKEN);
        const before = await countAllRows(db);
        const body =
          testCase.raw ??
          redemptionBody(contributor, testCase.amount ?? TOKEN.toString(), {
            ...(testCase.destination
              ? { destination: testCase.destination(contributor.payoutAddress) as `0x${string}` }
              : {}),
          });
        const response = await postRedemption(app, contributor.account, body);
        expect(response.status).toBe(testCase.status);
        const problem = await readProblem(response);
        expect(problem.code).toBe(testCase.code);
        expect(`${problem.title} ${problem.detail ?? ""}`).toMatch(testCase.message);
        // The signed request's nonce is spent (it authenticated), and nothing else is written.
        expect(await countAllRows(db)).toEqual({ ...before, request_nonces: before.request_nonces + 1 });
        expect(await balanceOf(db, contributor.address)).toBe((5n * TOKEN).toString());
        expect((await db.query("select id from redemptions")).length).toBe(0);
      });
    }

    it("refuses a replayed signature", async () => {
      const db = database();
      const app = redemptionApp(db, world);
      const contributor = await fundedContributor(db, 5n * TOKEN);
      const signed = await signedRequest(
        contributor.account,
        JSON.stringify(redemptionBody(contributor, TOKEN.toString())),
        {
          path: REDEMPTIONS_PATH,
        },
      );
      const replay = signed.clone();
      expect((await app.request(signed)).status).toBe(201);
      const answer = await app.request(replay);
      expect(answer.status).toBe(401);
      expect((await readProblem(answer)).code).toBe("auth.nonce_reused");
      expect(await balanceOf(db, contributor.address)).toBe((4n * TOKEN).toString());
    });

    it("refuses to redeem before a payout address is set", async () => {
      const db = database();
      const app = redemptionApp(db, world);
      const contributor = await fundedContributor(db, 5n * TOKEN);
      await db.query("update contributors set payout_address = null where address = $1", [contributor.address]);
      const response = await postRedemption(app, contributor.account, redemptionBody(contributor, TOKEN.toString()));
      expect(response.status).toBe(409);
      expect((await readProblem(response)).detail).toMatch(/set a payout address/);
      expect(await balanceOf(db, contributor.address)).toBe((5n * TOKEN).toString());
    });

    it("refuses redemptions when no payout chain is configured", async () => {
      const db = database();
      const app = redemptionApp(db, undefined);
      const contributor = await fundedContributor(db, 5n * TOKEN);
      const response = await postRedemption(app, contributor.account, redemptionBody(contributor, TOKEN.toString()));
      expect(response.status).toBe(503);
      expect((await readProblem(response)).code).toBe("redemption.unavailable");
      expect(await balanceOf(db, contributor.address)).toBe((5n * TOKEN).toString());
    });

    it("answers 404 for an unknown redemption and 400 for a malformed contributor address", async () => {
      const app = redemptionApp(database(), world);
      expect((await app.request(`${REDEMPTIONS_PATH}/8d0c5a9e-3c2b-4b7f-9f51-2f5f6f0b8a11`)).status).toBe(404);
      expect((await app.request(`${REDEMPTIONS_PATH}/not-a-uuid`)).status).toBe(404);
      expect((await app.request("/v1/contributors/0x12/redemptions")).status).toBe(400);
    });
  });
});
