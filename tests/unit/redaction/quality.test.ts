// Recall and precision on the labeled corpus, per type: floors a little below the figures `npm run bench -- redaction`
// measures, so a regression in any detector fails here.
import { describe, expect, it } from "vitest";
import { type LabeledText, scoreRedaction } from "../../../shared/redaction/evaluate";
import { findPii, type PiiType } from "../../../shared/redaction/index";
import { loadGeneratedCorpus, loadPresidioCorpus } from "../../fixtures/pii/corpus";

type Floors = Partial<Record<PiiType, { recall: number; precision: number }>>;

const STRUCTURED = { recall: 0.97, precision: 0.95 };

function expectFloors(corpus: readonly LabeledText[], floors: Floors): void {
  const scores = scoreRedaction(corpus, (text) => findPii(text));
  for (const [type, floor] of Object.entries(floors)) {
    const score = scores.get(type as PiiType);
    expect(score, type).toBeDefined();
    expect(score!.expected, `${type} is labeled in the corpus`).toBeGreaterThan(0);
    expect(score!.recall, `${type} recall`).toBeGreaterThanOrEqual(floor.recall);
    expect(score!.precision, `${type} precision`).toBeGreaterThanOrEqual(floor.precision);
  }
}

describe("redaction quality", () => {
  it("meets the floors on Presidio's synthetic sentences", () => {
    expectFloors(loadPresidioCorpus(), {
      EMAIL: STRUCTURED,
      PHONE: STRUCTURED,
      CREDIT_CARD: STRUCTURED,
      IBAN: STRUCTURED,
      IP_ADDRESS: STRUCTURED,
      NATIONAL_ID: STRUCTURED,
      PERSON: { recall: 0.89, precision: 0.95 },
      STREET_ADDRESS: { recall: 0.96, precision: 0.98 },
    });
  });

  it("meets the floors on the generated social-media posts, decoy numbers included", () => {
    expectFloors(loadGeneratedCorpus(), {
      EMAIL: STRUCTURED,
      PHONE: STRUCTURED,
      CREDIT_CARD: STRUCTURED,
      IBAN: STRUCTURED,
      IP_ADDRESS: STRUCTURED,
      CRYPTO_ADDRESS: STRUCTURED,
      NATIONAL_ID: STRUCTURED,
      HANDLE: STRUCTURED,
      URL: STRUCTURED,
      PERSON: { recall: 0.93, precision: 0.95 },
      STREET_ADDRESS: { recall: 0.96, precision: 0.98 },
    });
  });

  it("finds nothing in posts whose only numbers are prices, dates, ids, versions and scores", () => {
    const decoysOnly = loadGeneratedCorpus().filter((record) => record.spans.length === 0);
    expect(decoysOnly.length).toBeGreaterThan(100);
    const flagged = decoysOnly.filter((record) => findPii(record.text).length > 0).map((record) => record.text);
    expect(flagged).toEqual([]);
  });
});
