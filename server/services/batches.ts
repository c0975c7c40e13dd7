// Ingesting a batch: store its new items, credit the contributor once, and remember the answer for replays.
import type { BatchRequest, BatchResponse, Verdict } from "../../shared/batch";
import { batchResponseSchema } from "../../shared/batch";
import { contentHash } from "../../shared/content-hash";
import type { Item } from "../../shared/item";
import type { Database, Queryable } from "../db/database";
import { refusalReason } from "./item-gate";
import { creditContributor } from "./ledger";
import { scoreItem } from "./scoring";

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

/**
 * Ingests a validated batch in one transaction. The batch row is written first, so of two concurrent copies of a batch
 * one waits on the other's row and then answers as a replay: a batch is credited at most once.
 */
export async function ingestBatch(
  db: Database,
  contributor: string,
  request: BatchRequest,
  bodyHash: string,
): Promise<IngestResult> {
  const address = contributor.toLowerCase();
  return db.transaction(async (tx) => {
    const inserted = await tx.query<{ id: string }>(
      `insert into batches (id, contributor, body_hash) values ($1, $2, $3)
       on conflict (id) do nothing returning id`,
      [request.batchId, address, bodyHash],
    );
    if (inserted.length === 0) return answerKnownBatch(tx, request.batchId, address, bodyHash);

    await tx.query("insert into contributors (address) values ($1) on conflict (address) do nothing", [address]);
    const response = await storeItems(tx, address, request);
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
  points: bigint;
}

/** Inserts the batch's items not seen before and returns the verdicts, one per item in the request's order. */
async function storeItems(tx: Queryable, address: string, request: BatchRequest): Promise<BatchResponse> {
  const hashes = request.items.map((item) => contentHash(item));
  const refusals = request.items.map(refusalReason);
  const firstCopies = new Map<string, ScoredItem>();
  request.items.forEach((item, index) => {
    const hash = hashes[index]!;
    if (refusals[index] === undefined && !firstCopies.has(hash)) {
      firstCopies.set(hash, { hash, item, points: scoreItem(item) });
    }
  });
  // Inserting in hash order makes concurrent batches that share items lock them in the same order: no deadlock.
  const candidates = [...firstCopies.values()].sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
  // First contributor wins: a content hash already stored by anyone is a duplicate.
  const rows = await tx.query<{ content_hash: string }>(
    `insert into items (content_hash, platform, native_id, contributor, batch_id, item, points)
     select t.content_hash, t.platform, t.native_id, $1, $2, t.item, t.points
     from unnest($3::text[], $4::text[], $5::text[], $6::jsonb[], $7::numeric[])
       with ordinality as t (content_hash, platform, native_id, item, points, position)
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
    ],
  );
  const accepted = new Set(rows.map((row) => row.content_hash));

  let credited = 0n;
  const answered = new Set<string>();
  const verdicts = hashes.map((hash, index): Verdict => {
    const reason = refusals[index];
    if (reason !== undefined) return { contentHash: hash, status: "refused", reason };
    // Only the first copy of an item within the batch can be the accepted one.
    const isFirstCopy = !answered.has(hash);
    answered.add(hash);
    if (isFirstCopy && accepted.has(hash)) {
      const points = firstCopies.get(hash)!.points;
      credited += points;
      return { contentHash: hash, status: "accepted", points: points.toString() };
    }
    return { contentHash: hash, status: "duplicate" };
  });
  return { batchId: request.batchId, contributor: address, verdicts, credited: credited.toString() };
}
