// Serves a platform's pages and API responses on its real origin through request interception.
import type { HTTPRequest, Page } from "puppeteer-core";

export interface Route {
  /** Matches the full request URL. */
  match: (url: URL) => boolean;
  contentType: string;
  body: string;
  /** Extra response headers, e.g. CORS for an API on another origin than the page. */
  headers?: Record<string, string>;
}

/** Every request the page makes to a platform host is answered from `routes`; anything else is refused. */
export async function servePlatform(page: Page, routes: Route[], served: string[] = []): Promise<void> {
  await page.setRequestInterception(true);
  page.on("request", (request: HTTPRequest) => {
    const url = new URL(request.url());
    const route = routes.find((r) => r.match(url));
    if (route) {
      served.push(url.href);
      void request.respond({ status: 200, contentType: route.contentType, body: route.body, headers: route.headers });
    } else if (url.protocol === "data:" || url.protocol === "chrome-extension:") {
      void request.continue();
    } else {
      void request.respond({ status: 404, contentType: "text/plain", body: "not served in this test" });
    }
  });
}
