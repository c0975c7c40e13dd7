// Fuzzing the API (fast-check): random and mutated bodies, headers, signatures, numbers, unicode and nesting never
// get a 500, always get a problem with a known code, and never leave a partial write behind.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { App } from "../../../server/app";
import type { Database } from "../../../server/db/database";
import { PROBLEMS } from "../../../server/problem";
import { auditLedger } from "../../../server/services/ledger";
import { AUTH_HEADERS } from "../../../shared/request-auth";
import { DATABASE_ENGINES, useTestDatabase } from "../../helpers/database";
import { makeItem } from "../../helpers/items";
import { batchOf, newContributor, signedRequest, testApp } from "../../helpers/server";

const RUNS = 40;

function hexString(minLength: number, maxLength: number) {
  return fc.string({ unit: fc.constantFrom(..."0123456789abcdefABCDEF"), minLength, maxLength });
}
const alice = newContributor();

/** A 4xx/2xx answer; a refusal is problem+json with a code the server documents. */
async function expectWellFormedAnswer(response: Response, what: string) {
  expect(response.status, what).toBeLessThan(500);
  if (response.status >= 400) {
    expect(response.headers.get("content-type"), what).toBe("application/problem+json");
    const { code } = (await response.json()) as { code: string };
    expect(Object.keys(PROBLEMS), what).toContain(code);
  } else {
    await response.arrayBuffer();
  }
}

/** Nothing half-written: every stored batch has its answer, every item and credit belongs to a stored batch. */
async function expectConsistentStore(db: Database) {
  expect(await auditLedger(db)).toEqual({ mismatchedAccounts: [], unbalancedTransfers: [], negativeAccounts: [] });
  expect(await db.query("select id from batches where response is null")).toEqual([]);
  expect(
    await db.query(
      `select e.transfer_id from ledger_entries e left join batches b on e.transfer_id = 'batch:' || b.id::text
       where e.transfer_id like 'batch:%' and b.id is null`,
    ),
  ).toEqual([]);
  expect(
    await db.query(
      `select c.address from contributors c
       where (select coalesce(sum(points), 0) from items i where i.contributor = c.address) <>
             (select coalesce(sum(amount), 0) from ledger_entries e
               where e.account = 'contributor:' || c.address and e.transfer_id like 'batch:%')`,
    ),
  ).toEqual([]);
}

const unicodeText = fc.string({ unit: "binary", maxLength: 60 });
const hugeNumber = fc.oneof(
  fc.constant("1e999"),
  fc.constant("-1e999"),
  fc.bigInt({ min: -(10n ** 90n), max: 10n ** 90n }).map(String),
  fc.double().map((value) => (Number.isFinite(value) ? String(value) : "0")),
);
/** JSON text, sometimes broken: random values, big numbers, deep nesting, lone surrogates, truncation. */
const randomBody = fc.oneof(
  fc.jsonValue({ maxDepth: 6 }).map((value) => JSON.stringify(value) ?? "null"),
  fc.nat({ max: 3000 }).map((depth) => `${"[".repeat(depth)}${"]".repeat(depth)}`),
  fc.nat({ max: 3000 }).map((depth) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`),
  hugeNumber.map((number) => `{"batchId":${number},"items":[${number}]}`),
  unicodeText,
  unicodeText.map((text) => JSON.stringify({ batchId: crypto.randomUUID(), items: [{ ...makeItem(), text }] })),
);

/** A valid batch with one field replaced, removed or multiplied. */
const mutatedBatch = fc
  .record({
    field: fc.constantFrom(
      "platform",
      "id",
      "url",
      "kind",
      "text",
      "author",
      "createdAt",
      "lang",
      "media",
      "metrics",
      "promoted",
      "source",
      "originalId",
      "replyToId",
    ),
    value: fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      unicodeText,
      hugeNumber.map(Number),
      fc.constant(undefined),
      fc.constant("x".repeat(50_000)),
    ),
    copies: fc.integer({ min: 1, max: 3 }),
    batchId: fc.oneof(fc.uuid(), fc.constant(crypto.randomUUID()), unicodeText),
  })
  .map(({ field, value, copies, batchId }) => {
    const item: Record<string, unknown> = { ...makeItem() };
    if (value === undefined) delete item[field];
    else item[field] = value;
    return JSON.stringify({ batchId, items: Array.from({ length: copies }, () => item) } as Record<string, unknown>);
  });

/** Header values as an attacker would send them (printable Latin-1 only: anything else is not a legal header). */
const headerValue = fc.oneof(
  fc.string({ maxLength: 140 }).filter((value) => /^[\x20-\x7e]*$/.test(value)),
  hexString(0, 140).map((hex) => `0x${hex}`),
  fc.constant(`0x${"f".repeat(130)}`),
  fc.bigInt({ min: 0n, max: 10n ** 30n }).map(String),
);

describe.each(DATABASE_ENGINES)("the API under fuzzing on %s", (engine) => {
  const db = useTestDatabase(engine);
  let app: App;

  it("answers any signed body, random or a mutated batch, with 200 or a documented 4xx problem", async () => {
    app = testApp(db(), { now: Date.now });
    await fc.assert(
      fc.asyncProperty(fc.oneof(randomBody, mutatedBatch), async (body) => {
        const response = await app.request(await signedRequest(alice, body));
        await expectWellFormedAnswer(response, body.slice(0, 80));
      }),
      { numRuns: RUNS },
    );
    await expectConsistentStore(db());
  });

  it("refuses tampered signature headers with 401 and stores nothing", async () => {
    app = testApp(db());
    const body = JSON.stringify(batchOf([makeItem()]));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.values(AUTH_HEADERS)),
        headerValue,
        fc.boolean(),
        async (header, value, drop) => {
          const signed = await signedRequest(alice, body);
          const headers = new Headers(signed.headers);
          if (drop) headers.delete(header);
          else headers.set(header, value);
          const response = await app.request("/v1/batches", { method: "POST", headers, body });
          // A value that happens to equal the signed one is the only way through.
          if (response.status !== 200) expect(response.status).toBe(401);
          await expectWellFormedAnswer(response, `${header}: ${value}`);
        },
      ),
      { numRuns: RUNS },
    );
    const [batches] = await db().query<{ count: number }>("select count(*)::int as count from batches");
    expect(batches?.count ?? 0).toBeLessThanOrEqual(1);
    await expectConsistentStore(db());
  });

  it("answers random paths, methods and queries on the read routes without a 500", async () => {
    app = testApp(db());
    const segment = fc.oneof(
      fc.string({ maxLength: 50 }).map(encodeURIComponent),
      fc.constant("%"),
      fc.constant("%E0%A4%A"),
      hexString(40, 40).map((hex) => `0x${hex}`),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"),
        fc.constantFrom("/v1/contributors/", "/v1/batches/", "/v1/", "/", "/v1/contributors/me/"),
        segment,
        fc.constantFrom("", "/receipts", "/balance", "/receipts?cursor=", "/receipts?limit="),
        segment,
        async (method, prefix, middle, suffix, query) => {
          const url = `http://localhost${prefix}${middle}${suffix}${suffix.endsWith("=") ? query : ""}`;
          const response = await app.request(url, {
            method,
            ...(method === "GET" || method === "HEAD" ? {} : { body: query }),
          });
          if (method !== "HEAD") await expectWellFormedAnswer(response, `${method} ${url}`);
          else expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: RUNS * 2 },
    );
    await expectConsistentStore(db());
  });
});
