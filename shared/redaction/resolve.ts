// The resolver: among overlapping candidates the most specific type wins, then the longest, then the earliest.
import type { Candidate, PiiSpan, PiiType } from "./types";

// Checksummed and strictly shaped types first; heuristic ones (names, addresses) last.
const SPECIFICITY: Record<PiiType, number> = {
  CRYPTO_ADDRESS: 10,
  IBAN: 9,
  CREDIT_CARD: 8,
  NATIONAL_ID: 7,
  EMAIL: 6,
  IP_ADDRESS: 5,
  URL: 4,
  HANDLE: 3,
  PHONE: 2,
  STREET_ADDRESS: 1,
  PERSON: 0,
};

const TRUNCATABLE: ReadonlySet<PiiType> = new Set(["STREET_ADDRESS", "PERSON"]);

/** Up to this many candidates (most posts), kept spans are compared pairwise instead of marking taken positions. */
const SMALL = 8;

function outranks(a: Candidate, b: Candidate): number {
  return SPECIFICITY[b.type] - SPECIFICITY[a.type] || b.end - b.start - (a.end - a.start) || a.start - b.start;
}

/** `resolveOverlaps` for a few candidates: the same choices, without the per-position table. */
function resolveFew(candidates: readonly Candidate[]): PiiSpan[] {
  const ranked = candidates.filter((c) => c.end > c.start).sort(outranks);
  const kept: PiiSpan[] = [];
  for (const candidate of ranked) {
    // The first position from the candidate's start that a kept span takes (or its end when none does).
    let end = candidate.end;
    for (const span of kept) {
      if (span.end > candidate.start && span.start < end) end = Math.max(span.start, candidate.start);
    }
    if (end < candidate.end && !(TRUNCATABLE.has(candidate.type) && end - candidate.start >= 4)) continue;
    if (end === candidate.start) continue;
    kept.push({ start: candidate.start, end, type: candidate.type });
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Non-overlapping spans in text order; `length` is the length of the text the candidates point into. */
export function resolveOverlaps(candidates: readonly Candidate[], length: number): PiiSpan[] {
  if (candidates.length === 0) return [];
  if (candidates.length === 1) {
    const only = candidates[0]!;
    return only.end > only.start ? [{ start: only.start, end: only.end, type: only.type }] : [];
  }
  if (candidates.length <= SMALL) return resolveFew(candidates);
  const ranked = candidates.filter((c) => c.end > c.start).sort(outranks);
  const kept: PiiSpan[] = [];
  // Taken positions, so each check costs the candidate's length rather than the number of spans kept.
  const taken = new Uint8Array(length);
  for (const candidate of ranked) {
    let end = candidate.start;
    while (end < candidate.end && taken[end] === 0) end++;
    // A heuristic span whose tail runs into a stronger one keeps its head ("… Hungary 34796" before a phone line).
    if (end < candidate.end && !(TRUNCATABLE.has(candidate.type) && end - candidate.start >= 4)) continue;
    if (end === candidate.start) continue;
    taken.fill(1, candidate.start, end);
    kept.push({ start: candidate.start, end, type: candidate.type });
  }
  return kept.sort((a, b) => a.start - b.start);
}
