// `npm start` without a configured chain: run the dev chain in this process, deploy the token once, point the server at it.
import { getContractAddress } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { deployToken, isTokenDeployed } from "./deploy-token";
import { type DevChain, startDevChain } from "./dev-chain";

const CHAIN_VARIABLES = ["CHAIN_RPC_URL", "TOKEN_ADDRESS", "PAYOUT_PRIVATE_KEY"] as const;

/**
 * Leaves the environment alone when any chain variable is set (a real network; the server's config checks that all
 * three are). Otherwise starts the dev chain, kept in DEV_CHAIN_DIR (default .data/dev-chain) so balances and payouts
 * survive a restart, deploys the token when it is not there yet, and sets the three variables for the server.
 */
export async function startDevChainUnlessConfigured(
  env: Record<string, string | undefined> = process.env,
): Promise<DevChain | undefined> {
  if (CHAIN_VARIABLES.some((name) => env[name])) return undefined;
  const port = Number(env.DEV_CHAIN_PORT ?? 8545);
  const chain = await startDevChain({ port, dataDir: env.DEV_CHAIN_DIR ?? ".data/dev-chain" });
  const minter = privateKeyToAccount(chain.payoutPrivateKey).address;
  // The first transaction of the dev key is the token's deployment, so its address is known in advance.
  let token = getContractAddress({ from: minter, nonce: 0n });
  if (!(await isTokenDeployed(chain.rpcUrl, token))) token = await deployToken(chain.rpcUrl, chain.payoutPrivateKey);
  env.CHAIN_RPC_URL = chain.rpcUrl;
  env.TOKEN_ADDRESS = token;
  env.PAYOUT_PRIVATE_KEY = chain.payoutPrivateKey;
  return chain;
}
