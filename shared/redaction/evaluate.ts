// Scoring redaction against a labeled corpus: per-type recall and precision with span-overlap matching.
import type { PiiSpan, PiiType } from "./types";

/** A labeled span; `type: null` marks labeled data that is not a redaction target (a date, an organisation, …). */
export interface ExpectedSpan {
  start: number;
  end: number;
  type: PiiType | null;
}

export interface LabeledText {
  text: string;
  spans: readonly ExpectedSpan[];
  /** The target types this record's source labels; predictions of other types are not scored on it. */
  labeledTypes: readonly PiiType[];
}

export interface TypeScore {
  /** Expected spans of the type, and how many of them a predicted span of the same type overlaps. */
  expected: number;
  found: number;
  /** Predicted spans of the type, and how many overlap an expected span of the same type or a non-target label. */
  predicted: number;
  correct: number;
  recall: number;
  precision: number;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

/**
 * Matching is by overlap, per type: an expected span counts as found when any predicted span of its type shares a code
 * unit with it (so one predicted address covering a label split in four finds all four); a predicted span counts as
 * correct when it overlaps an expected span of its type, or a non-target label (predicting "May 5" as part of
 * something labeled DATE_TIME is not held against precision). Recall and precision are 1 when there is nothing to count.
 */
export function scoreRedaction(
  corpus: readonly LabeledText[],
  predict: (text: string) => readonly PiiSpan[],
): Map<PiiType, TypeScore> {
  const scores = new Map<PiiType, TypeScore>();
  const score = (type: PiiType) => {
    let entry = scores.get(type);
    if (entry === undefined) {
      entry = { expected: 0, found: 0, predicted: 0, correct: 0, recall: 1, precision: 1 };
      scores.set(type, entry);
    }
    return entry;
  };
  for (const record of corpus) {
    const predicted = predict(record.text).filter((span) => record.labeledTypes.includes(span.type));
    for (const expected of record.spans) {
      if (expected.type === null) continue;
      const entry = score(expected.type);
      entry.expected++;
      if (predicted.some((span) => span.type === expected.type && overlaps(span, expected))) entry.found++;
    }
    for (const span of predicted) {
      const entry = score(span.type);
      entry.predicted++;
      if (record.spans.some((e) => (e.type === span.type || e.type === null) && overlaps(span, e))) entry.correct++;
    }
  }
  for (const entry of scores.values()) {
    entry.recall = entry.expected === 0 ? 1 : entry.found / entry.expected;
    entry.precision = entry.predicted === 0 ? 1 : entry.correct / entry.predicted;
  }
  return scores;
}
