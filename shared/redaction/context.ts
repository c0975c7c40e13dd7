// Words around a candidate: the cheap signal that separates "call me on 9472 7916" from "9472 7916 views".

/** Whether `pattern` matches the `window` characters before `start` (lowercased). */
export function saysBefore(text: string, start: number, pattern: RegExp, window = 40): boolean {
  return pattern.test(text.slice(Math.max(0, start - window), start).toLowerCase());
}

/** Whether `pattern` matches the `window` characters after `end` (lowercased). */
export function saysAfter(text: string, end: number, pattern: RegExp, window = 24): boolean {
  return pattern.test(text.slice(end, end + window).toLowerCase());
}
