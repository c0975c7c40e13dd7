// The ledger's invariants: credits and debits sum to zero, and a balance is exactly what its items earned.
import { describe, expect, it } from "vitest";
import {
  balanceOf,
  contributorAccount,
  creditContributor,
  REWARDS_POOL_ACCOUNT,
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
});
