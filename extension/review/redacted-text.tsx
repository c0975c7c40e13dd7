// An item's text as it will be sent, with each redaction highlighted and named by type; always rendered as text.
import type { StoredItem } from "../storage/database";

type Redaction = NonNullable<StoredItem["redactions"]>[number];

/** Spans that lie inside the text, in order, without overlaps (anything else is ignored, never trusted). */
export function usableRedactions(text: string, redactions: unknown): Redaction[] {
  if (!Array.isArray(redactions)) return [];
  const spans = redactions
    .filter(
      (span): span is Redaction =>
        !!span &&
        Number.isInteger(span.start) &&
        Number.isInteger(span.end) &&
        typeof span.type === "string" &&
        span.start >= 0 &&
        span.end > span.start &&
        span.end <= text.length,
    )
    .sort((a, b) => a.start - b.start);
  const kept: Redaction[] = [];
  for (const span of spans) if (kept.length === 0 || span.start >= kept[kept.length - 1]!.end) kept.push(span);
  return kept;
}

export function RedactedText({ text, redactions }: { text: string; redactions: unknown }) {
  const spans = usableRedactions(text, redactions);
  const parts = [];
  let at = 0;
  for (const span of spans) {
    if (span.start > at) parts.push(text.slice(at, span.start));
    parts.push(
      <mark
        key={span.start}
        class={`redaction redaction-${span.type.toLowerCase().replace(/[^a-z_]/g, "")}`}
        title={span.type}
        data-redaction={span.type}
      >
        {text.slice(span.start, span.end)}
      </mark>,
    );
    at = span.end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

/** The distinct redaction types of an item, for the legend. */
export function redactionTypes(text: string, redactions: unknown): string[] {
  return [...new Set(usableRedactions(text, redactions).map((span) => span.type))];
}
