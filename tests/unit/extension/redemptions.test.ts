// The popup's redemption calls against the real server app: amounts typed in TRIB, the payout address registered
// with a signature, and every failure turned into words a person can read.
import { randomUUID } from "node:crypto";
import { getAddress } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import {
  fetchRedemption,
  fetchRedemptionHistory,
  type RedemptionDeps,
  readRedeemAmount,
  registerPayoutAddress,
  requestRedemption,
} from "../../../extension/rewards/redemptions";
import type { App } from "../../../server/app";
import { payoutAddressOf } from "../../../server/services/contributors";
import { useTestDatabase } from "../../helpers/database";
import { testApp } from "../../helpers/server";

const TOKEN = 10n ** 18n;

describe("readRedeemAmount", () => {
  it("turns TRIB with decimals into base units", () => {
    expect(readRedeemAmount("1.5")).toEqual({ ok: true, amount: ((15n * TOKEN) / 10n).toString() });
    expect(readRedeemAmount(" 20 ")).toEqual({ ok: true, amount: (20n * TOKEN).toString() });
    expect(readRedeemAmount(".25")).toEqual({ ok: true, amount: (TOKEN / 4n).toString() });
    expect(readRedeemAmount("0.000000000000000001")).toEqual({ ok: true, amount: "1" });
  });

  it('passes "all" through for the server to resolve', () => {
    expect(readRedeemAmount("all")).toEqual({ ok: true, amount: "all" });
    expect(readRedeemAmount("ALL")).toEqual({ ok: true, amount: "all" });
  });

  it("says what is wrong with an amount that is not one", () => {
    expect(readRedeemAmount("")).toEqual({ ok: false, problem: "format" });
    expect(readRedeemAmount("-1")).toEqual({ ok: false, problem: "format" });
    expect(readRedeemAmount("1e18")).toEqual({ ok: false, problem: "format" });
    expect(readRedeemAmount("1,5")).toEqual({ ok: false, problem: "format" });
    expect(readRedeemAmount("0.0000000000000000001")).toEqual({ ok: false, problem: "decimals" });
    expect(readRedeemAmount("0.000")).toEqual({ ok: false, problem: "zero" });
    expect(readRedeemAmount("3", (2n * TOKEN).toString())).toEqual({ ok: false, problem: "above-balance" });
    expect(readRedeemAmount("2", (2n * TOKEN).toString())).toEqual({ ok: true, amount: (2n * TOKEN).toString() });
  });
});

function depsFor(app: App): RedemptionDeps {
  return {
    serverUrl: "http://127.0.0.1:8787",
    fetch: (input, init) => Promise.resolve(app.fetch(new Request(input, init))),
  };
}

describe("the redemption calls", () => {
  const database = useTestDatabase("pglite");
  const account = privateKeyToAccount(generatePrivateKey());
  const payoutAddress = getAddress(privateKeyToAccount(generatePrivateKey()).address);

  it("registers the payout address with a signed request", async () => {
    const db = database();
    const answer = await registerPayoutAddress(depsFor(testApp(db)), account, payoutAddress);
    expect(answer).toEqual({ ok: true, value: payoutAddress });
    expect(await payoutAddressOf(db, account.address)).toBe(payoutAddress);
  });

  it("reads the server's refusal as its title and detail", async () => {
    const db = database();
    const deps = depsFor(testApp(db));
    const unchecked = await registerPayoutAddress(deps, account, payoutAddress.toLowerCase());
    expect(unchecked).toMatchObject({ ok: false, kind: "refused", code: "contributor.payout_address_invalid" });
    expect(unchecked.ok === false && unchecked.kind === "refused" && unchecked.message).toMatch(/checksummed/);
    // This app has no payout chain: the server says redemptions are not available.
    const refused = await requestRedemption(deps, account, {
      redemptionId: randomUUID(),
      amount: "all",
      destination: payoutAddress,
    });
    expect(refused).toMatchObject({
      ok: false,
      kind: "refused",
      code: "redemption.unavailable",
      message: "Redemptions are not available: this server has no payout chain",
    });
    const missing = await fetchRedemption(deps, randomUUID());
    expect(missing).toMatchObject({ ok: false, kind: "refused", code: "redemption.not_found" });
    expect(await fetchRedemptionHistory(deps, account.address)).toEqual({ ok: true, value: [] });
  });

  it("tells an unreachable server from an answer it does not understand", async () => {
    const unreachable: RedemptionDeps = {
      serverUrl: "http://127.0.0.1:9",
      fetch: () => Promise.reject(new TypeError("Failed to fetch")),
    };
    expect(await fetchRedemptionHistory(unreachable, account.address)).toEqual({ ok: false, kind: "unreachable" });
    const garbled: RedemptionDeps = {
      serverUrl: "http://127.0.0.1:9",
      fetch: () => Promise.resolve(new Response(JSON.stringify({ redemptions: [{ id: 1 }] }))),
    };
    expect(await fetchRedemptionHistory(garbled, account.address)).toEqual({ ok: false, kind: "not-understood" });
    const proxyPage: RedemptionDeps = {
      serverUrl: "http://127.0.0.1:9",
      fetch: () => Promise.resolve(new Response("<h1>Bad gateway</h1>", { status: 502 })),
    };
    expect(await fetchRedemption(proxyPage, randomUUID())).toEqual({
      ok: false,
      kind: "refused",
      code: "http.502",
      message: "The server answered 502.",
    });
  });
});
