// Builds valid items for tests that are about the pipeline, not about a platform's format.
import type { Item } from "../../shared/item";

export function makeItem(overrides: Partial<Item> = {}): Item {
  const id = overrides.id ?? String(1_800_000_000_000_000_000n + BigInt(Math.floor(Math.random() * 1e12)));
  return {
    platform: "x",
    id,
    url: `https://x.com/someone/status/${id}`,
    kind: "post",
    text: `A post about rivers and deltas, number ${id}.`,
    author: { id: "12", handle: "someone", name: "Some One" },
    createdAt: "2025-01-02T03:04:05.000Z",
    lang: "en",
    media: [],
    metrics: { likes: 1, reposts: 0, replies: 0, views: 10 },
    promoted: false,
    originalId: null,
    replyToId: null,
    source: { endpoint: "/i/api/graphql/HomeTimeline", capturedAt: "2025-01-02T03:05:00.000Z" },
    ...overrides,
  };
}
