// The page-side hook on Node's own fetch Response (the same WHATWG classes the browser has): the page's reads are
// untouched, and what it read is captured once.
import { beforeAll, describe, expect, it } from "vitest";
import { type CapturedResponse, installResponseHook } from "../../../extension/capture/response-hook";

const API = "https://x.com/i/api/graphql/q/HomeTimeline";
const BODY = JSON.stringify({ data: { home: { entries: [1, 2, 3] } } });

const captured: CapturedResponse[] = [];
let failEmit = false;
let served: { status: number; body: string } = { status: 200, body: BODY };

type PageWindow = Parameters<typeof installResponseHook>[0];
const page = {
  location: { href: "https://x.com/home" },
  URL,
  Request,
  Response,
  fetch: async (input: string) => {
    const response = new Response(served.body, { status: served.status });
    Object.defineProperty(response, "url", { value: new URL(input, "https://x.com/home").href });
    return response;
  },
} as unknown as PageWindow;

beforeAll(() => {
  installResponseHook(page, {
    shouldCapture: (url) => url.includes("/i/api/graphql/"),
    enabled: () => true,
    emit: (response) => {
      if (failEmit) throw new Error("the extension failed");
      captured.push(response);
    },
    maxBodyChars: 1000,
  });
});

async function fetchAndRead<T>(read: (response: Response) => Promise<T>, url = API): Promise<T> {
  captured.length = 0;
  const response = await page.fetch(url);
  return read(response);
}

describe("the page-side response hook", () => {
  it("hands over the value the page's own json() parsed, before the page gets it, once", async () => {
    let seenFirst: unknown;
    const value = await fetchAndRead(async (response) => {
      const parsed = await response.json();
      seenFirst = captured.length;
      return parsed;
    });
    expect(value).toEqual(JSON.parse(BODY));
    expect(seenFirst).toBe(1);
    expect(captured).toEqual([{ url: API, value: JSON.parse(BODY) }]);
  });

  it("hands over the text of a body the page reads as text, an array buffer or a blob", async () => {
    expect(await fetchAndRead((response) => response.text())).toBe(BODY);
    expect(captured).toEqual([{ url: API, body: BODY }]);
    const buffer = await fetchAndRead((response) => response.arrayBuffer());
    expect(new TextDecoder().decode(buffer)).toBe(BODY);
    expect(captured).toEqual([{ url: API, body: BODY }]);
    const blob = await fetchAndRead((response) => response.blob());
    expect(await blob.text()).toBe(BODY);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(captured).toEqual([{ url: API, body: BODY }]);
  });

  it("takes a copy when the page reads the body stream itself, and the page still reads all of it", async () => {
    const text = await fetchAndRead(async (response) => {
      const reader = response.body!.getReader();
      const chunks: Uint8Array[] = [];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
      }
      return Buffer.concat(chunks).toString("utf8");
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(text).toBe(BODY);
    expect(captured).toEqual([{ url: API, body: BODY }]);
  });

  it("captures a response read twice (itself and a clone) once", async () => {
    const both = await fetchAndRead(async (response) => {
      const copy = response.clone();
      return [await copy.json(), await response.text()];
    });
    expect(both).toEqual([JSON.parse(BODY), BODY]);
    expect(captured).toHaveLength(1);
  });

  it("leaves a body that is not JSON failing in the page as it would, and says so", async () => {
    served = { status: 200, body: "<html>oops</html>" };
    try {
      const outcome = await fetchAndRead((response) =>
        response.json().then(
          () => "parsed",
          (e: Error) => e.name,
        ),
      );
      expect(outcome).toBe("SyntaxError");
      expect(captured).toEqual([{ url: API, invalidJson: true }]);
    } finally {
      served = { status: 200, body: BODY };
    }
  });

  it("copies nothing from other addresses, failed responses or bodies over the limit", async () => {
    await fetchAndRead((response) => response.json(), "https://x.com/i/other");
    expect(captured).toEqual([]);
    served = { status: 500, body: BODY };
    await fetchAndRead((response) => response.text());
    expect(captured).toEqual([]);
    served = { status: 200, body: "x".repeat(2000) };
    await fetchAndRead((response) => response.text());
    expect(captured).toEqual([]);
    served = { status: 200, body: BODY };
  });

  it("gives the page its value even when the extension's side fails", async () => {
    failEmit = true;
    try {
      expect(await fetchAndRead((response) => response.json())).toEqual(JSON.parse(BODY));
      expect(await fetchAndRead((response) => response.text())).toBe(BODY);
    } finally {
      failEmit = false;
    }
  });

  it("leaves responses the page did not fetch through the hook alone", async () => {
    captured.length = 0;
    expect(await new Response(BODY).json()).toEqual(JSON.parse(BODY));
    expect(captured).toEqual([]);
  });
});
