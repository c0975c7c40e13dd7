// Ingesting a batch: store its new items, credit the contributor once, and remember the answer for replays.
import type { BatchRequest, BatchResponse, Verdict } from "../../shared/batch";
import { batchResponseSchema } from "../../shared/batch";
import { contentHash } from "../../shared/content-hash";
import type { Item } from "../../shared/item";
import type { Database, Queryable } from "../db/database";
import { refusalReason } from "./item-gate";
import { creditContributor } from "./ledger";
import { textFingerprint } from "./novelty";
import { echoPoints, type ScoringConfig, scoreItemUnder, scoringConfig } from "./scoring";

export type IngestResult =
  | { outcome: "created"; response: BatchResponse }
  /** The batch was already ingested with this very body: the first answer, nothing credited again. */
  | { outcome: "replayed"; response: BatchResponse }
  /** The batch id is taken by a different body or another contributor: nothing was written. */
  | { outcome: "conflict"; reason: string };

interface StoredBatch {
  contributor: string;
  body_hash: string;
  response: unknown;
}

export interface IngestOptions {
  /** The server's clock in epoch ms: picks the UTC day the daily cap counts against. */
  now: number;
  scoring?: ScoringConfig;
}

/**
 * Ingests a validated batch in one transaction. The batch row is written first, so of two concurrent copies of a batch
 * one waits on the other's row and then answers as a replay: a batch is credited at most once.
 */
export async function ingestBatch(
  db: Database,
  contributor: string,
  request: BatchRequest,
  bodyHash: string,
  options: IngestOptions = { now: Date.now() },
): Promise<IngestResult> {
  const address = contributor.toLowerCase();
  const scoring = options.scoring ?? scoringConfig;
  return db.transaction(async (tx) => {
    const inserted = await tx.query<{ id: string }>(
      `insert into batches (id, contributor, body_hash) values ($1, $2, $3)
       on conflict (id) do nothing returning id`,
      [request.batchId, address, bodyHash],
    );
    if (inserted.length === 0) return answerKnownBatch(tx, request.batchId, address, bodyHash);

    await tx.query("insert into contributors (address) values ($1) on conflict (address) do nothing", [address]);
    const response = await storeItems(tx, address, request, utcDay(options.now), scoring);
    const credited = BigInt(response.credited);
    if (credited > 0n) {
      await creditContributor(tx, { transferId: `batch:${request.batchId}`, address, amount: credited });
    }
    await tx.query("update batches set response = $2::jsonb where id = $1", [
      request.batchId,
      JSON.stringify(response),
    ]);
    return { outcome: "created", response };
  });
}

function utcDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

async function answerKnownBatch(
  tx: Queryable,
  batchId: string,
  address: string,
  bodyHash: string,
): Promise<IngestResult> {
  const [stored] = await tx.query<StoredBatch>("select contributor, body_hash, response from batches where id = $1", [
    batchId,
  ]);
  if (!stored) throw new Error(`batch ${batchId} conflicted but cannot be read`);
  if (stored.contributor !== address) {
    return { outcome: "conflict", reason: "this batch id was already used by another contributor" };
  }
  if (stored.body_hash !== bodyHash) {
    return { outcome: "conflict", reason: "this batch id was already used for a different body" };
  }
  // The row is only visible once its transaction committed, with its response: a stored answer always parses.
  return { outcome: "replayed", response: batchResponseSchema.parse(stored.response) };
}

interface ScoredItem {
  hash: string;
  item: Item;
  fingerprint: string | null;
  /** Before the daily cap. */
  points: bigint;
  note?: string;
}

const ECHO_NOTE = "its text was already sent under another id, so it earns less";
const CAP_NOTE = "the daily cap was reached, so it earns less or nothing today";

/** Locks the contributor's row for the day and returns what they may still earn today. */
async function remainingToday(tx: Queryable, address: string, day: string, scoring: ScoringConfig): Promise<bigint> {
  await tx.query(
    "insert into contributor_days (address, day) values ($1, $2::date) on conflict (address, day) do nothing",
    [address, day],
  );
  const [row] = await tx.query<{ credited: string }>(
    "select credited::text as credited from contributor_days where address = $1 and day = $2::date for update",
    [address, day],
  );
  const remaining = scoring.dailyCap - BigInt(row?.credited ?? "0");
  return remaining > 0n ? remaining : 0n;
}

