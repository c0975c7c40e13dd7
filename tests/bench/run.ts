// `npm run bench [-- NAME…]`: runs each suite in turn (or only those named); each prints its own table with ratios
// against baselines measured in the same run. Add a suite with one import and one entry below.
import { adapterParseBench } from "./adapter-parse";
import { captureHookBench } from "./capture-hook";
import { ingestBench } from "./ingest";
import { redactionBench } from "./redaction";
import { reviewPageBench } from "./review-page";

export interface BenchSuite {
  name: string;
  run(): Promise<void> | void;
}

const SUITES: BenchSuite[] = [adapterParseBench, captureHookBench, ingestBench, redactionBench, reviewPageBench];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !SUITES.some((suite) => suite.name === name));
if (unknown.length > 0) {
  console.error(`unknown bench suite: ${unknown.join(", ")}; suites: ${SUITES.map((s) => s.name).join(", ")}`);
  process.exit(2);
}
for (const suite of SUITES) {
  if (wanted.length > 0 && !wanted.includes(suite.name)) continue;
  console.log(`\n== ${suite.name} ==`);
  await suite.run();
}
