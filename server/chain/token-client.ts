// The payout key's view of the reward token: sign a mint locally, broadcast it, read receipts, nonces and balances.
import {
  type Address,
  createPublicClient,
  encodeFunctionData,
  type Hex,
  http,
  keccak256,
  parseAbi,
  TransactionReceiptNotFoundError,
  type Transport,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";

export const TOKEN_ABI = parseAbi([
  "function mint(address to, uint256 amount)",
  "function balanceOf(address owner) view returns (uint256)",
  "function totalSupply() view returns (uint256)",
  "function revokeRole(bytes32 role, address account)",
  "function MINTER_ROLE() view returns (bytes32)",
]);

/** A mint to a fresh holder costs about 70k gas; the margin covers a cold storage write or two. */
const MINT_GAS_LIMIT = 150_000n;
const RPC_TIMEOUT_MS = 10_000;

export interface Fees {
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
}

export interface MintContext {
  chainId: number;
  /** The signer's next free nonce as the node sees it (mined and pooled). */
  pendingNonce: number;
  fees: Fees;
}

export interface SignedMint {
  hash: Hex;
  rawTransaction: Hex;
}

export interface MintReceipt {
  status: "success" | "reverted";
  blockNumber: bigint;
}

export interface TokenClient {
  /** The payout key's address: the minter. */
  signer: Address;
  tokenAddress: Address;
  /** Transactions of the signer mined so far: a nonce below it can never be mined again. */
  minedNonce(): Promise<number>;
  /** What a mint needs from the chain, read before the database transaction that assigns its nonce. */
  prepareMint(): Promise<MintContext>;
  /** Signs locally without sending, so the hash is known (and recorded) before the transaction exists anywhere else. */
  signMint(mint: { to: Address; amount: bigint; nonce: number; context: MintContext }): Promise<SignedMint>;
  broadcast(rawTransaction: Hex): Promise<void>;
  /** null while the transaction is not mined. */
  receipt(hash: Hex): Promise<MintReceipt | null>;
  blockNumber(): Promise<bigint>;
  balanceOf(owner: Address): Promise<bigint>;
}

export interface TokenClientOptions {
  rpcUrl: string;
  tokenAddress: Address;
  payoutPrivateKey: Hex;
  /** Replaces the HTTP transport (tests put a failing one here). */
  transport?: Transport;
}

export function createTokenClient(options: TokenClientOptions): TokenClient {
  const account = privateKeyToAccount(options.payoutPrivateKey);
  const client = createPublicClient({
    transport: options.transport ?? http(options.rpcUrl, { retryCount: 0, timeout: RPC_TIMEOUT_MS }),
  });
  let chainId: number | undefined;
  const token = options.tokenAddress;

  return {
    signer: account.address,
    tokenAddress: token,
    minedNonce: () => client.getTransactionCount({ address: account.address, blockTag: "latest" }),
    async prepareMint() {
      chainId ??= await client.getChainId();
      const fees = await client.estimateFeesPerGas();
      const pendingNonce = await client.getTransactionCount({ address: account.address, blockTag: "pending" });
      return {
        chainId,
        pendingNonce,
        fees: { maxFeePerGas: fees.maxFeePerGas, maxPriorityFeePerGas: fees.maxPriorityFeePerGas },
      };
    },
    async signMint({ to, amount, nonce, context }) {
      const rawTransaction = await account.signTransaction({
        type: "eip1559",
        chainId: context.chainId,
        nonce,
        to: token,
        data: encodeFunctionData({ abi: TOKEN_ABI, functionName: "mint", args: [to, amount] }),
        gas: MINT_GAS_LIMIT,
        ...context.fees,
      });
      return { hash: keccak256(rawTransaction), rawTransaction };
    },
    async broadcast(rawTransaction) {
      await client.sendRawTransaction({ serializedTransaction: rawTransaction });
    },
    async receipt(hash) {
      try {
        const receipt = await client.getTransactionReceipt({ hash });
        return { status: receipt.status, blockNumber: receipt.blockNumber };
      } catch (error) {
        if (error instanceof TransactionReceiptNotFoundError) return null;
        throw error;
      }
    },
    blockNumber: () => client.getBlockNumber({ cacheTime: 0 }),
    balanceOf: (owner) =>
      client.readContract({ address: token, abi: TOKEN_ABI, functionName: "balanceOf", args: [owner] }),
  };
}
