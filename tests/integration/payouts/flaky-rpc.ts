// A JSON-RPC transport to the dev chain that the test can break: the node unreachable, or a sent transaction's
// answer lost on the way back (the node has it, the worker does not know).
import { custom, type Transport } from "viem";

export type RpcMode = "up" | "down" | "send-answer-lost";

export interface FlakyRpc {
  transport: Transport;
  mode: RpcMode;
  /** Transactions the node received through this transport. */
  sentTransactions: number;
}

export function flakyRpc(rpcUrl: string): FlakyRpc {
  let id = 0;
  const rpc: FlakyRpc = {
    mode: "up",
    sentTransactions: 0,
    transport: custom(
      {
        async request({ method, params }: { method: string; params?: unknown }) {
          if (rpc.mode === "down") throw new Error(`connect ECONNREFUSED (the test took the node away: ${method})`);
          const response = await fetch(rpcUrl, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params }),
          });
          const answer = (await response.json()) as { result?: unknown; error?: { code: number; message: string } };
          if (method === "eth_sendRawTransaction" && !answer.error) {
            rpc.sentTransactions++;
            if (rpc.mode === "send-answer-lost") throw new Error("socket hang up (the test dropped the node's answer)");
          }
          if (answer.error) throw answer.error;
          return answer.result;
        },
      },
      { retryCount: 0 },
    ),
  };
  return rpc;
}
