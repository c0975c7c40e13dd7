// The contributor's credited balance, as the server reports it.
import { type Balance, balanceSchema } from "../../shared/batch";

export type BalanceState =
  | { state: "loading" }
  | { state: "ok"; balance: Balance }
  | { state: "unreachable"; message: string };

export async function fetchBalance(serverUrl: string, address: string): Promise<BalanceState> {
  try {
    const response = await fetch(new URL(`/v1/contributors/${address}/balance`, serverUrl));
    if (!response.ok) return { state: "unreachable", message: `The server answered ${response.status}.` };
    const parsed = balanceSchema.safeParse(await response.json());
    if (!parsed.success) return { state: "unreachable", message: "The server's answer was not understood." };
    return { state: "ok", balance: parsed.data };
  } catch {
    return { state: "unreachable", message: "The server cannot be reached." };
  }
}
