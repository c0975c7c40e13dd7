// Items parsed from every real (and constructed) captured response of the JSON adapters, for pipeline tests.
import { readdirSync, readFileSync } from "node:fs";
import { blueskyAdapter } from "../../../extension/adapters/bluesky";
import { mastodonAdapter } from "../../../extension/adapters/mastodon";
import { redditAdapter } from "../../../extension/adapters/reddit";
import { xAdapter } from "../../../extension/adapters/x";
import type { Item } from "../../../shared/item";

const CAPTURED_AT = "2026-08-01T12:00:00.000Z";
const X_URL = "https://x.com/i/api/graphql/V7H0Ap3_Hh2FyS75OCDO3Q/UserTweetsAndReplies";

function jsonFiles(platform: string): string[] {
  const folder = `tests/fixtures/${platform}`;
  return readdirSync(folder)
    .filter((name) => name.endsWith(".json"))
    .map((name) => `${folder}/${name}`);
}

/** Every item of every fixture response, by platform. */
export function fixtureItems(): Item[] {
  const context = { capturedAt: CAPTURED_AT };
  const items: Item[] = [];
  for (const file of jsonFiles("x"))
    items.push(...xAdapter.parse(X_URL, JSON.parse(readFileSync(file, "utf8")), context));
  const wrapped = [
    ["reddit", redditAdapter],
    ["bluesky", blueskyAdapter],
    ["mastodon", mastodonAdapter],
  ] as const;
  for (const [platform, adapter] of wrapped) {
    for (const file of jsonFiles(platform)) {
      const { url, body } = JSON.parse(readFileSync(file, "utf8")) as { url: string; body: unknown };
      items.push(...adapter.parse(url, body, context));
    }
  }
  return items;
}
