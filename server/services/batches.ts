// Ingesting a batch: store its new items, credit the contributor once, and remember the answer for replays.
import type { BatchRequest, BatchResponse } from "../../shared/batch";
import { batchResponseSchema } from "../../shared/batch";
import { type RequestNonce, recordNonce } from "../auth";
import type { Database, Queryable } from "../db/database";
import { DAILY_CAP_REACHED } from "../db/migrations";
import { type AssessedBatch, assessItems, CAP_NOTE, type Candidate, ECHO_NOTE, verdictsOf } from "./batch-assessment";
import { ONE_STATEMENT, STORE_CAPPED } from "./batch-statements";
import { creditContributor } from "./ledger";
import { echoPoints, type ScoringConfig, scoringConfig } from "./scoring";

export type IngestResult =
  | { outcome: "created"; response: BatchResponse }
  /** The batch was already ingested with this very body: the first answer, nothing credited again. */
  | { outcome: "replayed"; response: BatchResponse }
  /** The batch id is taken by a different body or another contributor: nothing was written. */
  | { outcome: "conflict"; reason: string }
  /** The request's nonce was already recorded (a copy of a request already answered): nothing was written. */
  | { outcome: "nonce_reused" };

interface StoredBatch {
  contributor: string;
  body_hash: string;
  response: unknown;
}

export interface IngestOptions {
  /** The server's clock in epoch ms: picks the UTC day the daily cap counts against. */
  now: number;
  scoring?: ScoringConfig;
  /** The signed request's nonce, recorded by the batch's own statement: one commit for both. */
  nonce?: RequestNonce;
}

/**
 * Ingests a validated batch. The work that needs no database (hashes, the PII gate, scores) is done first; then the
 * batch is ONE statement, atomic on its own (no BEGIN/COMMIT round trips): the request's nonce, the items nobody stored
 * before (dedupe and novelty in one `INSERT … SELECT`), the day's points, the batch row with its answer
 * (the verdicts are built by the database from what it stored) and the ledger's credit.
 *
 * Lock order, the same in both ways of ingesting: nonce, items (in hash order), the contributor's day, the batch row,
 * the ledger. Of two concurrent copies of a batch, the second waits on the first's items or batch row and, once the
 * first committed, fails on the batch row's key: nothing of it is kept, and it answers as a replay (or a conflict).
 * When the day's total passes the cap, the statement fails (nothing kept) and the batch is ingested again in a
 * transaction that caps its points (ingestCapped): only contributors at their cap pay for two attempts.
 */
export async function ingestBatch(
  db: Database,
  contributor: string,
  request: BatchRequest,
  bodyHash: string,
  options: IngestOptions = { now: Date.now() },
): Promise<IngestResult> {
  const address = contributor.toLowerCase();
  if (options.nonce !== undefined && options.nonce.address !== address) {
    throw new Error("the nonce belongs to another contributor");
  }
  const scoring = options.scoring ?? scoringConfig;
  const assessed = assessItems(request, scoring);
  const batch: BatchWrite = {
    address,
    batchId: request.batchId,
    bodyHash,
    day: utcDay(options.now),
    nonce: options.nonce,
  };
  try {
    return await ingestInOneStatement(db, batch, assessed, scoring);
  } catch (error) {
    if (errorCode(error) === DAILY_CAP_REACHED) {
      try {
        return await db.transaction((tx) => ingestCapped(tx, batch, assessed, scoring));
      } catch (cappedError) {
        if (!takenBatchId(cappedError)) throw cappedError;
      }
    } else if (!takenBatchId(error)) {
      throw error;
    }
    // A concurrent copy stored this batch id first and this attempt was rolled back, nonce included.
    if (batch.nonce !== undefined && !(await recordNonce(db, batch.nonce))) return { outcome: "nonce_reused" };
    return answerKnownBatch(db, request.batchId, address, bodyHash);
  }
}

/** What identifies a batch's writes, apart from its items. */
interface BatchWrite {
  address: string;
  batchId: string;
  bodyHash: string;
  /** The UTC day its points count against (yyyy-mm-dd). */
  day: string;
  nonce: RequestNonce | undefined;
}

function utcDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

function errorCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
}

/** The batch row's insert failed on its key: another request stored this batch id first. */
function takenBatchId(error: unknown): boolean {
  if (errorCode(error) !== UNIQUE_VIOLATION) return false;
  const constraint = (error as { constraint?: unknown }).constraint;
  return typeof constraint === "string" && BATCH_KEYS.has(constraint);
}

/** Both unique indexes of batches start with its id (the second serves the items' foreign key). */
const BATCH_KEYS = new Set(["batches_pkey", "batches_id_contributor"]);
const UNIQUE_VIOLATION = "23505";

async function answerKnownBatch(
  db: Queryable,
  batchId: string,
  address: string,
  bodyHash: string,
): Promise<IngestResult> {
  const [stored] = await db.query<StoredBatch>("select contributor, body_hash, response from batches where id = $1", [
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

interface StoredItems {
  /** The content hashes this batch was the first to store. */
  accepted: Set<string>;
  /** The contributor's points for the day with this batch's added (before the cap), when it stored any points. */
  dayCredited?: bigint;
}

/** Parameters $1–$12 of STORE_ITEMS: the candidates in hash order. */
function storeParams(batch: BatchWrite, candidates: Map<string, Candidate>, scoring: ScoringConfig): unknown[] {
  const ordered = [...candidates.values()].sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
  return [
    batch.address,
    batch.batchId,
    ordered.map((c) => c.hash),
    ordered.map((c) => c.item.platform),
    ordered.map((c) => c.item.id),
    // The items as one JSON array, not an array of JSON texts: no array-literal escaping of every quote, fewer bytes.
    JSON.stringify(ordered.map((c) => c.item)),
    ordered.map((c) => c.points.toString()),
    ordered.map((c) => echoPoints(c.fullPoints, scoring).toString()),
    ordered.map((c) => c.fingerprint),
    batch.day,
    batch.nonce?.nonce ?? null,
    batch.nonce?.expiresAt ?? null,
  ];
}

/**
 * The whole batch in one statement: STORE_ITEMS, then one verdict per request item built from what was stored, the
 * batch row with that answer (only within the daily cap: past it, tributary_within_daily_cap fails the statement),
 * and the ledger's credit of what the stored items earn. Answers the stored answer, or why there is none.
 */
async function ingestInOneStatement(
  db: Database,
  batch: BatchWrite,
  assessed: AssessedBatch,
  scoring: ScoringConfig,
): Promise<IngestResult> {
  // One statement: atomic without BEGIN/COMMIT (a database that opens a transaction anyway gives the same outcome).
  const [row] = await db.transaction(
    (tx) =>
      tx.query<{ nonces: number; fresh: number; response: string | null }>(ONE_STATEMENT, [
        ...storeParams(batch, assessed.candidates, scoring),
        assessed.hashes,
        assessed.refusals.map((reason) => reason ?? null),
        assessed.isCandidate,
        assessed.hashes.map((hash, index) => assessed.isCandidate[index] && assessed.candidates.get(hash)!.echoInBatch),
        ECHO_NOTE,
        scoring.dailyCap.toString(),
        batch.bodyHash,
      ]),
    { oneStatement: true },
  );
  if (batch.nonce !== undefined && row?.nonces === 0) return { outcome: "nonce_reused" };
  if (row?.fresh === 0 || !row?.response) return answerKnownBatch(db, batch.batchId, batch.address, batch.bodyHash);
  return { outcome: "created", response: batchResponseSchema.parse(JSON.parse(row.response)) };
}

/**
 * The batch in a transaction, for when its day passes the cap: STORE_ITEMS and the batch row (a concurrent copy that
 * stored this batch id first makes its insert fail: the transaction is rolled back), answering only the exceptions
 * (candidates someone stored first, and echoes) with the day's total; then the cap applied in request order; then the
 * batch's answer and the ledger's credit. Same locks in the same order as ingestInOneStatement.
 */
async function ingestCapped(
  tx: Queryable,
  batch: BatchWrite,
  assessed: AssessedBatch,
  scoring: ScoringConfig,
): Promise<IngestResult> {
  const rows = await tx.query<
    | { kind: "nonce" }
    | { kind: "fresh" }
    | { kind: "item"; content_hash: string; echoed: boolean; stored: boolean }
    | { kind: "day"; day_credited: string }
  >(STORE_CAPPED, [...storeParams(batch, assessed.candidates, scoring), batch.bodyHash]);
  if (batch.nonce !== undefined && !rows.some((row) => row.kind === "nonce")) return { outcome: "nonce_reused" };
  if (!rows.some((row) => row.kind === "fresh"))
    return answerKnownBatch(tx, batch.batchId, batch.address, batch.bodyHash);
  const stored = storedItems(rows, assessed.candidates, scoring);
  const credited = await applyDailyCap(tx, batch.address, batch.day, assessed.candidates, stored, scoring);
  const response: BatchResponse = {
    batchId: batch.batchId,
    contributor: batch.address,
    verdicts: verdictsOf(assessed, stored.accepted),
    credited: credited.toString(),
  };
  await tx.query("update batches set response = $2::jsonb where id = $1", [batch.batchId, JSON.stringify(response)]);
  if (credited > 0n) {
    await creditContributor(tx, { transferId: `batch:${batch.batchId}`, address: batch.address, amount: credited });
  }
  return { outcome: "created", response };
}

/** Which candidates this batch stored, and their points once the echoes in the store are known. */
function storedItems(
  rows: ({ kind: string } & Partial<{
    content_hash: string;
    echoed: boolean;
    stored: boolean;
    day_credited: string;
  }>)[],
  candidates: Map<string, Candidate>,
  scoring: ScoringConfig,
): StoredItems {
  const accepted = new Set(candidates.keys());
  const echoedInStore = new Set<string>();
  let dayCredited: bigint | undefined;
  for (const row of rows) {
    if (row.kind === "day") dayCredited = BigInt(row.day_credited!);
    else if (row.kind !== "item") continue;
    else if (!row.stored) accepted.delete(row.content_hash!);
    else if (row.echoed) echoedInStore.add(row.content_hash!);
  }
  for (const hash of accepted) {
    const candidate = candidates.get(hash)!;
    if (echoedInStore.has(hash)) candidate.points = echoPoints(candidate.fullPoints, scoring);
    if (echoedInStore.has(hash) || candidate.echoInBatch) candidate.note = ECHO_NOTE;
  }
  return { accepted, dayCredited };
}

/**
 * Caps the batch's points in request order when the contributor's day is full (storeBatch already added them to the
 * day): the first items of the day earn in full, the rest as much as is left. Returns what the batch credits.
 */
async function applyDailyCap(
  tx: Queryable,
  address: string,
  day: string,
  candidates: Map<string, Candidate>,
  { accepted, dayCredited }: StoredItems,
  scoring: ScoringConfig,
): Promise<bigint> {
  let earned = 0n;
  for (const candidate of candidates.values()) if (accepted.has(candidate.hash)) earned += candidate.points;
  if (earned === 0n) return 0n;
  if (dayCredited === undefined) throw new Error("the batch earned points but its day was not credited");
  const creditedBefore = dayCredited - earned;
  if (creditedBefore + earned <= scoring.dailyCap) return earned;

  let remaining = scoring.dailyCap > creditedBefore ? scoring.dailyCap - creditedBefore : 0n;
  const capped: Candidate[] = [];
  let credited = 0n;
  for (const candidate of candidates.values()) {
    if (!accepted.has(candidate.hash)) continue;
    if (candidate.points > remaining) {
      candidate.points = remaining;
      candidate.note = CAP_NOTE;
      capped.push(candidate);
    }
    remaining -= candidate.points;
    credited += candidate.points;
  }
  await tx.query(
    `update items set points = t.points from unnest($1::text[], $2::numeric[]) as t (content_hash, points)
     where items.content_hash = t.content_hash`,
    [capped.map((c) => c.hash), capped.map((c) => c.points.toString())],
  );
  await tx.query(
    "update contributor_days set credited = credited - $3::numeric where address = $1 and day = $2::date",
    [address, day, (earned - credited).toString()],
  );
  return credited;
}
