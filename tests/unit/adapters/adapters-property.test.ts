// Every registered adapter, fed random and damaged input: it never throws and every item it returns is a valid Item.
// The inputs are random JSON and strings, and each platform's fixtures with keys dropped, types swapped, huge strings
// and <script> inserted, arrays and text cut short. Runs are bounded (count and input size), so a hang would show as
// this file's timeout.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Adapter, ParseContext } from "../../../extension/adapters/adapter";
import { adapterForPage, adapters } from "../../../extension/adapters/registry";
import { CAPTURE_PAGE_MATCHES } from "../../../extension/capture/sites";
import { type Item, itemSchema, MAX_TEXT_LENGTH } from "../../../shared/item";

const FIXTURES = new URL("../../fixtures/", import.meta.url);

/** Request URLs for fixtures saved as bare bodies (X's), which do not say what they answered. */
const BARE_BODY_URLS = [
  "https://x.com/i/api/graphql/q/HomeTimeline",
  "https://x.com/i/api/graphql/q/TweetDetail",
  "https://x.com/i/api/graphql/q/SearchTimeline",
  "https://x.com/i/api/graphql/q/UserTweets",
];

interface Sample {
  url: string | undefined;
  pageUrl: string | undefined;
  body: unknown;
}

interface Inputs {
  samples: Sample[];
  pages: string[];
  requestUrls: string[];
  pageUrls: string[];
}

function readJson(path: URL): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

/** A platform's fixtures, as request samples and page HTML, plus every URL that leads into its adapter. */
function inputsFor(adapter: Adapter): Inputs {
  const folder = new URL(`${adapter.platform}/`, FIXTURES);
  const files = existsSync(folder) ? readdirSync(folder).sort() : [];
  const samples: Sample[] = [];
  const pages: string[] = [];
  for (const file of files) {
    if (file.endsWith(".html")) pages.push(readFileSync(new URL(file, folder), "utf8"));
    if (!file.endsWith(".json")) continue;
    const saved = readJson(new URL(file, folder));
    const wrapped = saved !== null && typeof saved === "object" && "url" in saved && "body" in saved;
    if (wrapped) {
      const { url, body, pageUrl } = saved as { url: unknown; body: unknown; pageUrl?: unknown };
      samples.push({
        url: typeof url === "string" ? url : undefined,
        pageUrl: typeof pageUrl === "string" ? pageUrl : undefined,
        body,
      });
    } else if (saved !== undefined) {
      samples.push({ url: undefined, pageUrl: undefined, body: saved });
    }
  }
  const candidates = [...BARE_BODY_URLS, ...samples.flatMap((sample) => (sample.url ? [sample.url] : []))];
  const requestUrls = [...new Set(candidates.filter((url) => adapter.matches(url)))];
  const hosts = CAPTURE_PAGE_MATCHES.map((pattern) => pattern.replace("/*", "/"));
  const pageUrls = [
    ...new Set([
      ...hosts.filter((url) => adapterForPage(url) === adapter),
      ...samples.flatMap((sample) => (sample.pageUrl ? [sample.pageUrl] : [])),
    ]),
  ];
  return { samples, pages, requestUrls, pageUrls };
}

/** Fails with the first invalid item, naming what was wrong with it. */
function expectValid(adapter: Adapter, items: Item[]): void {
  expect(Array.isArray(items)).toBe(true);
  for (const item of items) {
    const checked = itemSchema.safeParse(item);
    if (!checked.success) throw new Error(`invalid ${adapter.platform} item: ${checked.error.message.slice(0, 500)}`);
    expect(item.platform).toBe(adapter.platform);
  }
}

// --- damaging a JSON body ------------------------------------------------------------------------------------------

type Key = string | number;
type Json = unknown;

const HUGE = `${"<script>alert('x')</script> ".repeat(8000)}${"a".repeat(300_000)}`;
const SCRIPT = "<script>document.title='owned'</script><img src=x onerror=alert(1)>";
const OPERATIONS = ["drop", "swap", "huge", "script", "cut", "repeat", "null", "all-prose", "all-numbers"] as const;
/** Operations on the whole body at once: damage aimed at one node rarely lands on the very field an adapter reads. */
const WHOLE_BODY: ReadonlySet<Operation> = new Set(["all-prose", "all-numbers"]);
const ODD_NUMBERS = [-1, 1.5, 1e300, -0, Number.MAX_SAFE_INTEGER + 2];
type Operation = (typeof OPERATIONS)[number];

/** Every path in a JSON value (capped), so a damage can be aimed at any node. */
function pathsOf(root: Json, limit = 200_000): Key[][] {
  const paths: Key[][] = [];
  const stack: { value: Json; path: Key[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0 && paths.length < limit) {
    const { value, path } = stack.pop() as { value: Json; path: Key[] };
    paths.push(path);
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) stack.push({ value: value[index], path: [...path, index] });
    } else if (value !== null && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) stack.push({ value: child, path: [...path, key] });
    }
  }
  return paths;
}

