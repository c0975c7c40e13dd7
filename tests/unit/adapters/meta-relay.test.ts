import { describe, expect, it } from "vitest";
import { metaJson, preloadedAnswers } from "../../../extension/adapters/meta-relay";

/** A ScheduledServerJS payload whose RelayPrefetchedStreamCache holds `result` for `query`. */
function relayPayload(query: string, result: unknown): string {
  return JSON.stringify({
    require: [
      [
        "ScheduledServerJS",
        "handle",
        null,
        [
          {
            __bbox: {
              require: [["RelayPrefetchedStreamCache", "next", [], [query, { __bbox: { complete: true, result } }]]],
            },
          },
        ],
      ],
    ],
  });
}

const FEED = { data: { feedData: { edges: [{ node: { id: "1" } }] } }, extensions: { is_final: true } };

describe("reading the GraphQL answers a Meta page preloads", () => {
  it("finds each answer of the data-sjs JSON scripts, named by its preloader query, in page order", () => {
    const html = [
      "<html><head>",
      `<script type="application/json" data-content-len="10" data-sjs>${relayPayload("adp_FeedQuery_1", FEED)}</script>`,
      '<script type="application/json" data-sjs>{"require":[["ServerJSDefine","handleDefines",[],[]]]}</script>',
      `</head><body><script type="application/json" data-sjs>${relayPayload("adp_ProfileQuery_2", { data: { user: { pk: "7" } } })}</script>`,
      "</body></html>",
    ].join("\n");
    expect(preloadedAnswers(html)).toEqual([
      { query: "adp_FeedQuery_1", body: FEED },
      { query: "adp_ProfileQuery_2", body: { data: { user: { pk: "7" } } } },
    ]);
  });

  it("reads the older inline form, where the payload is an argument inside a script", () => {
    const html = `<script>requireLazy(["ServerJS"],function(S){(new S()).handle(${relayPayload("adp_Old_0", FEED)});});</script>`;
    expect(preloadedAnswers(html)).toEqual([{ query: "adp_Old_0", body: FEED }]);
  });

  it("reads an answer kept as a JSON string in `result.response`", () => {
    const payload = JSON.stringify({
      require: [
        [
          "PolarisQueryPreloaderCache",
          "add",
          [],
          ["explore_grid", { __bbox: { result: { response: JSON.stringify(FEED) } } }],
        ],
      ],
    });
    expect(preloadedAnswers(`<script type="application/json" data-sjs>${payload}</script>`)).toEqual([
      { query: "explore_grid", body: FEED },
    ]);
  });

  it("skips broken JSON, answers without data and scripts of no interest, and stops at truncated markup", () => {
    const broken = `<script type="application/json" data-sjs>{"require":[["__bbox","result"</script>`;
    const noData = `<script type="application/json">${relayPayload("q", { errors: [{ message: "x" }] })}</script>`;
    const badResponse = `<script type="application/json">${relayPayload("q", { response: "{not json" })}</script>`;
    const truncated = `<script type="application/json" data-sjs>${relayPayload("adp_Cut", FEED).slice(0, 80)}`;
    expect(preloadedAnswers(`${broken}${noData}${badResponse}<p>text</p>${truncated}`)).toEqual([]);
    expect(preloadedAnswers("<script")).toEqual([]);
    expect(preloadedAnswers("")).toEqual([]);
  });
});

describe("reading a Meta API body", () => {
  it("strips the `for (;;);` guard and parses the rest", () => {
    expect(metaJson('for (;;);{"items":[]}')).toEqual({ items: [] });
    expect(metaJson('  {"a":1}')).toEqual({ a: 1 });
  });

  it("passes parsed bodies through and answers undefined for text that is no JSON", () => {
    const body = { data: {} };
    expect(metaJson(body)).toBe(body);
    expect(metaJson("for (;;);<html>")).toBeUndefined();
  });
});
