// CORS: which web origins may call the server from a browser (the extension's pages), by exact origin or pattern.
import { cors } from "hono/cors";
import { AUTH_HEADERS } from "../shared/request-auth";

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}

/** `chrome-extension://*` → matches any chrome-extension origin; `*` stands for one or more characters but `/`. */
export function originMatcher(patterns: readonly string[]): (origin: string) => boolean {
  const expressions = patterns.map(
    (pattern) => new RegExp(`^${pattern.split("*").map(escapeRegExp).join("[^/]+")}$`, "i"),
  );
  return (origin) => origin.length > 0 && expressions.some((expression) => expression.test(origin));
}

export function corsForOrigins(patterns: readonly string[]) {
  const allowed = originMatcher(patterns);
  return cors({
    origin: (origin) => (allowed(origin) ? origin : null),
    allowMethods: ["GET", "POST", "PUT", "OPTIONS"],
    allowHeaders: ["content-type", ...Object.values(AUTH_HEADERS)],
    maxAge: 600,
  });
}
