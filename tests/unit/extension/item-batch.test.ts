import { describe, expect, it } from "vitest";
import { createItemBatcher, MAX_ITEMS_PER_MESSAGE } from "../../../extension/capture/item-batch";
import type { CapturedItemsMessage, UnparsedResponseMessage } from "../../../extension/messages";
import type { Item } from "../../../shared/item";
import { fixtureItems } from "./fixture-items";

type Sent = CapturedItemsMessage | UnparsedResponseMessage;

function batcherWithClock() {
  const sent: Sent[] = [];
  const timers: (() => void)[] = [];
  const batcher = createItemBatcher(
    (message) => sent.push(message),
    (flush) => timers.push(flush),
  );
  const tick = () => {
    for (const flush of timers.splice(0)) flush();
  };
  return { batcher, sent, timers, tick };
}

const items = fixtureItems();
const byPlatform = (platform: Item["platform"]) => items.filter((item) => item.platform === platform);
const ids = (message: Sent | undefined) => (message as CapturedItemsMessage).items.map((item) => item.id);

describe("sending a tab's captured items in batches", () => {
  it("sends the items of several responses in one message per platform once the delay is over", () => {
    const x = byPlatform("x");
    const reddit = byPlatform("reddit");
    expect(x.length).toBeGreaterThan(4);
    const { batcher, sent, timers, tick } = batcherWithClock();
    batcher.send({ type: "captured-items", platform: "x", items: x.slice(0, 3) });
    batcher.send({ type: "captured-items", platform: "reddit", items: reddit });
    batcher.send({ type: "captured-items", platform: "x", items: x.slice(3) });
    expect(sent).toEqual([]);
    expect(timers).toHaveLength(1);
    tick();
    expect(sent.map((message) => message.type === "captured-items" && message.platform)).toEqual(["x", "reddit"]);
    expect(ids(sent[0])).toEqual([...new Set(x.map((item) => item.id))]);
    expect(ids(sent[1])).toEqual([...new Set(reddit.map((item) => item.id))]);
    tick();
    expect(sent).toHaveLength(2);
  });

  it("sends a post seen twice within the delay once, as first seen", () => {
    const [first, second] = byPlatform("mastodon");
    const { batcher, sent, tick } = batcherWithClock();
    batcher.send({ type: "captured-items", platform: "mastodon", items: [first!, second!] });
    const edited = { ...first!, text: `${first!.text} (seen again)` };
    batcher.send({ type: "captured-items", platform: "mastodon", items: [edited] });
    tick();
    expect((sent[0] as CapturedItemsMessage).items).toEqual([first, second]);
  });

  it("passes drift counts on at once, and items waiting are not lost when flushed early", () => {
    const { batcher, sent } = batcherWithClock();
    const bluesky = byPlatform("bluesky");
    batcher.send({ type: "captured-items", platform: "bluesky", items: bluesky });
    const unparsed: UnparsedResponseMessage = {
      type: "unparsed-response",
      platform: "x",
      endpoint: "/i/api/graphql/q/HomeTimeline",
      keys: ["errors"],
    };
    batcher.send(unparsed);
    expect(sent).toEqual([unparsed]);
    batcher.flush();
    expect(ids(sent[1])).toEqual([...new Set(bluesky.map((item) => item.id))]);
  });

  it("never puts more items in one message than the background accepts", () => {
    const template = byPlatform("x")[0]!;
    const many = Array.from({ length: MAX_ITEMS_PER_MESSAGE + 10 }, (_, i) => ({ ...template, id: `${i + 1}` }));
    const { batcher, sent, tick } = batcherWithClock();
    batcher.send({ type: "captured-items", platform: "x", items: many });
    expect(sent).toHaveLength(1);
    tick();
    expect(sent.map((message) => (message as CapturedItemsMessage).items.length)).toEqual([MAX_ITEMS_PER_MESSAGE, 10]);
  });
});
