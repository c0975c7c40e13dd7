// The server's PII gate: items with residual personal data are refused one by one with `pii:<TYPE>`, never stored.
import { describe, expect, it } from "vitest";
import { redactItem } from "../../../extension/pipeline/redact-items";
import type { Item } from "../../../shared/item";
import { DATABASE_ENGINES, useTestDatabase } from "../../helpers/database";
import { makeItem } from "../../helpers/items";
import { batchOf, newContributor, postBatch, testApp } from "../../helpers/server";

interface Answer {
  verdicts: { status: string; reason?: string }[];
}

const RAW_VALUES = ["jane.doe@example.com", "+1 415 555 0132", "river_keeper"];
const CONTACT_POST = `Write to ${RAW_VALUES[0]} or call ${RAW_VALUES[1]}, thanks @${RAW_VALUES[2]}!`;

describe.each(DATABASE_ENGINES)("the PII gate on %s", (engine) => {
  const db = useTestDatabase(engine);

  async function send(items: Item[]): Promise<Answer> {
    const response = await postBatch(testApp(db()), newContributor(), batchOf(items));
    expect(response.status).toBe(200);
    return (await response.json()) as Answer;
  }

  it("refuses each item with personal data left in its text, naming the type, and stores only the clean ones", async () => {
    const clean = makeItem();
    const answer = await send([
      makeItem({ text: "mail me at jane.doe@example.com" }),
      clean,
      makeItem({ text: "card 4111 1111 1111 1111 exp 12/29" }),
      makeItem({ text: "ping @river_keeper" }),
    ]);

    expect(answer.verdicts).toEqual([
      expect.objectContaining({ status: "refused", reason: "pii:EMAIL" }),
      expect.objectContaining({ status: "accepted" }),
      expect.objectContaining({ status: "refused", reason: "pii:CREDIT_CARD" }),
      expect.objectContaining({ status: "refused", reason: "pii:HANDLE" }),
    ]);
    const stored = await db().query<{ native_id: string }>("select native_id from items");
    expect(stored).toEqual([{ native_id: clean.id }]);
  });

  it("refuses personal data in the author fields, the permalink, media links and the endpoint", async () => {
    const answer = await send([
      makeItem({ author: { id: "7", handle: "someone", name: "Call +44 20 7946 0958" } }),
      makeItem({ url: "https://example.com/profile?email=jane.doe%40example.com" }),
      makeItem({ media: [{ type: "image", url: "https://cdn.example.com/jane.doe@example.com/photo.jpg" }] }),
      makeItem({ url: "https://x.com/stranger/status/123456789" }),
    ]);

    expect(answer.verdicts.map((verdict) => verdict.reason)).toEqual(["pii:PHONE", "pii:URL", "pii:EMAIL", "pii:URL"]);
    expect(await db().query("select native_id from items")).toEqual([]);
  });

  it("accepts items the extension redacted, pseudonyms and handle-free permalinks included", async () => {
    const secret = new Uint8Array(32).fill(1);
    const raw = makeItem({
      id: "1883305234688803178",
      text: CONTACT_POST,
      url: "https://x.com/river_keeper/status/1883305234688803178",
      author: { id: "44196397", handle: "river_keeper", name: "Ana Ríos" },
    });
    const wire = redactItem(raw, { secret, settings: { ownHandles: {}, keepOwnIdentity: false } }).item;

    expect((await send([raw])).verdicts[0]).toMatchObject({ status: "refused", reason: "pii:EMAIL" });
    expect((await send([wire])).verdicts[0]).toMatchObject({ status: "accepted" });
    const [row] = await db().query<{ item: Item }>("select item from items");
    for (const value of RAW_VALUES) expect(JSON.stringify(row?.item)).not.toContain(value);
  });
});
