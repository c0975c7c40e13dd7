// Scoring: how many points (token base units) one accepted item earns, from its platform, kind and text length.
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
export const scoringConfig = {
  pointsByKind: {
    post: TOKEN,
    video: TOKEN,
    quote: (TOKEN * 8n) / 10n,
    reply: TOKEN / 2n,
    comment: TOKEN / 2n,
    message: (TOKEN * 3n) / 10n,
    // A repost adds no words of its own: it mostly tells what people chose to amplify.
    repost: TOKEN / 10n,
  } satisfies Record<ItemKind, bigint>,
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
  } satisfies Record<Platform, bigint>,
  length: { fullCreditCharacters: 280, minimumPercent: 20n },
} as const;

/** Percent of the full score an item's text length earns. */
function lengthPercent(text: string): bigint {
  const { fullCreditCharacters, minimumPercent } = scoringConfig.length;
  // Counted in code points, so an emoji is one character as the reader sees it.
  const characters = BigInt([...text].length);
  const percent = (characters * 100n) / BigInt(fullCreditCharacters);
  if (percent < minimumPercent) return minimumPercent;
  return percent > 100n ? 100n : percent;
}

/** Points for one accepted item, in base units (1 token = 10^18). */
export function scoreItem(item: Pick<Item, "platform" | "kind" | "text">): bigint {
  const base = scoringConfig.pointsByKind[item.kind];
  const platform = scoringConfig.platformPercent[item.platform];
  return (base * platform * lengthPercent(item.text)) / 10_000n;
}
