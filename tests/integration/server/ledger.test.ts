// The ledger's invariants: credits and debits sum to zero, and a balance is exactly what its items earned.
import { describe, expect, it } from "vitest";
import {
  accountBalance,
  auditLedger,
  balanceOf,
  contributorAccount,
  creditContributor,
  ledgerTotals,
  pendingAccount,
  REWARDS_POOL_ACCOUNT,
  transfer,
} from "../../../server/services/ledger";
import { DATABASE_ENGINES, useTestDatabase } from "../../helpers/database";
import { makeItem } from "../../helpers/items";
import { batchOf, newContributor, postBatch, testApp } from "../../helpers/server";

describe.each(DATABASE_ENGINES)("the ledger on %s", (engine) => {
  const db = useTestDatabase(engine);

  it("sums to zero and gives each contributor exactly the points of the items they were first to send", async () => {
    const app = testApp(db());
    const contributors = [newContributor(), newContributor(), newContributor()];
    const shared = Array.from({ length: 5 }, () => makeItem());
    for (const [index, contributor] of contributors.entries()) {
      const batch = batchOf([...shared, makeItem({ kind: index === 1 ? "repost" : "comment" })]);
      await postBatch(app, contributor, batch);
      await postBatch(app, contributor, batch);
    }

    const [total] = await db().query<{ sum: string }>(
      "select coalesce(sum(amount), 0)::text as sum from ledger_entries",
    );
    expect(total?.sum).toBe("0");
    const unbalanced = await db().query(
      "select transfer_id from ledger_entries group by transfer_id having sum(amount) <> 0",
    );
    expect(unbalanced).toEqual([]);
    let credited = 0n;
    for (const contributor of contributors) {
      const response = await app.request(`/v1/contributors/${contributor.address}/balance`);
      const { balance } = (await response.json()) as { balance: string };
      const [earned] = await db().query<{ sum: string }>(
        "select coalesce(sum(points), 0)::text as sum from items where contributor = $1",
        [contributor.address.toLowerCase()],
      );
      const [account] = await db().query<{ sum: string }>(
        "select coalesce(sum(amount), 0)::text as sum from ledger_entries where account = $1",
        [contributorAccount(contributor.address)],
      );
      expect(balance).toBe(earned?.sum);
      expect(balance).toBe(account?.sum);
      credited += BigInt(balance);
    }
    expect(credited).toBeGreaterThan(0n);
    const [pool] = await db().query<{ sum: string }>(
      "select sum(amount)::text as sum from ledger_entries where account = $1",
      [REWARDS_POOL_ACCOUNT],
    );
    expect(pool?.sum).toBe((-credited).toString());
    // The pool has no cached row (credits never queue on it); its totals come from its entries.
    expect(await db().query("select account from account_balances where account like 'pool:%'")).toEqual([]);
    expect(await ledgerTotals(db())).toEqual({
      credited: credited.toString(),
      held: credited.toString(),
      pending: "0",
    });
    expect(await auditLedger(db())).toEqual({ mismatchedAccounts: [], unbalancedTransfers: [], negativeAccounts: [] });
  });

  it("keeps amounts far beyond JavaScript's safe integers exact", async () => {
    const address = newContributor().address;
    const huge = 10n ** 40n + 1n;

    await db().transaction((tx) => creditContributor(tx, { transferId: "test:huge", address, amount: huge }));

    expect(await balanceOf(db(), address)).toBe(huge.toString());
  });

  it("refuses to record the same transfer twice", async () => {
    const address = newContributor().address;
    const credit = () =>
      db().transaction((tx) => creditContributor(tx, { transferId: "test:once", address, amount: 5n }));
    await credit();

    await expect(credit()).rejects.toThrow();
    expect(await balanceOf(db(), address)).toBe("5");
  });

  it("reports a zero balance for an address it has never seen, whatever its letter case", async () => {
    const address = newContributor().address;
    const app = testApp(db());

    const response = await app.request(`/v1/contributors/${address.toUpperCase().replace("0X", "0x")}/balance`);

    expect(await response.json()).toEqual({ address: address.toLowerCase(), balance: "0", itemsAccepted: 0 });
  });

  const CLEAN_AUDIT = { mismatchedAccounts: [], unbalancedTransfers: [], negativeAccounts: [] };

  async function fund(address: string, amount: bigint) {
    await db().transaction((tx) => creditContributor(tx, { transferId: `test:fund:${address}`, address, amount }));
  }

  it("moves an amount between two accounts as a pair of entries and keeps both cached balances equal to their sums", async () => {
    const address = newContributor().address;
    await fund(address, 100n);

    const result = await db().transaction((tx) =>
      transfer(tx, {
        transferId: "redeem:1",
        from: contributorAccount(address),
        to: pendingAccount(address),
        amount: 30n,
      }),
    );

    expect(result).toEqual({ outcome: "recorded" });
    expect(await balanceOf(db(), address)).toBe("70");
    expect(await accountBalance(db(), pendingAccount(address))).toBe("30");
    const entries = await db().query<{ account: string; amount: string }>(
      "select account, amount::text as amount from ledger_entries where transfer_id = 'redeem:1' order by amount",
    );
    expect(entries).toEqual([
      { account: contributorAccount(address), amount: "-30" },
      { account: pendingAccount(address), amount: "30" },
    ]);
    expect(await auditLedger(db())).toEqual(CLEAN_AUDIT);
  });

  it("refuses to take more than a contributor holds, and writes nothing", async () => {
    const address = newContributor().address;
    await fund(address, 10n);

    const result = await db().transaction((tx) =>
      transfer(tx, { transferId: "redeem:big", from: contributorAccount(address), to: "pool:payouts", amount: 11n }),
    );

    expect(result).toEqual({ outcome: "insufficient_balance", balance: "10" });
    expect(await balanceOf(db(), address)).toBe("10");
    expect(await db().query("select 1 from ledger_entries where transfer_id = 'redeem:big'")).toEqual([]);
  });

  it("records a transfer id once: the retry answers already_recorded and moves nothing", async () => {
    const address = newContributor().address;
    await fund(address, 10n);
    const move = { transferId: "redeem:retry", from: contributorAccount(address), to: "pool:payouts", amount: 4n };

    const first = await db().transaction((tx) => transfer(tx, move));
    const retry = await db().transaction((tx) => transfer(tx, move));

    expect([first.outcome, retry.outcome]).toEqual(["recorded", "already_recorded"]);
    expect(await balanceOf(db(), address)).toBe("6");
  });

  it("never lets concurrent debits spend more than the balance", async () => {
    const address = newContributor().address;
    await fund(address, 10n);

    const results = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        db().transaction((tx) =>
          transfer(tx, {
            transferId: `race:${index}`,
            from: contributorAccount(address),
            to: "pool:payouts",
            amount: 3n,
          }),
        ),
      ),
    );

    expect(results.filter((result) => result.outcome === "recorded")).toHaveLength(3);
    expect(await balanceOf(db(), address)).toBe("1");
    expect(await auditLedger(db())).toEqual(CLEAN_AUDIT);
  });

  it("refuses a zero or negative amount and a transfer to the same account", async () => {
    const account = contributorAccount(newContributor().address);
    for (const move of [
      { transferId: "bad:zero", from: REWARDS_POOL_ACCOUNT, to: account, amount: 0n },
      { transferId: "bad:negative", from: REWARDS_POOL_ACCOUNT, to: account, amount: -5n },
      { transferId: "bad:self", from: account, to: account, amount: 5n },
    ]) {
      await expect(db().transaction((tx) => transfer(tx, move))).rejects.toThrow();
    }
    expect(await db().query("select 1 from ledger_entries")).toEqual([]);
  });

  it("notices a cached balance that no longer equals the sum of its entries", async () => {
    const address = newContributor().address;
    await fund(address, 10n);
    await db().query("update account_balances set balance = 11 where account = $1", [contributorAccount(address)]);

    expect((await auditLedger(db())).mismatchedAccounts).toEqual([
      { account: contributorAccount(address), cached: "11", summed: "10" },
    ]);
  });
});