/** The first copy of each storable item, in request order, scored with novelty (before the daily cap). */
async function scoreCandidates(
  tx: Queryable,
  request: BatchRequest,
  hashes: string[],
  refusals: (string | undefined)[],
  scoring: ScoringConfig,
): Promise<Map<string, ScoredItem>> {
  const firstCopies = new Map<string, ScoredItem>();
  request.items.forEach((item, index) => {
    const hash = hashes[index]!;
    if (refusals[index] === undefined && !firstCopies.has(hash)) {
      const fingerprint = textFingerprint(item.text, scoring.novelty.minimumCharacters);
      firstCopies.set(hash, { hash, item, fingerprint, points: scoreItemUnder(item, scoring) });
    }
  });
  const fingerprints = [...new Set([...firstCopies.values()].flatMap((c) => (c.fingerprint ? [c.fingerprint] : [])))];
  const stored =
    fingerprints.length === 0
      ? []
      : await tx.query<{ text_fingerprint: string }>(
          "select distinct text_fingerprint from items where text_fingerprint = any($1::text[])",
          [fingerprints],
        );
  const seen = new Set(stored.map((row) => row.text_fingerprint));
  for (const candidate of firstCopies.values()) {
    if (candidate.fingerprint === null) continue;
    if (seen.has(candidate.fingerprint)) {
      candidate.points = echoPoints(candidate.points, scoring);
      candidate.note = ECHO_NOTE;
    }
    seen.add(candidate.fingerprint);
  }
  return firstCopies;
}

/** Inserts the batch's items not seen before and returns the verdicts, one per item in the request's order. */
async function storeItems(
  tx: Queryable,
  address: string,
  request: BatchRequest,
  day: string,
  scoring: ScoringConfig,
): Promise<BatchResponse> {
  const hashes = request.items.map((item) => contentHash(item));
  const refusals = request.items.map(refusalReason);
  const firstCopies = await scoreCandidates(tx, request, hashes, refusals, scoring);
  // Locked before any item, so a contributor's concurrent batches take turns on the cap in one lock order.
  let remaining = await remainingToday(tx, address, day, scoring);
  // Inserting in hash order makes concurrent batches that share items lock them in the same order: no deadlock.
  const candidates = [...firstCopies.values()].sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
  // First contributor wins: a content hash already stored by anyone is a duplicate.
  const rows = await tx.query<{ content_hash: string }>(
    `insert into items (content_hash, platform, native_id, contributor, batch_id, item, points, text_fingerprint)
     select t.content_hash, t.platform, t.native_id, $1, $2, t.item, t.points, t.fingerprint
     from unnest($3::text[], $4::text[], $5::text[], $6::jsonb[], $7::numeric[], $8::text[])
       with ordinality as t (content_hash, platform, native_id, item, points, fingerprint, position)
     order by t.position
     on conflict (content_hash) do nothing
     returning content_hash`,
    [
      address,
      request.batchId,
      candidates.map((c) => c.hash),
      candidates.map((c) => c.item.platform),
      candidates.map((c) => c.item.id),
      candidates.map((c) => JSON.stringify(c.item)),
      candidates.map((c) => c.points.toString()),
      candidates.map((c) => c.fingerprint),
    ],
  );
  const accepted = new Set(rows.map((row) => row.content_hash));

  // The daily cap, in request order: the first items of the day earn in full, the rest as much as is left.
  const capped: ScoredItem[] = [];
  for (const candidate of firstCopies.values()) {
    if (!accepted.has(candidate.hash)) continue;
    if (candidate.points > remaining) {
      candidate.points = remaining;
      candidate.note = CAP_NOTE;
      capped.push(candidate);
    }
    remaining -= candidate.points;
  }
  if (capped.length > 0) {
    await tx.query(
      `update items set points = t.points from unnest($1::text[], $2::numeric[]) as t (content_hash, points)
       where items.content_hash = t.content_hash`,
      [capped.map((c) => c.hash), capped.map((c) => c.points.toString())],
    );
  }

  let credited = 0n;
  const answered = new Set<string>();
  const verdicts = hashes.map((hash, index): Verdict => {
    const reason = refusals[index];
    if (reason !== undefined) return { contentHash: hash, status: "refused", reason };
    // Only the first copy of an item within the batch can be the accepted one.
    const isFirstCopy = !answered.has(hash);
    answered.add(hash);
    if (isFirstCopy && accepted.has(hash)) {
      const { points, note } = firstCopies.get(hash)!;
      credited += points;
      return { contentHash: hash, status: "accepted", points: points.toString(), ...(note ? { note } : {}) };
    }
    return { contentHash: hash, status: "duplicate" };
  });
  if (credited > 0n) {
    await tx.query(
      "update contributor_days set credited = credited + $3::numeric where address = $1 and day = $2::date",
      [address, day, credited.toString()],
    );
  }
  return { batchId: request.batchId, contributor: address, verdicts, credited: credited.toString() };
}
