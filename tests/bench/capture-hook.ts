// The page-side cost of the capture hook: a page fetching 200 timeline responses, with and without the extension,
// in real Chromium (goal: at most 5 % slower). Both browsers run with the same flags and stay open side by side; the
// rounds alternate between them (and which goes first), so a slow moment of the machine hits both alike, and each
// round starts once the extension has finished storing what the previous one captured.
// Two feeds: the same response each time (the page-side work: copy, hand over, parse; the background finds every post
// already stored), and new posts in every response (the background also filters, redacts and stores each one, on the
// same CPUs as the page).
// Then the background alone: the time it takes to answer a captured-items message of new posts (it stages them), to
// store what was staged (redact, write the items), and both for posts already stored, against the same message for a
// platform the user did not turn on (a round trip and a settings read).
import { readFileSync } from "node:fs";
import type { Browser, Page, WebWorker } from "puppeteer-core";
import { xAdapter } from "../../extension/adapters/x";
import type { Item } from "../../shared/item";
import { type ExtensionBrowser, launchWithExtension, launchWithoutExtension } from "../e2e/harness/browser";
import { consentToEverything, stagedPosts, storedItems } from "../e2e/harness/extension-items";
import type { BenchSuite } from "./run";
import { type BenchRow, printTable } from "./table";

const RESPONSES = 200;
const WARMUP_ROUNDS = 2;
const ROUNDS = 7;
/** After a round, so the page's queued work is counted in its busy time. */
const SETTLE_MS = 300;
const TIMELINE = readFileSync("tests/fixtures/x/derived-home_timeline.json", "utf8");

const PAGE = `<!doctype html><html><head><meta charset="utf-8"></head><body><script>
  window.runBench = async (count) => {
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      const body = await fetch("/i/api/graphql/q/HomeTimeline?variables=%7B%22cursor%22%3A" + i + "%7D").then((r) => r.json());
      if (!body.data) throw new Error("bad body");
    }
    return performance.now() - start;
  };
</script></body></html>`;

/** Each response of the "new posts" feed has its ids rewritten, so the extension cannot skip a post as seen. */
function timelineResponse(variant: number): string {
  return TIMELINE.replace(/\b(\d{15,19})\b/g, (_, id: string) => `${id}${variant}`);
}

async function openBenchPage(browser: Browser, newPosts: boolean): Promise<Page> {
  const page = await browser.newPage();
  let served = 0;
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname === "/bench") void request.respond({ status: 200, contentType: "text/html", body: PAGE });
    else if (url.pathname.endsWith("/HomeTimeline")) {
      const body = newPosts ? timelineResponse(served++) : TIMELINE;
      void request.respond({ status: 200, contentType: "application/json", body });
    } else void request.respond({ status: 404, contentType: "text/plain", body: "not served in this bench" });
  });
  await page.goto("https://x.com/bench");
  return page;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the extension's store stops growing and nothing waits in its staging table: the background has stored
 * everything captured (it does so once capture pauses), so no round pays for the one before.
 */
async function untilQuiet(worker: WebWorker): Promise<number> {
  let last = (await storedItems(worker)).length;
  for (let i = 0; i < 240; i++) {
    await pause(500);
    const now = (await storedItems(worker)).length;
    if (now === last && (await stagedPosts(worker)) === 0) return now;
    last = now;
  }
  return last;
}

interface RoundTimes {
  /** Wall time of the page's fetch loop. */
  page: number;
  /** Time the page's main thread was busy meanwhile (the page's scripts, ours, the isolated world's), from Chromium. */
  busy: number;
}

async function measureRound(page: Page, responses = RESPONSES): Promise<RoundTimes> {
  const busyBefore = (await page.metrics()).TaskDuration ?? 0;
  const time = await page.evaluate(
    (n: number) => (window as unknown as { runBench(n: number): Promise<number> }).runBench(n),
    responses,
  );
  await pause(SETTLE_MS);
  const busyAfter = (await page.metrics()).TaskDuration ?? 0;
  return { page: time, busy: (busyAfter - busyBefore) * 1000 };
}

interface FeedResult {
  with: RoundTimes[];
  without: RoundTimes[];
  ratios: number[];
  stored: number;
}

async function measureFeed(plain: Browser, extension: Browser, worker: WebWorker, newPosts: boolean) {
  const pages = { without: await openBenchPage(plain, newPosts), with: await openBenchPage(extension, newPosts) };
  const storedBefore = await untilQuiet(worker);
  for (let round = 0; round < WARMUP_ROUNDS; round++) {
    await measureRound(pages.without, RESPONSES / 4);
    await measureRound(pages.with, RESPONSES / 4);
    await untilQuiet(worker);
  }
  const result: FeedResult = { with: [], without: [], ratios: [], stored: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? (["without", "with"] as const) : (["with", "without"] as const);
    for (const side of order) {
      result[side].push(await measureRound(pages[side]));
      if (side === "with") await untilQuiet(worker);
    }
    result.ratios.push(result.with[round]!.page / result.without[round]!.page);
  }
  result.stored = (await untilQuiet(worker)) - storedBefore;
  await pages.with.close();
  await pages.without.close();
  return result;
}

/** Messages per round, and the responses whose items each carries: about what the tab's 500 ms batch holds. */
const MESSAGES = 12;
const RESPONSES_PER_MESSAGE = 10;
const BACKGROUND_ROUNDS = 5;

