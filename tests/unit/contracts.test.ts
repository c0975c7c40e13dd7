// The token contract: the checked-in build is exactly what solc makes of the source today (CI fails when it is stale),
// and the deployed token is the one the issue asks for: TRIB, 18 decimals, minted by the minter only.
import { readFileSync } from "node:fs";
import {
  type Abi,
  type Address,
  createPublicClient,
  createWalletClient,
  defineChain,
  getAddress,
  http,
  parseEther,
} from "viem";
import { generatePrivateKey, type PrivateKeyAccount, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileTributaryReward, formatBuild, TOKEN_BUILD_PATH } from "../../contracts/compile";
import { deployToken, readTokenBuild } from "../../server/chain/deploy-token";
import { DEV_CHAIN_ID, type DevChain, startDevChain } from "../../server/chain/dev-chain";

describe("the checked-in contract build", () => {
  it("is byte for byte what solc compiles from contracts/*.sol (run npm run contracts when it is not)", () => {
    const fresh = formatBuild(compileTributaryReward());
    expect(readFileSync(TOKEN_BUILD_PATH, "utf8")).toBe(fresh);
  });
});

/** Clients of the dev chain; the chain is described to viem so wallets can sign for it. */
function devChainClients(rpcUrl: string) {
  const chain = defineChain({
    id: DEV_CHAIN_ID,
    name: "dev chain",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  return {
    publicClient: createPublicClient({ chain, transport: http(rpcUrl), pollingInterval: 50 }),
    wallet: (account: PrivateKeyAccount) => createWalletClient({ account, chain, transport: http(rpcUrl) }),
  };
}

describe("the reward token on the dev chain", () => {
  let chain: DevChain;
  let token: Address;
  let abi: Abi;
  let clients: ReturnType<typeof devChainClients>;

  beforeAll(async () => {
    chain = await startDevChain();
    token = await deployToken(chain.rpcUrl, chain.payoutPrivateKey);
    abi = readTokenBuild().abi;
    clients = devChainClients(chain.rpcUrl);
  });
  afterAll(async () => {
    await chain?.close();
  });

  const read = (functionName: string, args: readonly unknown[] = []) =>
    clients.publicClient.readContract({ address: token, abi, functionName, args });

  it("is called Tributary Reward, TRIB, with 18 decimals and nothing minted", async () => {
    expect(await read("name")).toBe("Tributary Reward");
    expect(await read("symbol")).toBe("TRIB");
    expect(await read("decimals")).toBe(18);
    expect(await read("totalSupply")).toBe(0n);
  });

  it("lets the payout key mint, and refuses a mint from anyone else", async () => {
    const minter = privateKeyToAccount(chain.payoutPrivateKey);
    const stranger = privateKeyToAccount(generatePrivateKey());
    const holder = getAddress(privateKeyToAccount(generatePrivateKey()).address);
    const minterRole = await read("MINTER_ROLE");
    expect(await read("hasRole", [minterRole, minter.address])).toBe(true);
    expect(await read("hasRole", [minterRole, stranger.address])).toBe(false);

    const asMinter = clients.wallet(minter);
    const minted = await asMinter.writeContract({ address: token, abi, functionName: "mint", args: [holder, 7n] });
    expect((await clients.publicClient.waitForTransactionReceipt({ hash: minted })).status).toBe("success");
    expect(await read("balanceOf", [holder])).toBe(7n);

    // The stranger has gas money, so the refusal is the contract's, not the node's.
    const funding = await asMinter.sendTransaction({ to: stranger.address, value: parseEther("1") });
    await clients.publicClient.waitForTransactionReceipt({ hash: funding });
    await expect(
      clients.publicClient.simulateContract({
        account: stranger,
        address: token,
        abi,
        functionName: "mint",
        args: [holder, 1n],
      }),
    ).rejects.toThrow(/revert/);

    // Sent anyway, the transaction is mined as reverted and mints nothing.
    const asStranger = clients.wallet(stranger);
    const attempt = await asStranger.writeContract({
      address: token,
      abi,
      functionName: "mint",
      args: [holder, 1n],
      gas: 150_000n,
    });
    expect((await clients.publicClient.waitForTransactionReceipt({ hash: attempt })).status).toBe("reverted");
    expect(await read("balanceOf", [holder])).toBe(7n);
    expect(await read("totalSupply")).toBe(7n);
  });
});
