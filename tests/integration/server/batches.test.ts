// Ingesting batches: items stored once, contributors credited once, whatever the retries and duplicates.
import { describe, expect, it } from "vitest";
import { scoreItem } from "../../../server/services/scoring";
import { batchResponseSchema } from "../../../shared/batch";
import { contentHash } from "../../../shared/content-hash";
import { itemSchema } from "../../../shared/item";
import { countAllRows, countRows, DATABASE_ENGINES, useTestDatabase } from "../../helpers/database";
import { makeItem } from "../../helpers/items";
import { batchOf, newContributor, postBatch, readProblem, testApp } from "../../helpers/server";

async function balanceOf(app: ReturnType<typeof testApp>, address: string) {
  const response = await app.request(`/v1/contributors/${address}/balance`);
  expect(response.status).toBe(200);
  return (await response.json()) as { address: string; balance: string; itemsAccepted: number };
}

describe.each(DATABASE_ENGINES)("batches on %s", (engine) => {
  const db = useTestDatabase(engine);

  it("accepts a signed batch, stores its items and credits the contributor's balance", async () => {
    const app = testApp(db());
    const alice = newContributor();
    const items = [makeItem(), makeItem({ kind: "reply", text: "Agreed." })];

    const response = await postBatch(app, alice, batchOf(items));

    expect(response.status).toBe(200);
    const answer = batchResponseSchema.parse(await response.json());
    const expected = items.map(scoreItem).reduce((sum, points) => sum + points, 0n);
    expect(answer.verdicts).toEqual(
      items.map((item) => ({ contentHash: contentHash(item), status: "accepted", points: scoreItem(item).toString() })),
    );
    expect(answer.credited).toBe(expected.toString());
    expect(answer.contributor).toBe(alice.address.toLowerCase());
    expect(await balanceOf(app, alice.address)).toEqual({
      address: alice.address.toLowerCase(),
      balance: expected.toString(),
      itemsAccepted: 2,
    });
  });

  it("stores each item exactly as sent, under its content hash and its sender", async () => {
    const app = testApp(db());
    const alice = newContributor();
    const item = makeItem({ text: "Rivers 🌊 and deltas" });

    await postBatch(app, alice, batchOf([item]));

    const rows = await db().query<{
      content_hash: string;
      platform: string;
      native_id: string;
      contributor: string;
      item: unknown;
    }>("select content_hash, platform, native_id, contributor, item from items");
    expect(rows).toEqual([
      {
        content_hash: contentHash(item),
        platform: "x",
        native_id: item.id,
        contributor: alice.address.toLowerCase(),
        item,
      },
    ]);
    expect(itemSchema.parse(rows[0]!.item)).toEqual(item);
  });

  it("answers a replayed batch with the first response and credits nothing more", async () => {
    const app = testApp(db());
    const alice = newContributor();
    const batch = batchOf([makeItem(), makeItem()]);

    const first = await postBatch(app, alice, batch);
    const firstAnswer = await first.json();
    const replay = await postBatch(app, alice, batch);

    expect(replay.status).toBe(200);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await replay.json()).toEqual(firstAnswer);
    expect((await balanceOf(app, alice.address)).balance).toBe(firstAnswer.credited);
    expect(await countRows(db(), "ledger_entries")).toBe(2);
    expect(await countRows(db(), "items")).toBe(2);
  });

  it("credits a batch sent ten times at once exactly once", async () => {
    const app = testApp(db());
    const alice = newContributor();
    const batch = batchOf([makeItem(), makeItem(), makeItem()]);

    const responses = await Promise.all(Array.from({ length: 10 }, () => postBatch(app, alice, batch)));

    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    const answers = await Promise.all(responses.map((response) => response.json()));
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0].verdicts.map((verdict: { status: string }) => verdict.status)).toEqual([
      "accepted",
      "accepted",
      "accepted",
    ]);
    expect(responses.filter((response) => response.headers.get("idempotent-replayed") === "true")).toHaveLength(9);
    expect((await balanceOf(app, alice.address)).balance).toBe(answers[0].credited);
    expect(await countRows(db(), "ledger_entries")).toBe(2);
    expect(await countRows(db(), "batches")).toBe(1);
  });

  it("refuses a batch id reused for a different body with 409 and writes nothing", async () => {
    const app = testApp(db());
    const alice = newContributor();
    const batch = batchOf([makeItem()]);
    await postBatch(app, alice, batch);
    const before = await countAllRows(db());

    const response = await postBatch(app, alice, batchOf([makeItem()], batch.batchId));

    expect(response.status).toBe(409);
    expect((await readProblem(response)).code).toBe("batch.id_conflict");
    expect({ ...(await countAllRows(db())), request_nonces: 0 }).toEqual({ ...before, request_nonces: 0 });
  });

  it("refuses a batch id already used by another contributor, even with the same body", async () => {
    const app = testApp(db());
    const batch = batchOf([makeItem()]);
    await postBatch(app, newContributor(), batch);
    const bob = newContributor();

    const response = await postBatch(app, bob, batch);

    expect(response.status).toBe(409);
    expect((await readProblem(response)).code).toBe("batch.id_conflict");
    expect(await balanceOf(app, bob.address)).toMatchObject({ balance: "0", itemsAccepted: 0 });
    expect(await countRows(db(), "contributors")).toBe(1);
  });

  it("credits an item to the first contributor only; a later copy from someone else is a duplicate", async () => {
    const app = testApp(db());
    const alice = newContributor();
    const bob = newContributor();
    const shared = makeItem();
    const bobsOwn = makeItem();

    await postBatch(app, alice, batchOf([shared]));
    const response = await postBatch(app, bob, batchOf([shared, bobsOwn]));

    const answer = batchResponseSchema.parse(await response.json());
    expect(answer.verdicts.map((verdict) => verdict.status)).toEqual(["duplicate", "accepted"]);
    expect(answer.credited).toBe(scoreItem(bobsOwn).toString());
    expect(await balanceOf(app, alice.address)).toMatchObject({
      balance: scoreItem(shared).toString(),
      itemsAccepted: 1,
    });
    expect(await balanceOf(app, bob.address)).toMatchObject({ balance: answer.credited, itemsAccepted: 1 });
    const [owner] = await db().query<{ contributor: string }>("select contributor from items where content_hash = $1", [
      contentHash(shared),
    ]);
    expect(owner?.contributor).toBe(alice.address.toLowerCase());
  });

  it("marks the second copy of an item within one batch as a duplicate and credits it once", async () => {
    const app = testApp(db());
    const item = makeItem();

    const response = await postBatch(app, newContributor(), batchOf([item, { ...item }]));

    const answer = batchResponseSchema.parse(await response.json());
    expect(answer.verdicts).toEqual([
      { contentHash: contentHash(item), status: "accepted", points: scoreItem(item).toString() },
      { contentHash: contentHash(item), status: "duplicate" },
    ]);
    expect(answer.credited).toBe(scoreItem(item).toString());
    expect(await countRows(db(), "items")).toBe(1);
  });

  it("credits nothing and writes no ledger entries for a batch made only of duplicates", async () => {
    const app = testApp(db());
    const item = makeItem();
    await postBatch(app, newContributor(), batchOf([item]));
    const bob = newContributor();

    const response = await postBatch(app, bob, batchOf([item]));

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ credited: "0", verdicts: [{ status: "duplicate" }] });
    expect(await countRows(db(), "ledger_entries")).toBe(2);
    expect((await balanceOf(app, bob.address)).balance).toBe("0");
  });

  it("credits each item once when contributors race to send the same items in opposite orders", async () => {
    const app = testApp(db());
    // Opposite orders: without a fixed lock order, transactions like these deadlock now and then; rounds make it likely.
    for (let round = 0; round < 5; round++) {
      const items = Array.from({ length: 100 }, () => makeItem());
      const racers = Array.from({ length: 4 }, (_, index) => ({
        contributor: newContributor(),
        items: index % 2 === 0 ? items : [...items].reverse(),
      }));

      const responses = await Promise.all(
        racers.map((racer) => postBatch(app, racer.contributor, batchOf(racer.items))),
      );

      expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200]);
      const answers = await Promise.all(
        responses.map(async (response) => batchResponseSchema.parse(await response.json())),
      );
      const accepted = answers.flatMap((answer) => answer.verdicts.filter((verdict) => verdict.status === "accepted"));
      expect(new Set(accepted.map((verdict) => verdict.contentHash)).size).toBe(items.length);
      expect(accepted).toHaveLength(items.length);
      const credited = answers.reduce((sum, answer) => sum + BigInt(answer.credited), 0n);
      expect(credited).toBe(items.map(scoreItem).reduce((sum, points) => sum + points, 0n));
    }
    expect(await countRows(db(), "items")).toBe(500);
  });
});
