// Malformed responses and forged page messages never break the page, and are counted as unparsed, in real Chromium.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ExtensionBrowser, launchWithExtension } from "./harness/browser";
import { readExtensionStorage } from "./harness/extension-storage";
import { servePlatform } from "./harness/platform-site";

const TRUNCATED =
  '{"data":{"home":{"home_timeline_urt":{"instructions":[{"type":"TimelineAddEntries","entries":[{"entryId":';
const HTML_NOT_JSON = "<!doctype html><html><body>Something went wrong</body></html>";

const PAGE = `<!doctype html><html><head><meta charset="utf-8"></head><body><script>
  (async () => {
    const results = {};
    const a = await fetch("/i/api/graphql/q1/HomeTimeline");
    results.truncated = await a.text();
    const b = await fetch("/i/api/graphql/q2/HomeLatestTimeline");
    results.html = await b.text();
    results.jsonThrew = await fetch("/i/api/graphql/q1/HomeTimeline").then((r) => r.json()).then(() => false, () => true);
    // A page script posting look-alike messages must not get anything stored.
    window.postMessage({ source: "tributary-capture", kind: "response", url: 42, body: {} }, location.origin);
    window.postMessage({ source: "tributary-capture", kind: "evil", url: "https://x.com/", body: "" }, location.origin);
    // Nor one dispatching the hook's own event with something that is not a valid batch of items.
    for (const detail of [{ type: "captured-items" }, "{not json", JSON.stringify({ type: "captured-items", platform: "x", items: [{ id: 1 }] }), "x".repeat(100)]) {
      window.dispatchEvent(new CustomEvent("tributary-captured", { detail }));
    }
    const xhr = new XMLHttpRequest();
    xhr.open("GET", "/i/api/graphql/q3/UserTweets");
    xhr.responseType = "json";
    xhr.onload = () => {
      results.xhrStatus = xhr.status;
      results.xhrIsNull = xhr.response === null;
      window.results = results;
      document.body.dataset.done = "yes";
    };
    xhr.send();
  })();
</script></body></html>`;

describe("capture hook robustness in real Chromium", () => {
  let extension: ExtensionBrowser;
  beforeAll(async () => {
    extension = await launchWithExtension();
  });
  afterAll(async () => extension?.close());

  it("leaves the page's own responses untouched and counts what it could not read", async () => {
    const worker = await extension.worker();
    await worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } })
        .chrome;
      await api.storage.local.set({ settings: { captureEnabled: true, platforms: { x: true } } });
    });
    expect(await readExtensionStorage(worker, "settings")).toMatchObject({ captureEnabled: true });

    const site = await extension.browser.newPage();
    const errors: string[] = [];
    site.on("pageerror", (error) => errors.push(String(error)));
    await servePlatform(site, [
      { match: (u) => u.pathname === "/home", contentType: "text/html", body: PAGE },
      { match: (u) => u.pathname.endsWith("/HomeTimeline"), contentType: "application/json", body: TRUNCATED },
      {
        match: (u) => u.pathname.endsWith("/HomeLatestTimeline"),
        contentType: "application/json",
        body: HTML_NOT_JSON,
      },
      { match: (u) => u.pathname.endsWith("/UserTweets"), contentType: "application/json", body: TRUNCATED },
    ]);
    await site.goto("https://x.com/home");
    await site.waitForSelector('body[data-done="yes"]', { timeout: 30_000 });

    const results = await site.evaluate(() => (window as unknown as { results: Record<string, unknown> }).results);
    expect(results).toEqual({
      truncated: TRUNCATED,
      html: HTML_NOT_JSON,
      jsonThrew: true,
      xhrStatus: 200,
      xhrIsNull: true,
    });
    expect(errors).toEqual([]);

    const review = await extension.browser.newPage();
    await review.goto(extension.extensionUrl("review.html"));
    await review.waitForFunction(() => document.querySelectorAll('[data-testid="unparsed-counter"]').length >= 2, {
      timeout: 30_000,
    });
    const counters = await review.$$eval('[data-testid="unparsed-counter"]', (els) => els.map((el) => el.textContent));
    expect(counters.join("\n")).toContain("HomeTimeline");
    expect(counters.join("\n")).toContain("HomeLatestTimeline");
    expect(await review.$$eval('[data-testid="item"]', (els) => els.length)).toBe(0);
  });
});
