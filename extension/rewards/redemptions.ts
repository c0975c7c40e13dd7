// Redeeming from the extension: register the payout address, ask for a redemption (signed), follow it, list history.
import type { LocalAccount } from "viem";
import { TOKEN_DECIMALS } from "../../shared/amounts";
import { contributorSchema } from "../../shared/contributor";
import { problemSchema } from "../../shared/problem";
import {
  REDEMPTIONS_PATH,
  type Redemption,
  type RedemptionRequest,
  redemptionListSchema,
  redemptionSchema,
} from "../../shared/redemption";
import { signRequest } from "../../shared/request-auth";

export const CONTRIBUTOR_ME_PATH = "/v1/contributors/me";

export interface RedemptionDeps {
  serverUrl: string;
  fetch: typeof fetch;
  now?: () => number;
}

/**
 * The server's answer, or why there is none: a refusal carries the server's own problem title and detail (the words a
 * person reads); "unreachable" and "not-understood" are worded by the page in the browser's language.
 */
export type ServerAnswer<T> =
  | { ok: true; value: T }
  | { ok: false; kind: "refused"; code: string; message: string }
  | { ok: false; kind: "unreachable" | "not-understood" };

async function describeRefusal(response: Response): Promise<{ code: string; message: string }> {
  const text = await response.text().catch(() => "");
  try {
    const problem = problemSchema.safeParse(JSON.parse(text));
    if (problem.success) {
      const { title, detail, code } = problem.data;
      return { code, message: detail ? `${title}: ${detail}` : title };
    }
  } catch {
    // Not problem+json (a proxy's page): the status line says what there is to say.
  }
  return { code: `http.${response.status}`, message: `The server answered ${response.status}.` };
}

async function call<T>(
  deps: RedemptionDeps,
  path: string,
  init: RequestInit,
  parse: (json: unknown) => T | undefined,
): Promise<ServerAnswer<T>> {
  let response: Response;
  try {
    response = await deps.fetch(new URL(path, deps.serverUrl), init);
  } catch {
    return { ok: false, kind: "unreachable" };
  }
  if (!response.ok) return { ok: false, kind: "refused", ...(await describeRefusal(response)) };
  const value = parse(await response.json().catch(() => undefined));
  if (value === undefined) return { ok: false, kind: "not-understood" };
  return { ok: true, value };
}

async function signedInit(deps: RedemptionDeps, account: LocalAccount, method: string, path: string, body: string) {
  const headers = await signRequest(account, { method, path, body }, deps.now);
  return { method, headers: { "content-type": "application/json", ...headers }, body };
}

/** Tells the server where this contributor's payouts go (PUT /v1/contributors/me): redemptions are paid only there. */
export async function registerPayoutAddress(
  deps: RedemptionDeps,
  account: LocalAccount,
  payoutAddress: string,
): Promise<ServerAnswer<string | null>> {
  const body = JSON.stringify({ payoutAddress });
  const init = await signedInit(deps, account, "PUT", CONTRIBUTOR_ME_PATH, body);
  return call(deps, CONTRIBUTOR_ME_PATH, init, (json) => {
    const parsed = contributorSchema.safeParse(json);
    return parsed.success ? parsed.data.payoutAddress : undefined;
  });
}

/** POST /v1/redemptions. Sending the same request (same id) again is safe: the server answers the first redemption. */
export async function requestRedemption(
  deps: RedemptionDeps,
  account: LocalAccount,
  request: RedemptionRequest,
): Promise<ServerAnswer<Redemption>> {
  const init = await signedInit(deps, account, "POST", REDEMPTIONS_PATH, JSON.stringify(request));
  return call(deps, REDEMPTIONS_PATH, init, (json) => redemptionSchema.safeParse(json).data);
}

export async function fetchRedemption(deps: RedemptionDeps, id: string): Promise<ServerAnswer<Redemption>> {
  return call(
    deps,
    `${REDEMPTIONS_PATH}/${encodeURIComponent(id)}`,
    {},
    (json) => redemptionSchema.safeParse(json).data,
  );
}

/** The contributor's redemptions, newest first. */
export async function fetchRedemptionHistory(
  deps: RedemptionDeps,
  address: string,
): Promise<ServerAnswer<Redemption[]>> {
  return call(
    deps,
    `/v1/contributors/${address}/redemptions`,
    {},
    (json) => redemptionListSchema.safeParse(json).data?.redemptions,
  );
}

/** A redemption still on its way: the popup keeps following it. */
export function isRedemptionOpen(redemption: Redemption): boolean {
  return redemption.status === "pending" || redemption.status === "submitted";
}

export type RedeemAmount =
  | { ok: true; amount: "all" | string }
  | { ok: false; problem: "format" | "decimals" | "zero" | "above-balance" };

/**
 * What the user typed in TRIB ("1.5", "20", "all") → the request's amount in base units. A balance, when known,
 * refuses an amount above it before anything is signed; the server checks again.
 */
export function readRedeemAmount(text: string, balance?: string, decimals = TOKEN_DECIMALS): RedeemAmount {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === "all") return { ok: true, amount: "all" };
  const match = /^([0-9]*)(?:\.([0-9]*))?$/.exec(trimmed);
  if (!match || trimmed === "" || trimmed === ".") return { ok: false, problem: "format" };
  const fraction = match[2] ?? "";
  if (fraction.length > decimals) return { ok: false, problem: "decimals" };
  const baseUnits = BigInt(`${match[1] || "0"}${fraction.padEnd(decimals, "0")}`);
  if (baseUnits === 0n) return { ok: false, problem: "zero" };
  if (balance !== undefined && baseUnits > BigInt(balance)) return { ok: false, problem: "above-balance" };
  return { ok: true, amount: baseUnits.toString() };
}
