// The chain settings of the server's environment: which chain pays, with which key, and the redemption rules.
import { type Address, getAddress, type Hex } from "viem";
import { z } from "zod";

export interface ChainConfig {
  rpcUrl: string;
  tokenAddress: Address;
  payoutPrivateKey: Hex;
}

export interface PayoutSettings {
  /** Where payouts are sent; undefined: redemptions are refused as unavailable. */
  chain?: ChainConfig;
  /** Blocks on top of the payout's own block before it counts as confirmed (1: the block itself). */
  confirmations: number;
  /** The smallest redemption, in base units. */
  redemptionMinimum: bigint;
  /** How often the payout worker looks for work when nothing wakes it. */
  payoutPollMs: number;
}

const envSchema = z.object({
  CHAIN_RPC_URL: z.url({ protocol: /^https?$/, error: "must be an http(s):// JSON-RPC address" }).optional(),
  TOKEN_ADDRESS: z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte address")
    .optional(),
  PAYOUT_PRIVATE_KEY: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/, "must be a 0x-prefixed 32-byte private key")
    .optional(),
  CHAIN_CONFIRMATIONS: z.coerce.number().int().min(1).max(1000).default(1),
  REDEMPTION_MINIMUM: z
    .string()
    .regex(/^[0-9]{1,78}$/, "must be an amount in base units (1 TRIB = 10^18)")
    .default("1000000000000000000"),
  PAYOUT_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(1000),
});

const CHAIN_VARIABLES = ["CHAIN_RPC_URL", "TOKEN_ADDRESS", "PAYOUT_PRIVATE_KEY"] as const;

/** Reads the payout settings; throws one readable message, like loadConfig, when they are invalid or half set. */
export function loadPayoutSettings(env: Record<string, string | undefined>): PayoutSettings {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = envSchema.safeParse(blanksRemoved);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`invalid server configuration: ${problems.join("; ")}`);
  }
  const settings = parsed.data;
  const given = CHAIN_VARIABLES.filter((name) => settings[name] !== undefined);
  if (given.length > 0 && given.length < CHAIN_VARIABLES.length) {
    const missing = CHAIN_VARIABLES.filter((name) => settings[name] === undefined);
    throw new Error(`invalid server configuration: ${given.join(", ")} set without ${missing.join(", ")}`);
  }
  const { CHAIN_RPC_URL, TOKEN_ADDRESS, PAYOUT_PRIVATE_KEY } = settings;
  return {
    chain:
      CHAIN_RPC_URL && TOKEN_ADDRESS && PAYOUT_PRIVATE_KEY
        ? {
            rpcUrl: CHAIN_RPC_URL,
            tokenAddress: getAddress(TOKEN_ADDRESS),
            payoutPrivateKey: PAYOUT_PRIVATE_KEY as Hex,
          }
        : undefined,
    confirmations: settings.CHAIN_CONFIRMATIONS,
    redemptionMinimum: BigInt(settings.REDEMPTION_MINIMUM),
    payoutPollMs: settings.PAYOUT_POLL_MS,
  };
}