function damaged(value: Json, operation: Operation, replacement: Json): Json | typeof DROP {
  switch (operation) {
    case "drop":
      return DROP;
    case "swap":
      // Another type in the same place: a string where an object was, an object where a count was.
      return typeof replacement === typeof value ? [replacement] : replacement;
    case "huge":
      return HUGE;
    case "script":
      return typeof value === "string" ? `${SCRIPT}${value}${SCRIPT}` : SCRIPT;
    case "cut":
      if (Array.isArray(value)) return value.slice(0, Math.floor(value.length / 2));
      if (typeof value === "string") return value.slice(0, Math.floor(value.length / 2));
      return value !== null && typeof value === "object"
        ? Object.fromEntries(Object.entries(value).slice(0, 1))
        : value;
    case "repeat":
      return Array.isArray(value) ? [...value, ...value] : [value, value];
    case "null":
      return null;
    case "all-prose":
    case "all-numbers":
      return value;
  }
}

/** Just past the longest text, name and URL an item may hold. */
const GROWTH = "a".repeat(MAX_TEXT_LENGTH + 1);

/**
 * The body with one in four prose strings (those with a space: texts and names, not ids or URLs) grown past every
 * limit around a <script>, or every number made odd (negative, fractional, huge, unsafe). Growing every string of a
 * megabyte fixture would make each run slow, not more searching.
 */
function changeEverywhere(value: Json, operation: Operation, seed: number): Json {
  if (typeof value === "string") {
    const grows = operation === "all-prose" && seed % 4 === 0 && value.includes(" ");
    return grows ? `${SCRIPT}${value}${GROWTH}` : value;
  }
  if (typeof value === "number") return operation === "all-numbers" ? ODD_NUMBERS[seed % ODD_NUMBERS.length] : value;
  if (Array.isArray(value)) return value.map((child, index) => changeEverywhere(child, operation, seed + index));
  if (value !== null && typeof value === "object") {
    const copy: Record<string, Json> = {};
    let index = 0;
    for (const [key, child] of Object.entries(value)) copy[key] = changeEverywhere(child, operation, seed + index++);
    return copy;
  }
  return value;
}

const DROP = Symbol("drop");

/** The value with one node changed; containers along the path are copied, the rest is shared, the input untouched. */
function changeAt(root: Json, path: Key[], change: (value: Json) => Json | typeof DROP): Json {
  if (path.length === 0) {
    const changed = change(root);
    return changed === DROP ? undefined : changed;
  }
  const [key, ...rest] = path as [Key, ...Key[]];
  if (Array.isArray(root) && typeof key === "number" && key < root.length) {
    const copy = [...root];
    if (rest.length === 0 && change(root[key]) === DROP) copy.splice(key, 1);
    else copy[key] = changeAt(root[key], rest, change);
    return copy;
  }
  if (root !== null && typeof root === "object" && !Array.isArray(root) && typeof key === "string" && key in root) {
    const copy: Record<string, Json> = { ...(root as Record<string, Json>) };
    if (rest.length === 0 && change(copy[key]) === DROP) delete copy[key];
    else copy[key] = changeAt(copy[key], rest, change);
    return copy;
  }
  return root;
}

const pathCache = new Map<Json, Key[][]>();
function cachedPaths(body: Json): Key[][] {
  let paths = pathCache.get(body);
  if (!paths) {
    paths = pathsOf(body);
    pathCache.set(body, paths);
  }
  return paths;
}

const damages = fc.array(
  fc.record({
    target: fc.nat(),
    operation: fc.constantFrom(...OPERATIONS),
    replacement: fc.jsonValue({ maxDepth: 2 }),
  }),
  { minLength: 1, maxLength: 6 },
);

function applyDamages(body: Json, list: { target: number; operation: Operation; replacement: Json }[]): Json {
  const paths = cachedPaths(body);
  let result = body;
  for (const { target, operation, replacement } of list) {
    if (WHOLE_BODY.has(operation)) {
      result = changeEverywhere(result, operation, target);
      continue;
    }
    const path = paths[target % paths.length] as Key[];
    result = changeAt(result, path, (value) => damaged(value, operation, replacement));
  }
  return result;
}

// --- the properties --------------------------------------------------------------------------------------------------

const CONTEXT_TIME = "2026-08-01T12:00:00.000Z";
const contextFor = (pageUrl: string | undefined): ParseContext => ({ capturedAt: CONTEXT_TIME, pageUrl });
const NOWHERE = "https://example.com/nothing";

