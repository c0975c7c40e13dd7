// Ingesting a batch: store its new items, credit the contributor once, and remember the answer for replays.
import type { BatchRequest, BatchResponse, Verdict } from "../../shared/batch";
import { batchResponseSchema } from "../../shared/batch";
import type { Item } from "../../shared/item";
import type { RequestNonce } from "../auth";
import type { Database, Queryable } from "../db/database";
import { itemContentHash } from "../sha256";
import { refusalReason } from "./item-gate";
import { creditContributor } from "./ledger";
import { textFingerprint } from "./novelty";
import { echoPoints, type ScoringConfig, scoreItemUnder, scoringConfig } from "./scoring";

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
  /** The signed request's nonce, recorded in the batch's transaction: one commit for both. */
  nonce?: RequestNonce;
}

/**
 * Ingests a validated batch in one transaction. The batch row is written first, so of two concurrent copies of a batch
 * one waits on the other's row and then answers as a replay: a batch is credited at most once.
 *
 * The work that needs no database (hashes, the PII gate, scores) is done before the transaction opens, and the
 * transaction is two statements whatever the batch's size: the batch row with its items and the day's points, then
 * the answer with the ledger's credit. The request's nonce, when given, is recorded by the first statement before the
 * batch row: of two copies of one signed request, the second waits for the first's transaction and then finds its nonce.
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
  const assessed = assessItems(request, scoring);
  return db.transaction(async (tx) => {
    const day = utcDay(options.now);
    const stored = await storeBatch(
      tx,
      address,
      request.batchId,
      bodyHash,
      day,
      assessed.candidates,
      scoring,
      options.nonce,
    );
    if (stored === "nonce_reused") return { outcome: "nonce_reused" };
    if (stored === undefined) return answerKnownBatch(tx, request.batchId, address, bodyHash);
    const credited = await applyDailyCap(tx, address, day, assessed.candidates, stored, scoring);
    const response: BatchResponse = {
      batchId: request.batchId,
      contributor: address,
      verdicts: verdictsOf(assessed, stored.accepted),
      credited: credited.toString(),
    };
    // Last: the answer for replays, and the credit in the same statement (the ledger's rows are locked last).
    const answer = [request.batchId, JSON.stringify(response)];
    if (credited > 0n) {
      await creditContributor(
        tx,
        { transferId: `batch:${request.batchId}`, address, amount: credited },
        { cte: "answer as (update batches set response = $6::jsonb where id = $5)", params: answer },
      );
    } else {
      await tx.query("update batches set response = $2::jsonb where id = $1", answer);
    }
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

interface Candidate {
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

interface AssessedBatch {
  hashes: string[];
  refusals: (string | undefined)[];
  /** The first copy of each storable item, in request order. */
  candidates: Map<string, Candidate>;
}

const ECHO_NOTE = "its text was already sent under another id, so it earns less";
const CAP_NOTE = "the daily cap was reached, so it earns less or nothing today";

/** Hashes, gates and scores every item: no database, so it runs before the transaction opens. */
function assessItems(request: BatchRequest, scoring: ScoringConfig): AssessedBatch {
  const hashes = request.items.map((item) => itemContentHash(item));
  const refusals = request.items.map(refusalReason);
  const candidates = new Map<string, Candidate>();
  const fingerprintsSeen = new Set<string>();
  request.items.forEach((item, index) => {
    const hash = hashes[index]!;
    if (refusals[index] !== undefined || candidates.has(hash)) return;
    const fingerprint = textFingerprint(item.text, scoring.novelty.minimumCharacters);
    const echoInBatch = fingerprint !== null && fingerprintsSeen.has(fingerprint);
    if (fingerprint !== null) fingerprintsSeen.add(fingerprint);
    const fullPoints = scoreItemUnder(item, scoring);
    candidates.set(hash, { hash, item, fingerprint, fullPoints, echoInBatch, points: fullPoints });
  });
  for (const candidate of candidates.values()) {
    candidate.points = candidate.echoInBatch ? echoPoints(candidate.fullPoints, scoring) : candidate.fullPoints;
  }
  return { hashes, refusals, candidates };
}

interface StoredItems {
  /** The content hashes this batch was the first to store. */
  accepted: Set<string>;
  /** The contributor's points for the day with this batch's added (before the cap), when it stored any points. */
  dayCredited?: bigint;
}