/** `count` messages of items parsed as the tab parses them, with ids no feed above used. */
function newPostMessages(count: number, round: number): Item[][] {
  const context = { capturedAt: new Date().toISOString() };
  return Array.from({ length: count }, (_, message) =>
    Array.from({ length: RESPONSES_PER_MESSAGE }, (_, response) => {
      const variant = 9_000_000 + (round * count + message) * RESPONSES_PER_MESSAGE + response;
      const body: unknown = JSON.parse(timelineResponse(variant));
      return xAdapter.parse("https://x.com/i/api/graphql/q/HomeTimeline", body, context);
    }).flat(),
  );
}

/**
 * Sends the messages one after the other from an extension page, as a tab does, then asks the background to store
 * what they staged at once (as the popup does when it opens); ms per post for each of the two steps.
 */
async function sendAll(page: Page, platform: string, messages: Item[][]): Promise<{ answer: number; store: number }> {
  const times = await page.evaluate(
    async (name: string, all: unknown[][]) => {
      const api = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } })
        .chrome;
      const start = performance.now();
      for (const items of all) await api.runtime.sendMessage({ type: "captured-items", platform: name, items });
      const answered = performance.now();
      await api.runtime.sendMessage({ type: "store-captures" });
      return { answer: answered - start, store: performance.now() - answered };
    },
    platform,
    messages,
  );
  const posts = messages.reduce((sum, items) => sum + items.length, 0);
  return { answer: times.answer / posts, store: times.store / posts };
}

/** The background's answer time per post: new posts, the same posts again, and a platform that is off. */
async function measureBackground(extension: ExtensionBrowser): Promise<BenchRow[]> {
  const page = await extension.browser.newPage();
  await page.goto(extension.extensionUrl("popup.html"));
  const times = { fresh: [] as number[], freshStore: [] as number[], stored: [] as number[], off: [] as number[] };
  for (let round = 0; round <= BACKGROUND_ROUNDS; round++) {
    const messages = newPostMessages(MESSAGES, round);
    const off = await sendAll(page, "tiktok", messages);
    const fresh = await sendAll(page, "x", messages);
    const stored = await sendAll(page, "x", messages);
    if (round === 0) continue; // warm-up
    times.off.push(off.answer);
    times.fresh.push(fresh.answer);
    times.freshStore.push(fresh.store);
    times.stored.push(stored.answer + stored.store);
  }
  await page.close();
  const off = { name: "same messages, platform off", value: median(times.off) };
  return [
    { name: "background: answer time per new post (staged)", value: median(times.fresh), unit: "ms", baseline: off },
    {
      name: "background: storing the staged new posts, per post",
      value: median(times.freshStore),
      unit: "ms",
      baseline: off,
    },
    {
      name: "background: per post already stored (answer + store)",
      value: median(times.stored),
      unit: "ms",
      baseline: off,
    },
  ];
}

function feedRows(feed: string, result: FeedResult): BenchRow[] {
  const withHook = median(result.with.map((t) => t.page));
  const without = median(result.without.map((t) => t.page));
  const ratio = median(result.ratios);
  return [
    {
      name: `${feed}: page time with the extension (median round)`,
      value: withHook,
      unit: "ms",
      baseline: { name: "no extension (median round)", value: without },
      goal: "≤ 1.05× (5 %)",
      met: withHook / without <= 1.05,
    },
    { name: `${feed}: median of the per-round ratios`, value: ratio, unit: "×", goal: "≤ 1.05", met: ratio <= 1.05 },
    {
      name: `${feed}: page's main thread busy (median round)`,
      value: median(result.with.map((t) => t.busy)),
      unit: "ms",
      baseline: { name: "no extension (median round)", value: median(result.without.map((t) => t.busy)) },
    },
  ];
}

export const captureHookBench: BenchSuite = {
  name: "capture-hook",
  async run() {
    const plain = await launchWithoutExtension();
    const extension = await launchWithExtension();
    try {
      const worker = await extension.worker();
      await consentToEverything(worker, ["x"]);
      const feeds = [
        { name: "same response", result: await measureFeed(plain.browser, extension.browser, worker, false) },
        { name: "new posts", result: await measureFeed(plain.browser, extension.browser, worker, true) },
      ];
      // A benchmark of a hook that copied nothing would measure nothing: the new posts must have been stored.
      const stored = feeds[1]!.result.stored;
      if (stored === 0) throw new Error("the extension stored no item during the benchmark: the hook did not capture");
      const background = await measureBackground(extension);
      printTable(
        `Page time for ${RESPONSES} timeline fetches (${(TIMELINE.length / 1024).toFixed(0)} KB each), ` +
          `${ROUNDS} interleaved rounds after ${WARMUP_ROUNDS} warm-up rounds; ${stored} new posts stored; then the ` +
          `background's answers to ${MESSAGES} messages of ${RESPONSES_PER_MESSAGE} responses' posts in a row ` +
          `(median of ${BACKGROUND_ROUNDS} rounds)`,
        [...feeds.flatMap(({ name, result }) => feedRows(name, result)), ...background],
      );
      const list = (rounds: RoundTimes[]) =>
        rounds.map((t) => `${t.page.toFixed(0)} (${t.busy.toFixed(0)})`).join(", ");
      for (const { name, result } of feeds) {
        console.log(`${name}, rounds with the extension, page ms (busy ms): ${list(result.with)}`);
        console.log(`${name}, rounds without, page ms (busy ms): ${list(result.without)}`);
      }
    } finally {
      await extension.close();
      await plain.close();
    }
  },
};