/** Strings that look like what adapters read: markup, JSON fragments, entities, scripts. */
const pageLikeText = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc
    .array(
      fc.constantFrom(
        "<",
        ">",
        "</",
        '<code id="bpr-guid-1">',
        "</code>",
        "<script>",
        "</script>",
        '<shreddit-post id="t3_x" post-title="a">',
        "&quot;",
        "&amp;",
        '{"data":{},"included":[',
        "]}",
        '"',
        "=",
        " ",
        "window.__INITIAL_STATE__=",
        "ytInitialData = ",
        ";",
      ),
      { maxLength: 60 },
    )
    .map((parts) => parts.join("")),
);

/** URL-ish strings: random text, and the platforms' hosts with random paths, queries and schemes. */
const anyUrl = fc.oneof(
  fc.string({ maxLength: 100 }),
  fc
    .tuple(
      fc.constantFrom("https://", "http://", "javascript:", "//", ""),
      fc.constantFrom(...CAPTURE_PAGE_MATCHES.map((pattern) => new URL(pattern.replace("*", "")).host), "example.com"),
      fc.array(
        fc.constantFrom(
          "/",
          "api",
          "v9",
          "channels",
          "voyager",
          "graphql",
          "123456789012345678",
          "@me",
          "?",
          "=",
          "&",
          "%",
        ),
        {
          maxLength: 12,
        },
      ),
      fc.string({ maxLength: 20 }),
    )
    .map(([scheme, host, parts, tail]) => `${scheme}${host}/${parts.join("")}${tail}`),
);

describe.each(adapters.map((adapter) => [adapter.platform, adapter] as const))("the %s adapter", (_name, adapter) => {
  const inputs = inputsFor(adapter);
  const requestUrl = inputs.requestUrls.length > 0 ? fc.constantFrom(...inputs.requestUrls) : fc.constant(NOWHERE);
  const pageUrl = fc.constantFrom(...inputs.pageUrls, NOWHERE);
  const sampleUrl = (sample: Sample, fallback: string) => sample.url ?? fallback;

  it("turns random JSON into valid items or none, and never throws", () => {
    fc.assert(
      fc.property(requestUrl, pageUrl, fc.jsonValue({ maxDepth: 6 }), (url, page, body) => {
        expectValid(adapter, adapter.parse(url, body, contextFor(page)));
      }),
      { numRuns: 150 },
    );
  });

  it("turns random strings into valid items or none, as a response body and as a page", () => {
    fc.assert(
      fc.property(requestUrl, pageUrl, pageLikeText, (url, page, text) => {
        expectValid(adapter, adapter.parse(url, text, contextFor(page)));
        expectValid(adapter, adapter.parseEmbedded(page, text, contextFor(page)));
      }),
      { numRuns: 150 },
    );
  });

  it("answers any URL string without throwing", () => {
    fc.assert(
      fc.property(anyUrl, (url) => {
        expect(typeof adapter.matches(url)).toBe("boolean");
        expectValid(adapter, adapter.parse(url, {}, contextFor(url)));
        expectValid(adapter, adapter.parseEmbedded(url, "<html></html>", contextFor(url)));
      }),
      { numRuns: 100 },
    );
  });

  it.runIf(inputs.samples.length > 0)("turns its fixtures, damaged, into valid items or none", () => {
    fc.assert(
      fc.property(fc.constantFrom(...inputs.samples), requestUrl, damages, (sample, fallback, list) => {
        const body = applyDamages(sample.body, list);
        expectValid(adapter, adapter.parse(sampleUrl(sample, fallback), body, contextFor(sample.pageUrl)));
      }),
      { numRuns: 60 },
    );
  });

  it.runIf(inputs.pages.length > 0 || inputs.samples.length > 0)(
    "turns its fixtures cut short, as text, into valid items or none",
    () => {
      const texts = [...inputs.pages, ...inputs.samples.map((sample) => JSON.stringify(sample.body))];
      fc.assert(
        fc.property(
          fc.constantFrom(...texts),
          fc.double({ min: 0, max: 1, noNaN: true }),
          pageUrl,
          (text, at, page) => {
            const cut = text.slice(0, Math.floor(text.length * at));
            expectValid(adapter, adapter.parseEmbedded(page, cut, contextFor(page)));
            const url = inputs.requestUrls[0] ?? NOWHERE;
            expectValid(adapter, adapter.parse(url, cut, contextFor(page)));
          },
        ),
        { numRuns: 40 },
      );
    },
  );
});

describe("the property runs", () => {
  it("reach every adapter with a URL it reads, so damaged fixtures get past the first check", () => {
    for (const adapter of adapters) {
      const inputs = inputsFor(adapter);
      if (inputs.samples.length > 0) expect(inputs.requestUrls.length, adapter.platform).toBeGreaterThan(0);
    }
  });
});
