// Deploys the reward token with the payout key as its admin and minter (the dev chain, or a first real deployment).
import { readFileSync } from "node:fs";
import { type Abi, type Address, createPublicClient, createWalletClient, getAddress, type Hex, http } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { TOKEN_BUILD_PATH } from "../../contracts/compile";

interface TokenBuild {
  abi: Abi;
  bytecode: Hex;
}

export function readTokenBuild(): TokenBuild {
  return JSON.parse(readFileSync(TOKEN_BUILD_PATH, "utf8")) as TokenBuild;
}

/** Returns the new token's address once its deployment is mined. */
export async function deployToken(rpcUrl: string, payoutPrivateKey: Hex): Promise<Address> {
  const account = privateKeyToAccount(payoutPrivateKey);
  const transport = http(rpcUrl, { retryCount: 0 });
  const publicClient = createPublicClient({ transport, pollingInterval: 100 });
  const chainId = await publicClient.getChainId();
  const chain = {
    id: chainId,
    name: `chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  };
  const wallet = createWalletClient({ account, chain, transport });
  const { abi, bytecode } = readTokenBuild();
  const hash = await wallet.deployContract({ abi, bytecode, args: [account.address] });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success" || !receipt.contractAddress) throw new Error(`token deployment ${hash} failed`);
  return getAddress(receipt.contractAddress);
}

/** The token already deployed at `address` on this chain (a dev chain kept on disk), or false. */
export async function isTokenDeployed(rpcUrl: string, address: Address): Promise<boolean> {
  const code = await createPublicClient({ transport: http(rpcUrl, { retryCount: 0 }) }).getCode({ address });
  return code !== undefined && code !== "0x";
}
