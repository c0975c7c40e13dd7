// Bad input: every malformed, invalid or oversized batch gets a 4xx problem with a stable code, and writes nothing.
import { describe, expect, it } from "vitest";
import { MAX_BATCH_BYTES, MAX_BATCH_ITEMS } from "../../../shared/batch";
import { MAX_TEXT_LENGTH } from "../../../shared/item";
import { countAllRows, DATABASE_ENGINES, useTestDatabase } from "../../helpers/database";
import { makeItem } from "../../helpers/items";
import { batchOf, newContributor, postBatch, readProblem, testApp } from "../../helpers/server";

const NOTHING_STORED = {
  contributors: 0,
  batches: 0,
  items: 0,
  ledger_entries: 0,
  contributor_days: 0,
  account_balances: 0,
};

describe.each(DATABASE_ENGINES)("refused batches on %s", (engine) => {
  const db = useTestDatabase(engine);

  async function expectNothingStored() {
    const { request_nonces: _nonces, ...stored } = await countAllRows(db());
    expect(stored).toEqual(NOTHING_STORED);
  }

  it("refuses a body that is not JSON with 400 batch.malformed_json", async () => {
    const response = await postBatch(testApp(db()), newContributor(), '{"batchId": "oops", "items": [');

    expect(response.status).toBe(400);
    expect((await readProblem(response)).code).toBe("batch.malformed_json");
    await expectNothingStored();
  });

  it("refuses a batch with one invalid item with 400 batch.invalid, saying where, and stores none of its items", async () => {
    const bad = { ...makeItem(), platform: "myspace" };
    const body = JSON.stringify({ batchId: crypto.randomUUID(), items: [makeItem(), bad] });

    const response = await postBatch(testApp(db()), newContributor(), body);

    expect(response.status).toBe(400);
    const problem = await readProblem(response);
    expect(problem.code).toBe("batch.invalid");
    expect(problem.errors).toEqual([{ path: "items.1.platform", message: expect.any(String) }]);
    await expectNothingStored();
  });

  it(`refuses a batch of ${MAX_BATCH_ITEMS + 1} items with 400 batch.invalid`, async () => {
    const items = Array.from({ length: MAX_BATCH_ITEMS + 1 }, () => makeItem());

    const response = await postBatch(testApp(db()), newContributor(), batchOf(items));

    expect(response.status).toBe(400);
    const problem = await readProblem(response);
    expect(problem.code).toBe("batch.invalid");
    expect(problem.errors?.map((error) => error.path)).toEqual(["items"]);
    await expectNothingStored();
  });

  it("refuses an empty batch, unknown fields and a batch id that is not a UUID with 400 batch.invalid", async () => {
    const app = testApp(db());
    const bodies = [
      { batchId: crypto.randomUUID(), items: [] },
      { batchId: crypto.randomUUID(), items: [makeItem()], extra: true },
      { batchId: "batch-1", items: [makeItem()] },
      { batchId: crypto.randomUUID(), items: [{ ...makeItem(), text: "x".repeat(MAX_TEXT_LENGTH + 1) }] },
    ];
    for (const body of bodies) {
      const response = await postBatch(app, newContributor(), JSON.stringify(body));
      expect(response.status).toBe(400);
      expect((await readProblem(response)).code).toBe("batch.invalid");
    }
    await expectNothingStored();
  });

  it("answers any JSON that is not a batch with a 400 problem, never a 500", async () => {
    const app = testApp(db());
    const bodies = ["", "null", "[]", "{}", '"batch"', "1e999", '{"batchId": 1, "items": "none"}', "[".repeat(5000)];
    for (const body of bodies) {
      const response = await postBatch(app, newContributor(), body);
      expect(response.status, body.slice(0, 20)).toBe(400);
      expect(["batch.invalid", "batch.malformed_json"]).toContain((await readProblem(response)).code);
    }
    await expectNothingStored();
  });

  it("refuses a valid batch over the batch size limit with 413 batch.too_large", async () => {
    const longText = "river ".repeat(6_500);
    const items = Array.from({ length: 26 }, () => makeItem({ text: longText }));
    const body = JSON.stringify(batchOf(items));
    expect(Buffer.byteLength(body)).toBeGreaterThan(MAX_BATCH_BYTES);
    expect(Buffer.byteLength(body)).toBeLessThan(1_100_000);

    const response = await postBatch(testApp(db()), newContributor(), body);

    expect(response.status).toBe(413);
    expect((await readProblem(response)).code).toBe("batch.too_large");
    await expectNothingStored();
  });

  it("refuses a body over the request size limit with 413 request.too_large before reading it", async () => {
    const body = JSON.stringify(batchOf([makeItem({ text: "x".repeat(MAX_TEXT_LENGTH) })])).padEnd(1_200_000, " ");

    const response = await postBatch(testApp(db()), newContributor(), body);

    expect(response.status).toBe(413);
    expect((await readProblem(response)).code).toBe("request.too_large");
    await expectNothingStored();
  });
  it("refuses only the items whose text a database cannot hold (NUL, lone surrogates) and stores the rest", async () => {
    const app = testApp(db());
    const good = makeItem();
    const items = [
      makeItem({ text: "before\u0000after" }),
      good,
      makeItem({ author: { id: "1", handle: "h", name: "\ud800" } }),
    ];

    const response = await postBatch(app, newContributor(), batchOf(items));

    expect(response.status).toBe(200);
    const answer = await response.json();
    expect(answer.verdicts.map((verdict: { status: string }) => verdict.status)).toEqual([
      "refused",
      "accepted",
      "refused",
    ]);
    expect(answer.verdicts[0].reason).toMatch(/character/);
    const stored = await db().query<{ native_id: string }>("select native_id from items");
    expect(stored).toEqual([{ native_id: good.id }]);
  });
});
