import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createPageCapture, type PageCaptureMessage } from "../../../extension/capture/page-capture";
import { readPageCapture } from "../../../extension/messages";

const URL_ = "https://x.com/i/api/graphql/q/HomeTimeline";
const BODY = readFileSync("tests/fixtures/x/derived-home_timeline.json", "utf8");

function capturing() {
  const posted: PageCaptureMessage[] = [];
  const idle: (() => void)[] = [];
  const capture = createPageCapture({
    whenIdle: (task) => idle.push(task),
    send: (message) => posted.push(message),
    pageUrl: () => "https://x.com/home",
  });
  const runIdle = () => {
    while (idle.length > 0) idle.shift()!();
  };
  return { capture, posted, runIdle };
}

const itemIds = (message: PageCaptureMessage | undefined) =>
  message?.type === "captured-items" ? message.items.map((item) => item.id) : [];

describe("the page-side capture", () => {
  it("walks a value the page parsed at once, before the page can change it", () => {
    const { capture, posted } = capturing();
    const value = JSON.parse(BODY) as unknown;
    capture({ url: URL_, value });
    // Whatever the page does to its value afterwards, the items were read before.
    (value as { data?: unknown }).data = null;
    expect(posted).toHaveLength(1);
    expect(itemIds(posted[0]).length).toBeGreaterThan(0);
    expect(posted[0]).toMatchObject({ type: "captured-items", platform: "x" });
  });

  it("reads a text body the same way, when idle", () => {
    const fromValue = capturing();
    fromValue.capture({ url: URL_, value: JSON.parse(BODY) });
    fromValue.runIdle();
    const fromText = capturing();
    fromText.capture({ url: URL_, body: BODY });
    fromText.runIdle();
    expect(itemIds(fromText.posted[0]).sort()).toEqual(itemIds(fromValue.posted[0]).sort());
  });

  it("hands a post over once per page, and again after capture was turned back on", () => {
    const { capture, posted, runIdle } = capturing();
    capture({ url: URL_, body: BODY });
    capture({ url: URL_, value: JSON.parse(BODY) });
    runIdle();
    expect(posted).toHaveLength(1);
    capture.forget();
    capture({ url: URL_, body: BODY });
    runIdle();
    expect(posted).toHaveLength(2);
    expect(itemIds(posted[1])).toEqual(itemIds(posted[0]));
  });

  it("counts a body that is not JSON, or that yields nothing, as unparsed", () => {
    const { capture, posted, runIdle } = capturing();
    capture({ url: URL_, invalidJson: true });
    capture({ url: URL_, body: "<html>maintenance</html>" });
    capture({ url: URL_, value: { data: { unknown: true } } });
    runIdle();
    expect(posted.map((message) => message.type)).toEqual([
      "unparsed-response",
      "unparsed-response",
      "unparsed-response",
    ]);
    expect(posted[0]).toMatchObject({ platform: "x", keys: ["(invalid JSON)"] });
    // The parsed value is read at once, the text when the page is idle.
    expect(posted[1]).toMatchObject({ keys: ["data"] });
  });

  it("ignores responses no adapter matches", () => {
    const { capture, posted, runIdle } = capturing();
    capture({ url: "https://example.com/api", value: JSON.parse(BODY) });
    runIdle();
    expect(posted).toEqual([]);
  });
});

describe("what the background reads from a page's hand-over", () => {
  it("takes a batch of valid items or a drift count, and nothing else", () => {
    const { capture, posted } = capturing();
    capture({ url: URL_, value: JSON.parse(BODY) });
    const text = JSON.stringify(posted[0]);
    expect(readPageCapture(text)).toEqual(posted[0]);
    const counter = { type: "unparsed-response", platform: "x", endpoint: "/i/api/graphql/q/HomeTimeline", keys: [] };
    expect(readPageCapture(JSON.stringify(counter))).toEqual(counter);
    for (const forged of [
      "{not json",
      "null",
      JSON.stringify({ type: "captured-items", platform: "x", items: [{ id: 1 }] }),
      JSON.stringify({ type: "upload-now" }),
      JSON.stringify({ ...(posted[0] as object), extra: true }),
    ]) {
      expect(readPageCapture(forged)).toBeUndefined();
    }
  });
});
