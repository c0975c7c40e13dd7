// Scoring: the points an accepted item earns follow its kind, its platform and the length of its text.
import { describe, expect, it } from "vitest";
import { scoreItem, scoringConfig } from "../../../server/services/scoring";
import { makeItem } from "../../helpers/items";

const TOKEN = 10n ** 18n;

describe("scoring an item", () => {
  it("gives a full post of an X user one whole token", () => {
    expect(scoreItem(makeItem({ kind: "post", text: "a".repeat(280) }))).toBe(TOKEN);
  });

  it("gives longer texts more, up to the full-credit length, and never less than the floor", () => {
    const score = (length: number) => scoreItem(makeItem({ kind: "post", text: "a".repeat(length) }));

    expect(score(0)).toBe((TOKEN * scoringConfig.length.minimumPercent) / 100n);
    expect(score(140)).toBe(TOKEN / 2n);
    expect(score(140)).toBeGreaterThan(score(30));
    expect(score(10_000)).toBe(score(280));
  });

  it("counts characters as a reader sees them, so emoji do not earn more than letters", () => {
    const emoji = scoreItem(makeItem({ text: "🌊".repeat(140) }));
    const letters = scoreItem(makeItem({ text: "a".repeat(140) }));

    expect(emoji).toBe(letters);
  });

  it("pays a repost less than a reply, and a reply less than a post", () => {
    const text = "a".repeat(280);
    const [repost, reply, post] = (["repost", "reply", "post"] as const).map((kind) =>
      scoreItem(makeItem({ kind, text })),
    );

    expect(repost).toBeLessThan(reply!);
    expect(reply).toBeLessThan(post!);
  });

  it("scores every platform and kind with a positive whole number of base units", () => {
    for (const platform of Object.keys(
      scoringConfig.platformPercent,
    ) as (keyof typeof scoringConfig.platformPercent)[]) {
      for (const kind of Object.keys(scoringConfig.pointsByKind) as (keyof typeof scoringConfig.pointsByKind)[]) {
        expect(scoreItem({ platform, kind, text: "" })).toBeGreaterThan(0n);
      }
    }
  });
});
