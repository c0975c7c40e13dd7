// A batch's items as the server judges them before it touches the database: content hashes, the PII and storability
// gate, in-batch copies and echoes, full scores; and the verdicts once the database said what it stored.
import type { BatchRequest, Verdict } from "../../shared/batch";
import type { Item } from "../../shared/item";
import { itemContentHash } from "../sha256";
import { refusalReason } from "./item-gate";
import { textFingerprint } from "./novelty";
import { echoPoints, type ScoringConfig, scoreItemUnder } from "./scoring";

export interface Candidate {
  hash: string;
  item: Item;
  fingerprint: string | null;
  /** Full points, before novelty and the daily cap. */
  fullPoints: bigint;
  /** Its text appeared earlier in this batch under another id. */
  echoInBatch: boolean;
  /** What it earns, set once the database said whether it is new and the daily cap was applied. */
  points: bigint;
  note?: string;
}

export interface AssessedBatch {
  hashes: string[];
  refusals: (string | undefined)[];
  /** Per request item: it is the first copy of a storable item (its candidate); refused items and later copies are not. */
  isCandidate: boolean[];
  /** The first copy of each storable item, in request order. */
  candidates: Map<string, Candidate>;
}

export const ECHO_NOTE = "its text was already sent under another id, so it earns less";
export const CAP_NOTE = "the daily cap was reached, so it earns less or nothing today";

/** Hashes, gates and scores every item: no database, so it runs before the batch's statement. */
export function assessItems(request: BatchRequest, scoring: ScoringConfig): AssessedBatch {
  const hashes = request.items.map((item) => itemContentHash(item));
  const refusals = request.items.map(refusalReason);
  const candidates = new Map<string, Candidate>();
  const isCandidate = request.items.map(() => false);
  const fingerprintsSeen = new Set<string>();
  request.items.forEach((item, index) => {
    const hash = hashes[index]!;
    if (refusals[index] !== undefined || candidates.has(hash)) return;
    isCandidate[index] = true;
    const fingerprint = textFingerprint(item.text, scoring.novelty.minimumCharacters);
    const echoInBatch = fingerprint !== null && fingerprintsSeen.has(fingerprint);
    if (fingerprint !== null) fingerprintsSeen.add(fingerprint);
    const fullPoints = scoreItemUnder(item, scoring);
    candidates.set(hash, { hash, item, fingerprint, fullPoints, echoInBatch, points: fullPoints });
  });
  for (const candidate of candidates.values()) {
    candidate.points = candidate.echoInBatch ? echoPoints(candidate.fullPoints, scoring) : candidate.fullPoints;
  }
  return { hashes, refusals, isCandidate, candidates };
}

/** One verdict per item, in the request's order. */
export function verdictsOf({ hashes, refusals, candidates }: AssessedBatch, accepted: Set<string>): Verdict[] {
  const answered = new Set<string>();
  return hashes.map((hash, index): Verdict => {
    const reason = refusals[index];
    if (reason !== undefined) return { contentHash: hash, status: "refused", reason };
    // Only the first copy of an item within the batch can be the accepted one.
    const isFirstCopy = !answered.has(hash);
    answered.add(hash);
    if (isFirstCopy && accepted.has(hash)) {
      const { points, note } = candidates.get(hash)!;
      return { contentHash: hash, status: "accepted", points: points.toString(), ...(note ? { note } : {}) };
    }
    return { contentHash: hash, status: "duplicate" };
  });
}
