// `npm run bench [-- NAME…]`: runs each suite in turn (or only those named); each prints its own table with ratios
// against baselines measured in the same run. Each suite runs in a process of its own and is loaded only there: what
// one suite imports (the server, a database, a browser harness) must not slow another's measured code, as it did
// (redaction read ~35 % slower with the ingest suite's modules loaded). Add a suite with one entry below.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface BenchSuite {
  name: string;
  run(): Promise<void> | void;
}

const SUITES: Record<string, () => Promise<BenchSuite>> = {
  "adapter-parse": async () => (await import("./adapter-parse")).adapterParseBench,
  "capture-hook": async () => (await import("./capture-hook")).captureHookBench,
  ingest: async () => (await import("./ingest")).ingestBench,
  redaction: async () => (await import("./redaction")).redactionBench,
  "review-page": async () => (await import("./review-page")).reviewPageBench,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in SUITES));
if (unknown.length > 0) {
  console.error(`unknown bench suite: ${unknown.join(", ")}; suites: ${Object.keys(SUITES).join(", ")}`);
  process.exit(2);
}

if (wanted.length === 1) {
  const suite = await SUITES[wanted[0]!]!();
  console.log(`\n== ${suite.name} ==`);
  await suite.run();
} else {
  // One child process per suite, in turn, with this process's Node and loader (tsx).
  for (const name of wanted.length > 0 ? wanted : Object.keys(SUITES)) {
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), name], {
      stdio: "inherit",
    });
    if (child.status !== 0) process.exit(child.status ?? 1);
  }
}
