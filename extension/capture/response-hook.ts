// Wraps the page's fetch and XMLHttpRequest to copy matching responses; knows nothing of any platform.
// It must never break or slow the page: every failure is swallowed and counted, the page's own result is untouched.
//
// A fetch response is not copied: the hook takes what the page itself reads from it. `json()` hands over the value the
// page's own parse made (so nothing is read or parsed twice), `text()`, `arrayBuffer()` and `blob()` the body as text;
// a page that reads the body stream itself gets a copy taken (a clone) as it first touches `body`. A response the page
// never reads showed the user nothing, and is not captured. Clones of a watched response share its watch: whichever
// copy the page reads first is captured, once.

/** What a response carried: its text, or the value the page parsed it into (an object the page goes on to use). */
export type CapturedResponse =
  | { url: string; body: string }
  | { url: string; value: unknown }
  | { url: string; invalidJson: true };

export interface ResponseHookOptions {
  shouldCapture(url: string): boolean;
  /** Whether copying is on at all (the isolated world turns it off while capture is off for the site). */
  enabled(): boolean;
  /**
   * Receives each captured response. A parsed `value` is handed over synchronously, before the page's code gets it
   * (so the page cannot have changed it yet): read it at once and keep only what is needed.
   */
  emit(response: CapturedResponse): void;
  maxBodyChars: number;
}

export interface ResponseHookStats {
  captured: number;
  skippedTooLarge: number;
  errors: number;
}

type HookedWindow = Window & typeof globalThis;

/** A fetch response the hook watches, shared with its clones. */
interface Watch {
  url: string;
  taken: boolean;
}

function absoluteUrl(win: HookedWindow, input: unknown): string | undefined {
  try {
    if (typeof input === "string") return new URL(input, win.location.href).href;
    if (input instanceof win.URL) return input.href;
    if (input instanceof win.Request) return input.url;
  } catch {
    return undefined;
  }
  return undefined;
}

type BodyReader = "json" | "text" | "arrayBuffer" | "blob";

