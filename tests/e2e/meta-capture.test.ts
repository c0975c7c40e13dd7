// Instagram and Threads in real Chromium on their real origins: the posts a page preloads in its HTML and the posts
// its GraphQL calls (POSTs, as the sites make them) bring while scrolling; never a private account's post.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Adapter } from "../../extension/adapters/adapter";
import { adapterForPage, adapterForResponse } from "../../extension/adapters/registry";
import { type ExtensionBrowser, launchWithExtension } from "./harness/browser";
import { consentToEverything, storedItems } from "./harness/extension-items";
import { type Route, servePlatform } from "./harness/platform-site";
import { fixture } from "./harness/x-site";

interface Call {
  url: string;
  body: string;
  post: boolean;
}

interface Scenario {
  platform: "instagram" | "threads";
  pageUrl: string;
  page: string;
  calls: Call[];
  /** Posts of private accounts that the fixtures hold: none may be stored. */
  privateIds: string[];
}

/** The threads.net call answers a threads.com page only with CORS, as the real host would. */
const CORS = { "access-control-allow-origin": "*" };

function saved(path: string, post: boolean): Call {
  const { url, body } = JSON.parse(fixture(path)) as { url: string; body: unknown };
  return { url, body: JSON.stringify(body), post };
}

/** Appends a script that makes each call in turn (GraphQL as a form POST, like the sites), then marks the page done. */
function withScroll(html: string, calls: Call[]): string {
  const requests = calls.map(({ url, post }) => ({
    url,
    init: post
      ? {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "doc_id=1&variables=%7B%7D",
        }
      : {},
  }));
  const script = `<script>(async () => { for (const { url, init } of ${JSON.stringify(requests)}) { await fetch(url, init).then((r) => r.text()); } document.documentElement.dataset.scrolled = "yes"; })();</script>`;
  return html.replace("</body>", `${script}</body>`);
}

const SCENARIOS: Scenario[] = [
  {
    platform: "instagram",
    pageUrl: "https://www.instagram.com/p/C9aB7xYz0Qw/",
    page: fixture("instagram/constructed-post-page.html"),
    calls: [
      saved("instagram/constructed-graphql-user-timeline.json", true),
      saved("instagram/constructed-api-v1-timeline.json", false),
    ],
    privateIds: ["3412210001112226666"],
  },
  {
    platform: "threads",
    pageUrl: "https://www.threads.com/@oskar_builds",
    page: fixture("threads/constructed-profile-page.html"),
    calls: [saved("threads/constructed-graphql-feed.json", true), saved("threads/constructed-graphql-post.json", true)],
    privateIds: ["3456780000000000060", "3456780000000000103"],
  },
];

/** The ids the adapters read from the page and the calls, those only the page holds, and the ads among them. */
function expectedIds(scenario: Scenario): { firstScreenOnly: Set<string>; expected: Set<string>; ads: Set<string> } {
  const context = { capturedAt: new Date().toISOString() };
  const page = adapterForPage(scenario.pageUrl) as Adapter;
  const firstScreen = new Set(page.parseEmbedded(scenario.pageUrl, scenario.page, context).map((item) => item.id));
  const expected = new Set(firstScreen);
  const firstScreenOnly = new Set(firstScreen);
  const ads = new Set<string>();
  for (const { url, body } of scenario.calls) {
    const adapter = adapterForResponse(url) as Adapter;
    for (const item of adapter.parse(url, JSON.parse(body), context)) {
      (item.promoted ? ads : expected).add(item.id);
      firstScreenOnly.delete(item.id);
    }
  }
  return { firstScreenOnly, expected, ads };
}

describe("Instagram and Threads capture in real Chromium", () => {
  let extension: ExtensionBrowser;
  beforeAll(async () => {
    extension = await launchWithExtension();
    await consentToEverything(
      await extension.worker(),
      SCENARIOS.map((s) => s.platform),
    );
  });
  afterAll(async () => extension?.close());

  it.each(SCENARIOS)(
    "stores $platform's preloaded first screen and the scrolled posts, none private",
    async (scenario) => {
      const { firstScreenOnly, expected, ads } = expectedIds(scenario);
      // Some posts come only from the page's HTML, so the first-screen path is tested on its own.
      expect(firstScreenOnly.size).toBeGreaterThan(0);
      expect(expected.size).toBeGreaterThan(firstScreenOnly.size);
      expect(ads.size).toBeGreaterThan(0);

      const page = await extension.browser.newPage();
      const routes: Route[] = [
        {
          match: (url) => url.href === scenario.pageUrl,
          contentType: "text/html",
          body: withScroll(scenario.page, scenario.calls),
        },
        ...scenario.calls.map(({ url, body }) => ({
          match: (candidate: URL) => candidate.href === url,
          contentType: "application/json",
          body,
          headers: CORS,
        })),
      ];
      await servePlatform(page, routes);
      await page.goto(scenario.pageUrl);
      await page.waitForSelector('html[data-scrolled="yes"]', { timeout: 30_000 });

      const worker = await extension.worker();
      await expect
        .poll(
          async () => {
            // By id: a stored item's hash is of its redacted text, which differs where the text names someone.
            const stored = new Set(
              (await storedItems(worker)).filter((row) => row.platform === scenario.platform).map((row) => row.item.id),
            );
            return [...expected].filter((id) => !stored.has(id));
          },
          { timeout: 20_000, interval: 250 },
        )
        .toEqual([]);

      // Ads are dropped by the default filter rules; private accounts' posts never get that far.
      const storedIds = (await storedItems(worker))
        .filter((row) => row.platform === scenario.platform)
        .map((row) => row.item.id);
      expect(storedIds.filter((id) => ads.has(id) || scenario.privateIds.includes(id))).toEqual([]);
      await page.close();
    },
  );
});
