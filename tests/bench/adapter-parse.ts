// Adapter parse cost per platform (largest fixture each) as a ratio to JSON.parse of the same body: the walk should
// cost no more than the parse the page already pays for.
import { readFileSync } from "node:fs";
import { adapters } from "../../extension/adapters/registry";
import type { BenchSuite } from "./run";
import { type BenchRow, medianMs, printTable } from "./table";

/** The largest JSON fixture of each platform, with the request URL it answers. */
const CASES: { platform: string; file: string; url?: string }[] = [
  {
    platform: "x",
    file: "x/twscrape-raw_user_media.json",
    url: "https://x.com/i/api/graphql/q/UserMedia",
  },
  { platform: "reddit", file: "reddit/praw-TestFront-test_best-1.json" },
  { platform: "mastodon", file: "mastodon/mastodonpy-home_tl-1.json" },
  { platform: "bluesky", file: "bluesky/constructed-getTimeline.json" },
  { platform: "linkedin", file: "linkedin/constructed-graphql-mainfeed.json" },
  { platform: "youtube", file: "youtube/constructed-browse-continuation.json" },
  { platform: "tiktok", file: "tiktok/constructed-recommend-item_list.json" },
  { platform: "instagram", file: "instagram/constructed-graphql-timeline.json" },
  { platform: "threads", file: "threads/constructed-graphql-feed.json" },
  { platform: "discord", file: "discord/constructed-guild-channel-messages.json" },
];

function load(file: string, url?: string): { url: string; text: string; pageUrl?: string } {
  const raw = readFileSync(`tests/fixtures/${file}`, "utf8");
  if (url) return { url, text: raw };
  // Discord's adapter needs the page the response was fetched on (a server channel or a DM), as captured.
  const saved = JSON.parse(raw) as { url: string; body: unknown; pageUrl?: string };
  return { url: saved.url, text: JSON.stringify(saved.body), pageUrl: saved.pageUrl };
}

/**
 * Runs a task for about `ms` before it is timed: V8 optimises a function only after it has run for a while, and a
 * small body's walk is timed within a few hundred calls, often before that (the parse is native code, warm from the
 * start). A tab reading a feed calls its adapter that often within minutes, so the steady state is what is measured.
 */
function warm(task: () => unknown, ms = 150): void {
  const end = performance.now() + ms;
  while (performance.now() < end) task();
}

/** Small bodies parse in microseconds: each timing repeats the call so it lasts about a millisecond. */
function repeated(task: () => unknown, times: number): () => void {
  return () => {
    for (let i = 0; i < times; i++) task();
  };
}

export const adapterParseBench: BenchSuite = {
  name: "adapter-parse",
  async run() {
    const rows: BenchRow[] = [];
    for (const { platform, file, url: given } of CASES) {
      const adapter = adapters.find((a) => a.platform === platform);
      if (!adapter) continue;
      const { url, text, pageUrl } = load(file, given);
      const body = JSON.parse(text);
      const context = { capturedAt: new Date().toISOString(), ...(pageUrl ? { pageUrl } : {}) };
      const items = adapter.parse(url, body, context).length;
      const times = Math.max(1, Math.round(200_000 / text.length));
      warm(() => adapter.parse(url, body, context));
      warm(() => JSON.parse(text));
      const parseMs =
        (await medianMs(
          repeated(() => adapter.parse(url, body, context), times),
          31,
          5,
        )) / times;
      const jsonMs =
        (await medianMs(
          repeated(() => JSON.parse(text), times),
          31,
          5,
        )) / times;
      const ratio = parseMs / jsonMs;
      rows.push({
        name: `${platform}: parse ${items} items (${(text.length / 1024).toFixed(0)} KB)`,
        value: parseMs,
        unit: "ms",
        baseline: { name: "JSON.parse", value: jsonMs },
        goal: "ratio ≤ 1",
        met: ratio <= 1,
      });
    }
    printTable("Adapter parse time vs JSON.parse of the same body (median)", rows);
  },
};