export function installResponseHook(win: HookedWindow, options: ResponseHookOptions): ResponseHookStats {
  const stats: ResponseHookStats = { captured: 0, skippedTooLarge: 0, errors: 0 };
  const watched = new WeakMap<object, Watch>();

  const deliverText = (url: string, body: string) => {
    if (body.length > options.maxBodyChars) {
      stats.skippedTooLarge++;
      return;
    }
    stats.captured++;
    options.emit({ url, body });
  };

  const deliver = (response: CapturedResponse) => {
    try {
      if ("body" in response) deliverText(response.url, response.body);
      else {
        stats.captured++;
        options.emit(response);
      }
    } catch {
      stats.errors++;
    }
  };

  const wants = (url: string | undefined): url is string => {
    try {
      return url !== undefined && options.enabled() && options.shouldCapture(url);
    } catch {
      stats.errors++;
      return false;
    }
  };

  /** The watch of a response the page is about to read, claimed (undefined: not watched, or already captured). */
  const claim = (response: unknown): Watch | undefined => {
    const watch = typeof response === "object" && response !== null ? watched.get(response) : undefined;
    if (!watch || watch.taken) return undefined;
    watch.taken = true;
    return watch;
  };

  const ResponseClass = win.Response;
  const responseProto = ResponseClass?.prototype;
  const originalFetch = win.fetch;
  if (typeof originalFetch === "function" && responseProto) {
    const originalClone = responseProto.clone;
    /** What each reader's result is, as a capture (a blob's text is read after). */
    const readers: Record<BodyReader, (watch: Watch, value: unknown) => void> = {
      json: (watch, value) => deliver({ url: watch.url, value }),
      text: (watch, value) => {
        if (typeof value === "string") deliver({ url: watch.url, body: value });
      },
      // Decoded now: the page may hand the buffer on (and detach it) right after.
      arrayBuffer: (watch, value) => {
        if (value instanceof ArrayBuffer) deliver({ url: watch.url, body: new TextDecoder().decode(value) });
      },
      blob: (watch, value) => {
        if (!(value instanceof Blob)) return;
        value.text().then(
          (body) => deliver({ url: watch.url, body }),
          () => stats.errors++,
        );
      },
    };

    for (const name of Object.keys(readers) as BodyReader[]) {
      const original = responseProto[name] as (this: Response) => Promise<unknown>;
      if (typeof original !== "function") continue;
      const wrapped = function (this: Response) {
        const read = original.call(this);
        let watch: Watch | undefined;
        try {
          watch = claim(this);
        } catch {
          stats.errors++;
        }
        if (!watch) return read;
        // The page gets a promise of the same outcome, settled once the copy is taken: a parsed value is read before
        // the page's own code gets it.
        return read.then(
          (value) => {
            try {
              readers[name](watch, value);
            } catch {
              stats.errors++;
            }
            return value;
          },
          (error: unknown) => {
            // A body the page expected to be JSON and is not: counted, so a format change is seen.
            if (name === "json" && (error as { name?: unknown } | null)?.name === "SyntaxError") {
              deliver({ url: watch.url, invalidJson: true });
            }
            throw error;
          },
        );
      };
      Object.defineProperty(wrapped, "name", { value: name });
      Object.defineProperty(responseProto, name, {
        ...Object.getOwnPropertyDescriptor(responseProto, name),
        value: wrapped,
      });
    }

    // A clone shares its original's watch: the first copy read is captured.
    const clone = function (this: Response) {
      const copy = originalClone.call(this);
      try {
        const watch = watched.get(this);
        if (watch) watched.set(copy, watch);
      } catch {
        stats.errors++;
      }
      return copy;
    };
    Object.defineProperty(clone, "name", { value: "clone" });
    Object.defineProperty(responseProto, "clone", {
      ...Object.getOwnPropertyDescriptor(responseProto, "clone"),
      value: clone,
    });

    // A page reading the body stream itself: a clone is taken as it first touches `body`, before the stream is locked.
    const bodyDescriptor = Object.getOwnPropertyDescriptor(responseProto, "body");
    const originalBody = bodyDescriptor?.get;
    if (bodyDescriptor && originalBody) {
      const body = function (this: Response) {
        try {
          if (watched.get(this)?.taken === false && !this.bodyUsed) {
            const watch = claim(this)!;
            const copy = originalClone.call(this);
            copy.text().then(
              (text) => deliver({ url: watch.url, body: text }),
              () => stats.errors++,
            );
          }
        } catch {
          stats.errors++;
        }
        return originalBody.call(this);
      };
      Object.defineProperty(responseProto, "body", { ...bodyDescriptor, get: body });
    }

    const hookedFetch = function (this: unknown, ...args: Parameters<typeof fetch>): Promise<Response> {
      const pending = originalFetch.apply(this, args);
      try {
        const url = absoluteUrl(win, args[0]);
        if (wants(url)) {
          pending.then(
            (response) => {
              try {
                if (response.ok) watched.set(response, { url: response.url || url, taken: false });
              } catch {
                stats.errors++;
              }
            },
            () => undefined,
          );
        }
      } catch {
        stats.errors++;
      }
      return pending;
    };
    Object.defineProperty(hookedFetch, "name", { value: "fetch" });
    win.fetch = hookedFetch as typeof fetch;
  }

  const xhrProto = win.XMLHttpRequest?.prototype;
  if (xhrProto) {
    const requestUrls = new WeakMap<XMLHttpRequest, string>();
    const originalOpen = xhrProto.open;
    const originalSend = xhrProto.send;

    xhrProto.open = function (this: XMLHttpRequest, ...args: unknown[]) {
      try {
        const url = absoluteUrl(win, args[1]);
        if (wants(url)) requestUrls.set(this, url);
        else requestUrls.delete(this);
      } catch {
        stats.errors++;
      }
      return (originalOpen as (...a: unknown[]) => void).apply(this, args);
    } as typeof xhrProto.open;

    xhrProto.send = function (this: XMLHttpRequest, ...args: unknown[]) {
      try {
        const url = requestUrls.get(this);
        if (url !== undefined) {
          this.addEventListener("load", () => {
            try {
              if (this.status < 200 || this.status >= 300) return;
              const response = readXhrBody(this, this.responseURL || url);
              if (response !== undefined) deliver(response);
            } catch {
              stats.errors++;
            }
          });
        }
      } catch {
        stats.errors++;
      }
      return (originalSend as (...a: unknown[]) => void).apply(this, args);
    };
  }

  return stats;
}

function readXhrBody(xhr: XMLHttpRequest, url: string): CapturedResponse | undefined {
  switch (xhr.responseType) {
    case "":
    case "text":
      return { url, body: xhr.responseText };
    case "json":
      // The browser parsed it already; null is what a body that is not JSON becomes.
      return xhr.response === null ? { url, invalidJson: true } : { url, value: xhr.response };
    case "arraybuffer":
      return xhr.response instanceof ArrayBuffer ? { url, body: new TextDecoder().decode(xhr.response) } : undefined;
    default:
      // Blobs and documents would need async reads or are not API payloads.
      return undefined;
  }
}
