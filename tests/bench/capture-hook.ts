// The page-side cost of the capture hook: a page fetching 200 timeline responses, with and without the extension,
// in real Chromium (goal: at most 5 % slower).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer, { type Browser } from "puppeteer-core";
import { launchWithExtension } from "../e2e/harness/browser";
import { consentToEverything } from "../e2e/harness/extension-items";
import { servePlatform } from "../e2e/harness/platform-site";
import type { BenchSuite } from "./run";
import { printTable } from "./table";

const RESPONSES = 200;
const ROUNDS = 5;
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

export async function pageTimes(browser: Browser, origin = "https://x.com"): Promise<number> {
  const page = await browser.newPage();
  await servePlatform(page, [
    { match: (u) => u.pathname === "/bench", contentType: "text/html", body: PAGE },
    { match: (u) => u.pathname.endsWith("/HomeTimeline"), contentType: "application/json", body: TIMELINE },
  ]);
  await page.goto(`${origin}/bench`);
  await page.evaluate((n: number) => (window as unknown as { runBench(n: number): Promise<number> }).runBench(n), 20);
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    times.push(
      await page.evaluate(
        (n: number) => (window as unknown as { runBench(n: number): Promise<number> }).runBench(n),
        RESPONSES,
      ),
    );
  }
  await page.close();
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function plainChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), "tributary-bench-"));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    pipe: true,
    userDataDir,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"],
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export const captureHookBench: BenchSuite = {
  name: "capture-hook",
  async run() {
    const plain = await plainChromium();
    const without = await pageTimes(plain.browser);
    await plain.close();

    const extension = await launchWithExtension();
    await consentToEverything(await extension.worker(), ["x"]);
    const withHook = await pageTimes(extension.browser);
    await extension.close();

    const overhead = withHook / without - 1;
    printTable(
      `Page time for ${RESPONSES} timeline fetches (${(TIMELINE.length / 1024).toFixed(0)} KB each), median of ${ROUNDS}`,
      [
        {
          name: "with the extension capturing",
          value: withHook,
          unit: "ms",
          baseline: { name: "no extension", value: without },
          goal: "≤ 1.05× (5 %)",
          met: overhead <= 0.05,
        },
      ],
    );
  },
};
