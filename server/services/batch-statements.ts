// The SQL of a batch: the statement that ingests it whole, and the first statement of the transaction that ingests
// it when its day passes the daily cap (see batches.ts). Both take locks in one order: nonce, items (in hash order),
// the contributor's day, the batch row, the ledger.
import { creditCtes } from "./ledger";

/**
 * The first CTEs of both ways of ingesting, parameters $1–$12 (storeParams in batches.ts): the request's nonce (when given); `go`,
 * one row when the nonce is new and the batch id is not stored yet (every later write depends on it); the
 * contributor's row; the candidates no one stored before, inserted in hash order (first contributor wins: a content
 * hash already stored by anyone is a duplicate), those whose text was already stored under another id earning the
 * echo points (novelty); and the points they earn added to the contributor's day, which locks that row, so a
 * contributor's concurrent batches take turns on the daily cap (across processes too).
 *
 * Inserting in hash order makes concurrent batches that share items lock them in the same order: no deadlock.
 */
export const STORE_ITEMS = `nonce as (
       insert into request_nonces (address, nonce, expires_at)
       select $1, $11::text, $12::timestamptz where $11::text is not null
       on conflict (address, nonce) do nothing returning nonce
     ), go as (
       select 1 as go
       where ($11::text is null or exists (select 1 from nonce))
         and not exists (select 1 from batches where id = $2::uuid)
     ), contributor as (
       insert into contributors (address) select $1::text from go on conflict (address) do nothing
     ), candidate as (
       select t.*, exists (select 1 from items s where s.text_fingerprint = t.fingerprint) as echoed
       from rows from (unnest($3::text[]), unnest($4::text[]), unnest($5::text[]), jsonb_array_elements($6::jsonb),
                       unnest($7::numeric[]), unnest($8::numeric[]), unnest($9::text[]))
         with ordinality as t (content_hash, platform, native_id, item, points, echo_points, fingerprint, position)
     ), stored as (
       insert into items (content_hash, platform, native_id, contributor, batch_id, item, points, text_fingerprint)
       select c.content_hash, c.platform, c.native_id, $1, $2::uuid, c.item,
              case when c.echoed then c.echo_points else c.points end, c.fingerprint
       from candidate c
       where exists (select 1 from go)
       order by c.position
       on conflict (content_hash) do nothing
       returning content_hash, points
     ), day as (
       insert into contributor_days (address, day, credited)
       select $1, $10::date, sum(points) from stored having sum(points) > 0
       on conflict (address, day) do update set credited = contributor_days.credited + excluded.credited
       returning credited
     )`;

/**
 * The whole batch (see ingestInOneStatement): STORE_ITEMS' $1–$12, then the verdicts' inputs ($13–$17), the daily cap
 * ($18) and the body hash ($19).
 */
export const ONE_STATEMENT = `with ${STORE_ITEMS}, verdict as (
       select r.position, case
           when r.reason is not null
             then jsonb_build_object('contentHash', r.content_hash, 'status', 'refused', 'reason', r.reason)
           when s.content_hash is null then jsonb_build_object('contentHash', r.content_hash, 'status', 'duplicate')
           when c.echoed or r.echo_in_batch
             then jsonb_build_object('contentHash', r.content_hash, 'status', 'accepted', 'points', s.points::text,
                                     'note', $17::text)
           else jsonb_build_object('contentHash', r.content_hash, 'status', 'accepted', 'points', s.points::text)
         end as verdict
       from unnest($13::text[], $14::text[], $15::boolean[], $16::boolean[])
         with ordinality as r (content_hash, reason, candidate, echo_in_batch, position)
       left join stored s on r.candidate and s.content_hash = r.content_hash
       left join candidate c on r.candidate and c.content_hash = r.content_hash
     ), batch as (
       insert into batches (id, contributor, body_hash, response)
       select $2::uuid, $1, $19, jsonb_build_object(
                'batchId', $2::text,
                'contributor', $1::text,
                'verdicts', (select coalesce(jsonb_agg(verdict order by position), '[]'::jsonb) from verdict),
                'credited', (select coalesce(sum(points), 0)::text from stored))
       from go
       where tributary_within_daily_cap((select credited from day), $18::numeric)
       returning response
     ), ${creditCtes({
       transferId: "'batch:' || $2::text",
       address: "$1::text",
       source: "select sum(points) as amount from stored where exists (select 1 from batch)",
     })}
     select (select count(*)::int from nonce) as nonces, (select count(*)::int from go) as fresh,
            (select response::text from batch) as response`;

/**
 * The first statement of a capped batch (ingestCapped): STORE_ITEMS' $1–$12 and the batch row without its answer
 * (body hash $13), answering only the exceptions (candidates someone stored first, and echoes) with the day's total.
 */
export const STORE_CAPPED = `with ${STORE_ITEMS}, batch as (
       -- After the items (the subquery reads them first), as in ONE_STATEMENT; its answer is written later.
       insert into batches (id, contributor, body_hash)
       select $2::uuid, $1, $13 from go where (select count(*) from stored) >= 0
     )
     select 'nonce' as kind, null::text as content_hash, null::boolean as echoed, null::boolean as stored,
            null::text as day_credited
     from nonce
     union all
     select 'fresh', null, null, null, null from go
     union all
     select 'item', c.content_hash, c.echoed, s.content_hash is not null, null
     from candidate c left join stored s using (content_hash)
     where (c.echoed or s.content_hash is null) and exists (select 1 from go)
     union all
     select 'day', null, null, null, credited::text from day`;
