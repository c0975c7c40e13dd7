// A stand-in for x.com built from real captured GraphQL responses: the page fetches its timeline like the real one.
import { readFileSync } from "node:fs";
import type { Route } from "./platform-site";

export const HOME_TIMELINE_URL =
  "https://x.com/i/api/graphql/Iaj4kAIobIAtigNaYNIOAw/HomeTimeline?variables=%7B%22count%22%3A20%7D";
export const USER_TWEETS_URL =
  "https://x.com/i/api/graphql/V7H0Ap3_Hh2FyS75OCDO3Q/UserTweetsAndReplies?variables=%7B%22userId%22%3A%2244196397%22%7D";

export function fixture(path: string): string {
  return readFileSync(`tests/fixtures/${path}`, "utf8");
}

/** The home page: the timeline through fetch (as x.com does), a profile timeline (tweets and replies) through XHR. */
const HOME_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Home / X</title></head>
<body>
<main id="timeline">Loading…</main>
<script>
  (async () => {
    const home = await fetch(${JSON.stringify(HOME_TIMELINE_URL)}, { credentials: "include" }).then((r) => r.json());
    const count = home.data.home.home_timeline_urt.instructions.length;
    document.getElementById("timeline").textContent = "instructions: " + count;
    const xhr = new XMLHttpRequest();
    xhr.open("GET", ${JSON.stringify(USER_TWEETS_URL)});
    xhr.responseType = "json";
    xhr.onload = () => { document.body.dataset.loaded = "yes"; };
    xhr.send();
  })();
</script>
</body></html>`;

export function xRoutes(files: { home: string; userTweets: string }): Route[] {
  return [
    {
      match: (url) => url.origin === "https://x.com" && url.pathname === "/home",
      contentType: "text/html",
      body: HOME_PAGE,
    },
    {
      match: (url) => url.origin === "https://x.com" && url.pathname.endsWith("/HomeTimeline"),
      contentType: "application/json",
      body: fixture(files.home),
    },
    {
      match: (url) => url.origin === "https://x.com" && url.pathname.endsWith("/UserTweetsAndReplies"),
      contentType: "application/json",
      body: fixture(files.userTweets),
    },
  ];
}
