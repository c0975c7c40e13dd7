// Redaction: per-type recall/precision on the labeled corpus, and throughput of redactText next to redact-pii's
// synchronous redactor (regex-only, no Google DLP) on the same texts; optionally compromise's people() for PERSON.
import nlp from "compromise";
import { SyncRedactor } from "redact-pii";
import { type LabeledText, scoreRedaction } from "../../shared/redaction/evaluate";
import { findPii, redactText } from "../../shared/redaction/index";
import type { PiiSpan } from "../../shared/redaction/types";
import { loadGeneratedCorpus, loadPresidioCorpus } from "../fixtures/pii/corpus";
import type { BenchSuite } from "./run";
import { printTable } from "./table";

const ROUND_SECONDS = 0.25;
const ROUNDS = 6;

/** UTF-8 bytes of `texts`. */
function bytesOf(texts: readonly string[]): number {
  return texts.reduce((sum, text) => sum + Buffer.byteLength(text, "utf8"), 0);
}

/** MB/s of one round: `redact` over `texts`, repeated until ROUND_SECONDS have passed. */
function round(texts: readonly string[], bytes: number, redact: (text: string) => unknown): number {
  let passes = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < ROUND_SECONDS * 1000) {
    for (const text of texts) redact(text);
    passes++;
    elapsed = performance.now() - started;
  }
  return (bytes * passes) / 1e6 / (elapsed / 1000);
}

/**
 * MB/s of each redactor over `texts`: rounds alternate between the redactors (after one warm-up pass each), and each
 * keeps its best round, so load from other processes on a shared machine skews neither side of the ratio.
 */
function throughputs(texts: readonly string[], redactors: ReadonlyArray<(text: string) => unknown>): number[] {
  const bytes = bytesOf(texts);
  for (const redact of redactors) for (const text of texts) redact(text);
  const best = redactors.map(() => 0);
  for (let k = 0; k < ROUNDS; k++) {
    redactors.forEach((redact, i) => {
      best[i] = Math.max(best[i]!, round(texts, bytes, redact));
    });
  }
  return best;
}

/** PERSON spans from compromise's people(), added where redactText found nothing. */
function withCompromisePeople(text: string): PiiSpan[] {
  const spans = findPii(text);
  const people = nlp(text).people().json({ offset: true }) as Array<{ offset: { start: number; length: number } }>;
  for (const person of people) {
    const start = person.offset.start;
    const end = start + person.offset.length;
    if (spans.every((s) => end <= s.start || start >= s.end)) spans.push({ start, end, type: "PERSON" });
  }
  return spans;
}

function table(title: string, corpus: readonly LabeledText[]): void {
  const scores = scoreRedaction(corpus, (text) => findPii(text));
  console.log(`\n${title} (${corpus.length} texts)`);
  console.log(
    `${"type".padEnd(16)}${"expected".padStart(9)}${"recall".padStart(9)}${"predicted".padStart(11)}${"precision".padStart(11)}`,
  );
  for (const [type, s] of [...scores].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(
      `${type.padEnd(16)}${String(s.expected).padStart(9)}${s.recall.toFixed(3).padStart(9)}${String(s.predicted).padStart(11)}${s.precision.toFixed(3).padStart(11)}`,
    );
  }
}

function personComparison(title: string, corpus: readonly LabeledText[]): void {
  const plain = scoreRedaction(corpus, (text) => findPii(text)).get("PERSON");
  const combined = scoreRedaction(corpus, withCompromisePeople).get("PERSON");
  if (plain === undefined || combined === undefined) return;
  console.log(
    `PERSON on ${title}: redactText R ${plain.recall.toFixed(3)} P ${plain.precision.toFixed(3)} | + compromise people() R ${combined.recall.toFixed(3)} P ${combined.precision.toFixed(3)}`,
  );
}

export const redactionBench: BenchSuite = {
  name: "redaction",
  run() {
    const presidio = loadPresidioCorpus();
    const generated = loadGeneratedCorpus();
    table("presidio-synth-v2-even", presidio);
    table("social-synth (generated)", generated);

    console.log("\nPERSON with and without compromise (union of spans):");
    personComparison("presidio", presidio);
    personComparison("social-synth", generated);

    const texts = [...presidio, ...generated].map((record) => record.text);
    const redactor = new SyncRedactor();
    const [ours, baseline] = throughputs(texts, [(text) => redactText(text), (text) => redactor.redact(text)]) as [
      number,
      number,
    ];
    // compromise is ~100× slower: a short, separate measure is enough to show it.
    const withCompromise = round(texts, bytesOf(texts), withCompromisePeople);
    printTable("Redaction throughput on the same texts (UTF-8 MB/s, same run)", [
      {
        name: "redactText",
        value: ours,
        unit: "MB/s",
        baseline: { name: "redact-pii SyncRedactor", value: baseline },
        goal: "ratio ≥ 10",
        met: ours / baseline >= 10,
      },
      {
        name: "redactText + compromise people()",
        value: withCompromise,
        unit: "MB/s",
        baseline: { name: "redact-pii SyncRedactor", value: baseline },
      },
    ]);
  },
};