/**
 * Writes the request's nonce (when given), then the batch row (with its contributor's row) and, when the batch is
 * new, inserts the candidates no one stored before, marks those whose text was already stored under another id
 * (novelty), and adds the points they earn to the contributor's day, locking that row so a contributor's concurrent
 * batches take turns on the daily cap (across processes too). One statement, one round trip; undefined when the batch
 * id was already taken, "nonce_reused" when the request's nonce was already recorded (nothing written either way but
 * the nonce when it is new).
 *
 * Only the exceptions come back (candidates someone stored first, and echoes) with the day's total: usually two rows.
 */
async function storeBatch(
  tx: Queryable,
  address: string,
  batchId: string,
  bodyHash: string,
  day: string,
  candidates: Map<string, Candidate>,
  scoring: ScoringConfig,
  nonce: RequestNonce | undefined,
): Promise<StoredItems | "nonce_reused" | undefined> {
  if (nonce !== undefined && nonce.address !== address) throw new Error("the nonce belongs to another contributor");
  // Inserting in hash order makes concurrent batches that share items lock them in the same order: no deadlock.
  const ordered = [...candidates.values()].sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
  // First contributor wins: a content hash already stored by anyone is a duplicate (on conflict do nothing).
  // The batch row is locked first, then items, then the day's row, and the ledger's rows last, in every batch: one lock
  // order, no deadlock. The contributor row rides along with the batch row: written only when the batch is new.
  const rows = await tx.query<
    | { kind: "nonce" }
    | { kind: "batch" }
    | { kind: "item"; content_hash: string; echoed: boolean; stored: boolean }
    | { kind: "day"; day_credited: string }
  >(
    `with nonce as (
       insert into request_nonces (address, nonce, expires_at)
       select $1, $12::text, $13::timestamptz where $12::text is not null
       on conflict (address, nonce) do nothing returning nonce
     ), batch as (
       insert into batches (id, contributor, body_hash)
       select $2::uuid, $1, $11::text where $12::text is null or exists (select 1 from nonce)
       on conflict (id) do nothing returning id
     ), contributor as (
       insert into contributors (address) select $1::text from batch on conflict (address) do nothing
     ), candidate as (
       select t.*, exists (select 1 from items s where s.text_fingerprint = t.fingerprint) as echoed
       from unnest($3::text[], $4::text[], $5::text[], $6::jsonb[], $7::numeric[], $8::numeric[], $9::text[])
         with ordinality as t (content_hash, platform, native_id, item, points, echo_points, fingerprint, position)
     ), stored as (
       insert into items (content_hash, platform, native_id, contributor, batch_id, item, points, text_fingerprint)
       select c.content_hash, c.platform, c.native_id, $1, $2, c.item,
              case when c.echoed then c.echo_points else c.points end, c.fingerprint
       from candidate c
       where exists (select 1 from batch)
       order by c.position
       on conflict (content_hash) do nothing
       returning content_hash, points
     ), day as (
       insert into contributor_days (address, day, credited)
       select $1, $10::date, sum(points) from stored having sum(points) > 0
       on conflict (address, day) do update set credited = contributor_days.credited + excluded.credited
       returning credited::text as credited
     )
     select 'nonce' as kind, null::text as content_hash, null::boolean as echoed, null::boolean as stored,
            null::text as day_credited
     from nonce
     union all
     select 'batch', null, null, null, null from batch
     union all
     select 'item', c.content_hash, c.echoed, s.content_hash is not null, null
     from candidate c left join stored s using (content_hash)
     where (c.echoed or s.content_hash is null) and exists (select 1 from batch)
     union all
     select 'day', null, null, null, credited from day`,
    [
      address,
      batchId,
      ordered.map((c) => c.hash),
      ordered.map((c) => c.item.platform),
      ordered.map((c) => c.item.id),
      ordered.map((c) => JSON.stringify(c.item)),
      ordered.map((c) => c.points.toString()),
      ordered.map((c) => echoPoints(c.fullPoints, scoring).toString()),
      ordered.map((c) => c.fingerprint),
      day,
      bodyHash,
      nonce?.nonce ?? null,
      nonce?.expiresAt ?? null,
    ],
  );
  if (nonce !== undefined && !rows.some((row) => row.kind === "nonce")) return "nonce_reused";
  if (!rows.some((row) => row.kind === "batch")) return undefined;
  const accepted = new Set(candidates.keys());
  const echoedInStore = new Set<string>();
  let dayCredited: bigint | undefined;
  for (const row of rows) {
    if (row.kind === "day") dayCredited = BigInt(row.day_credited);
    else if (row.kind !== "item") continue;
    else if (!row.stored) accepted.delete(row.content_hash);
    else if (row.echoed) echoedInStore.add(row.content_hash);
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

/** One verdict per item, in the request's order. */
function verdictsOf({ hashes, refusals, candidates }: AssessedBatch, accepted: Set<string>): Verdict[] {
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
