// The redacted text and its redactions as one value: placeholders in the redacted text mapped to what they replaced.
// Between two redactions the redacted and the raw text are the same characters, so offsets map by a running shift.
import type { StoredRedaction } from "../storage/database";

export interface RedactedText {
  text: string;
  /** In order of `start`, never overlapping; `rawStart`/`rawEnd` are offsets into the raw text. */
  redactions: StoredRedaction[];
}

export interface Replacement {
  /** Offsets into the raw text. */
  start: number;
  end: number;
  type: string;
  replacement: string;
}

/** Applies replacements (in order, not overlapping) to a raw text. */
export function applyReplacements(raw: string, replacements: readonly Replacement[]): RedactedText {
  const parts: string[] = [];
  const redactions: StoredRedaction[] = [];
  let rawAt = 0;
  let length = 0;
  for (const { start, end, type, replacement } of replacements) {
    const kept = raw.slice(rawAt, start);
    parts.push(kept, replacement);
    length += kept.length;
    redactions.push({ start: length, end: length + replacement.length, type, rawStart: start, rawEnd: end });
    length += replacement.length;
    rawAt = end;
  }
  parts.push(raw.slice(rawAt));
  return { text: parts.join(""), redactions };
}

/** The raw offset of a redacted-text position that lies outside every redaction (or on its edge). */
function rawPosition(redactions: readonly StoredRedaction[], position: number): number | undefined {
  let shift = 0;
  for (const redaction of redactions) {
    if (redaction.end > position) break;
    if (redaction.rawStart === undefined || redaction.rawEnd === undefined) return undefined;
    shift += redaction.end - redaction.start - (redaction.rawEnd - redaction.rawStart);
  }
  return position - shift;
}

/**
 * Replaces [start, end) of the redacted text by a placeholder of `type`. Redactions the range overlaps are absorbed:
 * the new one covers them whole, and what it replaced in the raw text spans from the first to the last.
 */
export function redactRange(
  current: RedactedText,
  start: number,
  end: number,
  type: string,
  replacement = `[${type}]`,
): RedactedText {
  let from = Math.max(0, Math.min(start, current.text.length));
  let to = Math.max(from, Math.min(end, current.text.length));
  const before: StoredRedaction[] = [];
  const after: StoredRedaction[] = [];
  for (const redaction of current.redactions) {
    if (redaction.end <= from) before.push(redaction);
    else if (redaction.start >= to) after.push(redaction);
    else {
      from = Math.min(from, redaction.start);
      to = Math.max(to, redaction.end);
    }
  }
  const rawStart = rawPosition(current.redactions, from);
  const rawEnd = rawPosition(current.redactions, to);
  const shift = replacement.length - (to - from);
  const added: StoredRedaction =
    rawStart === undefined || rawEnd === undefined
      ? { start: from, end: from + replacement.length, type }
      : { start: from, end: from + replacement.length, type, rawStart, rawEnd };
  return {
    text: current.text.slice(0, from) + replacement + current.text.slice(to),
    redactions: [...before, added, ...after.map((r) => ({ ...r, start: r.start + shift, end: r.end + shift }))],
  };
}

/** Puts back what one redaction replaced, from the raw text; undefined when that is no longer known. */
export function restoreRedaction(
  current: RedactedText,
  index: number,
  raw: string | undefined,
): RedactedText | undefined {
  const redaction = current.redactions[index];
  if (redaction === undefined || raw === undefined) return undefined;
  const { rawStart, rawEnd } = redaction;
  if (rawStart === undefined || rawEnd === undefined || rawEnd > raw.length || rawStart > rawEnd) return undefined;
  const original = raw.slice(rawStart, rawEnd);
  const shift = original.length - (redaction.end - redaction.start);
  return {
    text: current.text.slice(0, redaction.start) + original + current.text.slice(redaction.end),
    redactions: current.redactions
      .filter((_, at) => at !== index)
      .map((r) => (r.start >= redaction.end ? { ...r, start: r.start + shift, end: r.end + shift } : r)),
  };
}

/** Cuts a redacted text to at most `limit` characters without cutting through a placeholder. */
export function truncateRedacted(current: RedactedText, limit: number): RedactedText {
  if (current.text.length <= limit) return current;
  let cut = limit;
  for (const redaction of current.redactions) if (redaction.start < cut && redaction.end > cut) cut = redaction.start;
  return { text: current.text.slice(0, cut), redactions: current.redactions.filter((r) => r.end <= cut) };
}
