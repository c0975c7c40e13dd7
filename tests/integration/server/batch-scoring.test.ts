// Scoring inside a batch: echoes of stored text earn less, and a contributor's daily cap holds across batches.
import { describe, expect, it } from "vitest";
import { createApp } from "../../../server/app";
import { silentLogger } from "../../../server/log";
import { auditLedger, balanceOf } from "../../../server/services/ledger";
import { echoPoints, scoreItem, scoringConfig } from "../../../server/services/scoring";
import { batchResponseSchema } from "../../../shared/batch";
import { DATABASE_ENGINES, useTestDatabase } from "../../helpers/database";
import { makeItem } from "../../helpers/items";
import { batchOf, newContributor, postBatch, testApp, testConfig } from "../../helpers/server";

const TEXT = "The river delta moved three kilometres seaward in a decade, the survey says.";

/** A full-length post whose words no other item shares, so novelty does not reduce it. */
function fullPost() {
  return makeItem({ text: `${crypto.randomUUID()} ${"a".repeat(280)}` });
}

describe.each(DATABASE_ENGINES)("batch scoring on %s", (engine) => {
  const db = useTestDatabase(engine);

  it("pays an echo (the same words under another id, however spaced or cased) a tenth of a new text", async () => {
    const app = testApp(db());
    const original = makeItem({ text: TEXT });
    const echo = makeItem({ text: `  ${TEXT.toUpperCase().replaceAll(" ", "\n")} https://t.co/abc ` });

    const first = batchResponseSchema.parse(await (await postBatch(app, newContributor(), batchOf([original]))).json());
    const second = batchResponseSchema.parse(await (await postBatch(app, newContributor(), batchOf([echo]))).json());

    expect(first.verdicts[0]).toEqual({
      contentHash: expect.any(String),
      status: "accepted",
      points: scoreItem(original).toString(),
    });
    expect(second.verdicts[0]).toMatchObject({
      status: "accepted",
      points: echoPoints(scoreItem(echo)).toString(),
      note: expect.stringMatching(/already sent/),
    });
    expect(scoringConfig.novelty.echoPercent).toBe(10n);
  });

  it("also counts an echo within the same batch, and never judges very short texts", async () => {
    const app = testApp(db());
    const items = [
      makeItem({ text: TEXT }),
      makeItem({ text: TEXT }),
      makeItem({ text: "lol" }),
      makeItem({ text: "lol" }),
    ];

    const answer = batchResponseSchema.parse(await (await postBatch(app, newContributor(), batchOf(items))).json());

    expect(answer.verdicts.map((verdict) => (verdict.status === "accepted" ? verdict.points : verdict.status))).toEqual(
      [
        scoreItem(items[0]!).toString(),
        echoPoints(scoreItem(items[1]!)).toString(),
        scoreItem(items[2]!).toString(),
        scoreItem(items[3]!).toString(),
      ],
    );
  });

  it("stops crediting at the daily cap, across batches, storing the items past it for nothing", async () => {
    const item = fullPost;
    const cap = (scoreItem(item()) * 5n) / 2n;
    const app = createApp({
      db: db(),
      config: testConfig,
      log: silentLogger,
      scoring: { ...scoringConfig, dailyCap: cap },
    });
    const alice = newContributor();

    const first = batchResponseSchema.parse(await (await postBatch(app, alice, batchOf([item(), item()]))).json());
    const second = batchResponseSchema.parse(
      await (await postBatch(app, alice, batchOf([item(), item(), item()]))).json(),
    );

    const full = scoreItem(item()).toString();
    expect(first.verdicts.map((verdict) => verdict.status === "accepted" && verdict.points)).toEqual([full, full]);
    expect(second.verdicts.map((verdict) => verdict.status === "accepted" && verdict.points)).toEqual([
      (scoreItem(item()) / 2n).toString(),
      "0",
      "0",
    ]);
    expect(second.verdicts[2]).toMatchObject({ note: expect.stringMatching(/daily cap/) });
    expect(await balanceOf(db(), alice.address)).toBe(cap.toString());
    const [stored] = await db().query<{ count: number; points: string }>(
      "select count(*)::int as count, sum(points)::text as points from items",
    );
    expect(stored).toEqual({ count: 5, points: cap.toString() });
    expect(await auditLedger(db())).toEqual({ mismatchedAccounts: [], unbalancedTransfers: [], negativeAccounts: [] });
  });

  it("gives each contributor their own cap, and a fresh one the next UTC day", async () => {
    let now = Date.parse("2025-06-01T23:59:00Z");
    const item = fullPost;
    const cap = scoreItem(item());
    const app = createApp({
      db: db(),
      config: testConfig,
      log: silentLogger,
      now: () => now,
      scoring: { ...scoringConfig, dailyCap: cap },
    });
    const alice = newContributor();
    const bob = newContributor();
    const sign = { now: () => now };

    await postBatch(app, alice, batchOf([item(), item()]), sign);
    await postBatch(app, bob, batchOf([item()]), sign);
    now += 2 * 60_000;
    await postBatch(app, alice, batchOf([item()]), sign);

    expect(await balanceOf(db(), alice.address)).toBe((2n * cap).toString());
    expect(await balanceOf(db(), bob.address)).toBe(cap.toString());
  });
});
