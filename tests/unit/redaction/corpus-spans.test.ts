// The spans findPii returns for every text of the labeled corpus, recorded: a change that is meant to make redaction
// faster must leave every one of them as it was (a change meant to find more updates the record, `vitest -u`, and says
// why).
import { describe, expect, it } from "vitest";
import { findPii } from "../../../shared/redaction/index";
import { loadGeneratedCorpus, loadPresidioCorpus } from "../../fixtures/pii/corpus";

describe("findPii on the corpus", () => {
  it("returns the recorded spans for every text", async () => {
    const texts = [...loadPresidioCorpus(), ...loadGeneratedCorpus()].map((record) => record.text);
    const lines = texts.map(
      (text, index) =>
        `${index}\t${findPii(text)
          .map((span) => `${span.type} ${span.start}-${span.end}`)
          .join(", ")}`,
    );
    await expect(lines.join("\n")).toMatchFileSnapshot("./__snapshots__/corpus-spans.txt");
  });
});
