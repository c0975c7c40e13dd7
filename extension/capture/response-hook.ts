// Wraps the page's fetch and XMLHttpRequest to copy matching responses; knows nothing of any platform.
// It must never break or slow the page: every failure is swallowed and counted, the page's own result is untouched.

export interface CapturedResponse {
  url: string;
  body: string;
}

export interface ResponseHookOptions {
  shouldCapture(url: string): boolean;
  /** Whether copying is on at all (the isolated world turns it off while capture is off for the site). */
  enabled(): boolean;
  emit(response: CapturedResponse): void;
  maxBodyChars: number;
}

export interface ResponseHookStats {
  captured: number;
  skippedTooLarge: number;
  errors: number;
}

type HookedWindow = Window & typeof globalThis;

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

export function installResponseHook(win: HookedWindow, options: ResponseHookOptions): ResponseHookStats {
  const stats: ResponseHookStats = { captured: 0, skippedTooLarge: 0, errors: 0 };

  const deliver = (url: string, body: string) => {
    if (body.length > options.maxBodyChars) {
      stats.skippedTooLarge++;
      return;
    }
    stats.captured++;
    options.emit({ url, body });
  };

  const wants = (url: string | undefined): url is string => {
    try {
      return url !== undefined && options.enabled() && options.shouldCapture(url);
    } catch {
      stats.errors++;
      return false;
    }
  };

  const originalFetch = win.fetch;
  if (typeof originalFetch === "function") {
    const hookedFetch = function (this: unknown, ...args: Parameters<typeof fetch>): Promise<Response> {
      const pending = originalFetch.apply(this, args);
      try {
        const url = absoluteUrl(win, args[0]);
        if (wants(url)) {
          pending.then(
            (response) => {
              try {
                if (!response.ok) return;
                response
                  .clone()
                  .text()
                  .then((body) => deliver(response.url || url, body))
                  .catch(() => stats.errors++);
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
              const body = readXhrBody(this);
              if (body !== undefined) deliver(this.responseURL || url, body);
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

function readXhrBody(xhr: XMLHttpRequest): string | undefined {
  switch (xhr.responseType) {
    case "":
    case "text":
      return xhr.responseText;
    case "json":
      return xhr.response === null ? undefined : JSON.stringify(xhr.response);
    case "arraybuffer":
      return xhr.response instanceof ArrayBuffer ? new TextDecoder().decode(xhr.response) : undefined;
    default:
      // Blobs and documents would need async reads or are not API payloads.
      return undefined;
  }
}
