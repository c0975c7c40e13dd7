// Compiles the token contract offline with solc-js; the ABI and bytecode it yields are checked in under contracts/build.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import solc from "solc";

export const CONTRACTS_DIR = resolve(import.meta.dirname);
export const TOKEN_BUILD_PATH = join(CONTRACTS_DIR, "build", "TributaryReward.json");

/** Shanghai: the newest fork the dev chain (ganache 7) runs; every production EVM chain accepts its bytecode too. */
const EVM_VERSION = "shanghai";
const OPTIMIZER_RUNS = 200;
const SOURCE = "TributaryReward.sol";
const CONTRACT = "TributaryReward";

export interface ContractBuild {
  contractName: string;
  compiler: string;
  evmVersion: string;
  optimizerRuns: number;
  abi: unknown[];
  /** Creation bytecode, 0x-prefixed. */
  bytecode: `0x${string}`;
}

interface SolcOutput {
  errors?: { severity: "error" | "warning" | "info"; formattedMessage: string }[];
  contracts?: Record<string, Record<string, { abi: unknown[]; evm: { bytecode: { object: string } } }>>;
}

const requireFromHere = createRequire(import.meta.url);

/** Reads `@openzeppelin/…` imports from node_modules; nothing is fetched. */
function readImport(path: string): { contents: string } | { error: string } {
  try {
    return { contents: readFileSync(requireFromHere.resolve(path), "utf8") };
  } catch {
    return { error: `import not found: ${path}` };
  }
}

export function compileTributaryReward(): ContractBuild {
  const input = {
    language: "Solidity",
    sources: { [SOURCE]: { content: readFileSync(join(CONTRACTS_DIR, SOURCE), "utf8") } },
    settings: {
      evmVersion: EVM_VERSION,
      optimizer: { enabled: true, runs: OPTIMIZER_RUNS },
      outputSelection: { [SOURCE]: { [CONTRACT]: ["abi", "evm.bytecode.object"] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: readImport })) as SolcOutput;
  const errors = (output.errors ?? []).filter((error) => error.severity === "error");
  if (errors.length > 0) throw new Error(`solc failed:\n${errors.map((error) => error.formattedMessage).join("\n")}`);
  const compiled = output.contracts?.[SOURCE]?.[CONTRACT];
  if (!compiled) throw new Error(`solc produced no ${CONTRACT}`);
  return {
    contractName: CONTRACT,
    compiler: `solc-js ${solc.version()}`,
    evmVersion: EVM_VERSION,
    optimizerRuns: OPTIMIZER_RUNS,
    abi: compiled.abi,
    bytecode: `0x${compiled.evm.bytecode.object}`,
  };
}

/** The build file's exact text, so a recompile can be compared byte for byte with the checked-in one. */
export function formatBuild(build: ContractBuild): string {
  return `${JSON.stringify(build, null, 2)}\n`;
}
