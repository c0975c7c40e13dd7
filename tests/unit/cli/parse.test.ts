// `tributary parse`: HAR files with mixed platforms, single JSON responses and saved pages, one item per line.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runParse } from "../../../cli/parse-command";
import { adapterForResponse } from "../../../extension/adapters/registry";
import { contentHash } from "../../../shared/content-hash";
import { itemSchema } from "../../../shared/item";

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "tributary-cli-"));
const fixture = (path: string) => readFileSync(join("tests/fixtures", path), "utf8");
const HOME_URL = "https://x.com/i/api/graphql/abc/HomeTimeline?variables=%7B%7D";

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function parse(args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runParse(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  const items = stdout
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => itemSchema.parse(JSON.parse(line)));
  return { code, stdout, stderr, items };
}

/** What each adapter reads from the same bodies: the CLI must print exactly these, once each. */
function expectedHashes(responses: { url: string; body: string }[]): Set<string> {
  const hashes = new Set<string>();
  for (const { url, body } of responses) {
    for (const item of adapterForResponse(url)!.parse(url, JSON.parse(body), { capturedAt: "2025-01-01T00:00:00Z" })) {
      hashes.add(contentHash(item));
    }
  }
  return hashes;
}

function harEntry(url: string, text: string, options: { base64?: boolean; mimeType?: string; status?: number } = {}) {
  return {
    startedDateTime: "2025-03-04T05:06:07.000Z",
    request: { method: "GET", url },
    response: {
      status: options.status ?? 200,
      content: {
        mimeType: options.mimeType ?? "application/json",
        text: options.base64 ? Buffer.from(text).toString("base64") : text,
        ...(options.base64 ? { encoding: "base64" } : {}),
      },
    },
  };
}

describe("tributary parse", () => {
  it("reads every matching entry of a HAR with mixed platforms, base64 or text, and prints each item once", async () => {
    const reddit = JSON.parse(fixture("reddit/praw-TestFront-test_hot-1.json")) as { url: string; body: unknown };
    const mastodon = JSON.parse(fixture("mastodon/mastodonpy-public_tl-1.json")) as { url: string; body: unknown };
    const responses = [
      { url: HOME_URL, body: fixture("x/derived-home_timeline.json") },
      { url: reddit.url, body: JSON.stringify(reddit.body) },
      { url: mastodon.url, body: JSON.stringify(mastodon.body) },
    ];
    const har = {
      log: {
        version: "1.2",
        entries: [
          harEntry(responses[0]!.url, responses[0]!.body, { base64: true }),
          harEntry(responses[1]!.url, responses[1]!.body),
          harEntry(responses[2]!.url, responses[2]!.body),
          harEntry(responses[0]!.url, responses[0]!.body), // the same timeline again: no duplicate lines
          harEntry("https://x.com/i/api/graphql/abc/HomeTimeline", "{}", { status: 500 }),
          harEntry("https://example.com/app.js", "console.log(1)", { mimeType: "text/javascript" }),
        ],
      },
    };
    const { code, items, stderr } = await parse([write("mixed.har", JSON.stringify(har))]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(new Set(items.map((item) => item.platform))).toEqual(new Set(["x", "reddit", "mastodon"]));
    expect(new Set(items.map(contentHash))).toEqual(expectedHashes(responses));
    expect(items).toHaveLength(new Set(items.map(contentHash)).size);
    expect(items.find((item) => item.platform === "x")?.source.capturedAt).toBe("2025-03-04T05:06:07.000Z");
  });

  it("reads a single JSON response with --url, and a saved {url, body} response without it", async () => {
    const home = await parse([write("home.json", fixture("x/derived-home_timeline.json")), "--url", HOME_URL]);
    expect(home.code).toBe(0);
    expect(new Set(home.items.map(contentHash))).toEqual(
      expectedHashes([{ url: HOME_URL, body: fixture("x/derived-home_timeline.json") }]),
    );
    const saved = await parse([join("tests/fixtures", "mastodon/mastodonpy-home_tl-1.json")]);
    expect(saved.code).toBe(0);
    expect(saved.items.length).toBeGreaterThan(0);
    expect(saved.items.every((item) => item.platform === "mastodon")).toBe(true);
  });

  it("reads a saved page's embedded first screen with --url", async () => {
    const page = await parse([
      join("tests/fixtures", "reddit/constructed-shreddit-feed.html"),
      "--url",
      "https://www.reddit.com/",
    ]);
    expect(page.code).toBe(0);
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((item) => item.platform === "reddit")).toBe(true);
  });

  it("answers bad input with one line and a non-zero exit", async () => {
    const cases: [string[], RegExp][] = [
      [[], /usage/],
      [[join(dir, "missing.json")], /cannot read .*ENOENT/],
      [[write("bad.json", '{"data": ')], /not JSON, HTML or HAR/],
      [[write("lone.json", "{}")], /needs --url/],
      [[write("page.html", "<html><body></body></html>")], /HTML page needs --url/],
      [[write("x.json", "{}"), "--url", "ftp://x.com/"], /must be an http\(s\) URL/],
      [[write("other.json", "{}"), "--url", "https://example.com/feed"], /no platform adapter reads/],
      [["a", "b"], /unexpected argument/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr, stdout } = await parse(args);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toMatch(message);
      expect(stderr.trim().split("\n")).toHaveLength(1);
    }
  });

  it("runs as `npm run --silent tributary -- parse`", async () => {
    const { stdout } = await run("npm", [
      "run",
      "--silent",
      "tributary",
      "--",
      "parse",
      "tests/fixtures/mastodon/mastodonpy-hashtag_tl-1.json",
    ]);
    const lines = stdout.trim().split("\n");
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(itemSchema.safeParse(JSON.parse(line)).success).toBe(true);
    await expect(run("npm", ["run", "--silent", "tributary", "--", "parse"])).rejects.toMatchObject({ code: 2 });
  });
});
