// The dev chain: a real EVM (ganache, in-process) answering JSON-RPC on 127.0.0.1, with a funded payout key.
import { mkdir } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import type { Hex } from "viem";

/** Public, dev-only key (never fund it anywhere real): fixed so the token's address is the same on every start. */
export const DEV_PAYOUT_PRIVATE_KEY: Hex = "0x8e1c2a2c8d6ef1d1f3a4f0d5b2c79e6a1a1c0f6ddf0fa4b3e3a2c1d0e9f8a7b6";
export const DEV_CHAIN_ID = 1337;
/** 1000 ETH of gas money for the payout key. */
const DEV_BALANCE = `0x${(1000n * 10n ** 18n).toString(16)}`;

export interface DevChainOptions {
  /** 0 (default): any free port. */
  port?: number;
  host?: string;
  /** Keep the chain in this directory across restarts; without it the chain lives in memory. */
  dataDir?: string;
}

export interface DevChain {
  /** e.g. http://127.0.0.1:41234 */
  rpcUrl: string;
  chainId: number;
  payoutPrivateKey: Hex;
  close(): Promise<void>;
}

/**
 * ganache's native websocket module has no build for this Node; it falls back to plain Node by itself and says so on
 * the console at load time, which would read like a failure in the server's logs.
 */
async function loadGanache() {
  const { log, warn } = console;
  const quiet =
    (print: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      if (!String(args[0]).includes("µWS") && !String(args[0]).includes("Falling back to a NodeJS")) print(...args);
    };
  console.log = quiet(log);
  console.warn = quiet(warn);
  try {
    return (await import("ganache")).default;
  } finally {
    console.log = log;
    console.warn = warn;
  }
}

export async function startDevChain(options: DevChainOptions = {}): Promise<DevChain> {
  const ganache = await loadGanache();
  // ganache's database wants its directory to exist.
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const server = ganache.server({
    logging: { quiet: true },
    chain: { chainId: DEV_CHAIN_ID, hardfork: "shanghai" },
    wallet: { accounts: [{ secretKey: DEV_PAYOUT_PRIVATE_KEY, balance: DEV_BALANCE }] },
    // Every transaction is mined at once into its own block, so a dev payout confirms in milliseconds.
    miner: { instamine: "eager" },
    ...(options.dataDir ? { database: { dbPath: options.dataDir } } : {}),
  });
  const host = options.host ?? "127.0.0.1";
  await server.listen(options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  return {
    rpcUrl: `http://${host}:${port}`,
    chainId: DEV_CHAIN_ID,
    payoutPrivateKey: DEV_PAYOUT_PRIVATE_KEY,
    close: () => server.close(),
  };
}
