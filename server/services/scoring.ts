// Scoring: how many points (token base units) an accepted item earns: platform, kind, length, novelty, daily cap.
import { TOKEN_DECIMALS } from "../../shared/amounts";
import type { Item, ItemKind, Platform } from "../../shared/item";

/** One whole token in base units. */
const TOKEN = 10n ** BigInt(TOKEN_DECIMALS);

/**
 * The whole scoring policy in one place. An accepted item earns
 *   pointsByKind[kind] × platformPercent[platform] / 100 × lengthPercent / 100
 * where lengthPercent grows linearly with the text's length (in characters) from `minimumPercent` up to 100 at
 * `fullCreditCharacters`, so a one-word reply earns less than a paragraph but never nothing.
 */
export const scoringConfig: ScoringConfig = {
  pointsByKind: {
    post: TOKEN,
    video: TOKEN,
    quote: (TOKEN * 8n) / 10n,
    reply: TOKEN / 2n,
    comment: TOKEN / 2n,
    message: (TOKEN * 3n) / 10n,
    // A repost adds no words of its own: it mostly tells what people chose to amplify.
    repost: TOKEN / 10n,
  },
  platformPercent: {
    x: 100n,
    reddit: 100n,
    youtube: 100n,
    tiktok: 100n,
    bluesky: 100n,
    mastodon: 100n,
    instagram: 100n,
    linkedin: 100n,
    threads: 100n,
    discord: 100n,
    facebook: 100n,
  },
  length: { fullCreditCharacters: 280, minimumPercent: 20n },
  /**
   * Novelty: an item whose normalized text (see novelty.ts) was already stored under another id — a copy-paste, a
   * cross-post, a bot chorus — earns this percent of its score. Best effort: two copies in flight at once both count
   * as new. Texts shorter than `minimumCharacters` once normalized ("lol", "+1") are never judged.
   */
  novelty: { echoPercent: 10n, minimumCharacters: 16 },
  /** What one contributor can earn per UTC day; items past it are still accepted and stored, for 0 points. */
  dailyCap: 500n * TOKEN,
};

export type ScoringConfig = {
  pointsByKind: Record<ItemKind, bigint>;
  platformPercent: Record<Platform, bigint>;
  length: { fullCreditCharacters: number; minimumPercent: bigint };
  novelty: { echoPercent: bigint; minimumCharacters: number };
  dailyCap: bigint;
};

/** Percent of the full score an item's text length earns. */
function lengthPercent(text: string, config: ScoringConfig): bigint {
  const { fullCreditCharacters, minimumPercent } = config.length;
  // Counted in code points, so an emoji is one character as the reader sees it.
  const characters = BigInt([...text].length);
  const percent = (characters * 100n) / BigInt(fullCreditCharacters);
  if (percent < minimumPercent) return minimumPercent;
  return percent > 100n ? 100n : percent;
}

/** Points for one accepted, novel item before the daily cap under the default policy, in base units (1 token = 10^18). */
export function scoreItem(item: Pick<Item, "platform" | "kind" | "text">): bigint {
  return scoreItemUnder(item, scoringConfig);
}

/** Points for one accepted, novel item before the daily cap under a given policy. */
export function scoreItemUnder(item: Pick<Item, "platform" | "kind" | "text">, config: ScoringConfig): bigint {
  const base = config.pointsByKind[item.kind];
  const platform = config.platformPercent[item.platform];
  return (base * platform * lengthPercent(item.text, config)) / 10_000n;
}

/** An echo (text already stored under another id) earns the novelty percent of its score. */
export function echoPoints(points: bigint, config: ScoringConfig = scoringConfig): bigint {
  return (points * config.novelty.echoPercent) / 100n;
}
