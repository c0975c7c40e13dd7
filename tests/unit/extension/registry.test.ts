import { describe, expect, it } from "vitest";
import { CAPTURED_PLATFORMS } from "../../../extension/adapters/page-hosts";
import { adapterForPage, adapterForResponse, adapters } from "../../../extension/adapters/registry";
import { CAPTURE_PAGE_MATCHES } from "../../../extension/capture/sites";

describe("adapter registry", () => {
  it("finds the adapter for each platform's API responses, by URL only", () => {
    expect(adapterForResponse("https://x.com/i/api/graphql/abc/HomeTimeline?variables=%7B%7D")?.platform).toBe("x");
    expect(adapterForResponse("https://www.reddit.com/r/rust/hot.json")?.platform).toBe("reddit");
    expect(adapterForResponse("https://public.api.bsky.app/xrpc/app.bsky.feed.getTimeline")?.platform).toBe("bluesky");
    expect(adapterForResponse("https://x.com/i/api/graphql/abc/DMInboxTimeline")).toBeUndefined();
    expect(adapterForResponse("https://example.com/feed.json")).toBeUndefined();
    expect(adapterForResponse("not a url")).toBeUndefined();
  });

  it("finds the adapter for pages that embed their first screen", () => {
    expect(adapterForPage("https://x.com/home")?.platform).toBe("x");
    expect(adapterForPage("https://www.reddit.com/r/rust/")?.platform).toBe("reddit");
    expect(adapterForPage("https://bsky.app/profile/someone")?.platform).toBe("bluesky");
    expect(adapterForPage("https://example.com/")).toBeUndefined();
  });

  it("lists one adapter per platform, each with a page the capture scripts run on", () => {
    const platforms = adapters.map((adapter) => adapter.platform);
    // The pages list the captured platforms from a light copy of this list: it must say the same.
    expect([...CAPTURED_PLATFORMS]).toEqual(platforms);
    expect(new Set(platforms).size).toBe(platforms.length);
    const hosts = CAPTURE_PAGE_MATCHES.map((pattern) => new URL(pattern.replace("*", "")).hostname);
    for (const platform of platforms) {
      expect(hosts.some((host) => adapterForPage(`https://${host}/`)?.platform === platform)).toBe(true);
    }
  });
});

describe("Mastodon servers the user adds", () => {
  it("reads a server's host name from what a person would type", async () => {
    const { instanceHost } = await import("../../../extension/capture/instance-scripts");
    expect(instanceHost("mastodon.social")).toBe("mastodon.social");
    expect(instanceHost(" https://Fosstodon.org/about ")).toBe("fosstodon.org");
    expect(instanceHost("@someone@hachyderm.io")).toBe("hachyderm.io");
    expect(instanceHost("not a host")).toBeUndefined();
    expect(instanceHost("localhost")).toBeUndefined();
    expect(instanceHost("javascript:alert(1)")).toBeUndefined();
  });
});
