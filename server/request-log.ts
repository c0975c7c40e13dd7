// Access log: one structured line per request (method, path, status, duration), never bodies or headers.
import { createMiddleware } from "hono/factory";
import type { Logger } from "./log";

export function logRequests(log: Logger, now: () => number = performance.now.bind(performance)) {
  return createMiddleware(async (c, next) => {
    const started = now();
    await next();
    log.info("request", {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((now() - started) * 10) / 10,
    });
  });
}
