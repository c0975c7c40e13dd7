// Every string a person reads goes through the browser's i18n (public/_locales/<lang>/messages.json).
import { browser } from "wxt/browser";
import type messages from "../public/_locales/en/messages.json";

export type MessageName = keyof typeof messages;

/** The message in the browser's language; substitutions fill $1…$9 in order. */
export function t(name: MessageName, ...substitutions: (string | number)[]): string {
  const getMessage = browser.i18n.getMessage as (name: string, substitutions?: string[]) => string;
  return getMessage(name, substitutions.map(String)) || name;
}

const numbers = new Intl.NumberFormat();
export function formatCount(value: number): string {
  return numbers.format(value);
}

// Formatters are costly to build (each loads locale data): one of each, made on first use.
let relativeFormat: Intl.RelativeTimeFormat | undefined;
let dateFormat: Intl.DateTimeFormat | undefined;

/** "3 min ago", "yesterday", or a date, in the browser's language. */
export function formatWhen(epochMs: number, now = Date.now()): string {
  relativeFormat ??= new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  const seconds = Math.round((epochMs - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return relativeFormat.format(seconds, "second");
  if (abs < 3600) return relativeFormat.format(Math.round(seconds / 60), "minute");
  if (abs < 86_400) return relativeFormat.format(Math.round(seconds / 3600), "hour");
  if (abs < 7 * 86_400) return relativeFormat.format(Math.round(seconds / 86_400), "day");
  dateFormat ??= new Intl.DateTimeFormat();
  return dateFormat.format(epochMs);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}
