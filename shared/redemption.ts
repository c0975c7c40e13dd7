// Wire format of redemptions: turning credited balance into TRIB paid on chain, and reading a payout's progress.
import { z } from "zod";
import { TOKEN_DECIMALS } from "./amounts";
import { addressSchema } from "./batch";
import { checksummedAddressSchema } from "./contributor";

export const REDEMPTIONS_PATH = "/v1/redemptions";

/** pending: debited, not yet sent · submitted: sent, tx hash known · confirmed: mined · failed: refunded. */
export const REDEMPTION_STATUSES = ["pending", "submitted", "confirmed", "failed"] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];

const MAX_BASE_UNIT_DIGITS = 78;

/** Why a requested amount is not one; undefined when it is a positive whole number of base units (or "all"). */
export function amountProblem(amount: string): string | undefined {
  if (amount === "all") return undefined;
  const text = amount.trim();
  if (text === "") return 'amount is empty: give a number of base units or "all"';
  if (text.startsWith("-")) return "amount must be positive";
  if (/^[0-9]*\.[0-9]+$/.test(text) || /^[0-9]+\.$/.test(text)) {
    return `amount has decimals: it is counted in base units, whole numbers only (1 TRIB = 10^${TOKEN_DECIMALS} base units)`;
  }
  if (!/^[0-9]+$/.test(text)) return 'amount must be a whole number of base units, or "all"';
  if (text.length > MAX_BASE_UNIT_DIGITS) return "amount is too large";
  if (BigInt(text) === 0n) return "amount must be more than zero";
  if (text !== amount || (text.length > 1 && text.startsWith("0")))
    return "amount must be written without spaces or leading zeros";
  return undefined;
}

export const redemptionAmountSchema = z
  .string({ error: 'amount must be a string: base units or "all"' })
  .superRefine((amount, context) => {
    const problem = amountProblem(amount);
    if (problem) context.addIssue({ code: "custom", message: problem });
  });

/** POST /v1/redemptions (signed). The id makes a retry safe: the same id is redeemed once. */
export const redemptionRequestSchema = z
  .object({
    redemptionId: z.uuid({ error: "redemptionId must be a UUID" }),
    /** Base units as a decimal string, or "all" for the whole spendable balance. */
    amount: redemptionAmountSchema,
    /** Where the client expects the payout to go: must be the payout address the contributor set. */
    destination: checksummedAddressSchema,
  })
  .strict();
export type RedemptionRequest = z.infer<typeof redemptionRequestSchema>;

export const redemptionSchema = z.object({
  id: z.uuid(),
  /** Lowercase: the contributor's key. */
  contributor: addressSchema,
  /** EIP-55, as the contributor set it. */
  destination: addressSchema,
  /** Base units. */
  amount: z.string().regex(/^[1-9][0-9]*$/),
  status: z.enum(REDEMPTION_STATUSES),
  /** Known from `submitted` on. */
  txHash: z
    .string()
    .regex(/^0x[0-9a-f]{64}$/)
    .nullable(),
  /** Why a payout failed (its amount was refunded), else null. */
  failure: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Redemption = z.infer<typeof redemptionSchema>;

/** GET /v1/contributors/:address/redemptions — newest first. */
export const redemptionListSchema = z.object({ redemptions: z.array(redemptionSchema) });
export type RedemptionList = z.infer<typeof redemptionListSchema>;

export type ParsedTokenAmount = { ok: true; baseUnits: string } | { ok: false; message: string };

/** What a person types ("1.5", "20") → base units; refuses what a token of 18 decimals cannot hold. */
export function parseTokenAmount(text: string, decimals = TOKEN_DECIMALS): ParsedTokenAmount {
  const trimmed = text.trim();
  const match = /^([0-9]*)(?:\.([0-9]*))?$/.exec(trimmed);
  if (trimmed === "" || trimmed === "." || !match) return { ok: false, message: "Enter an amount such as 1.5." };
  const whole = match[1] ?? "";
  const fraction = match[2] ?? "";
  if (fraction.length > decimals) return { ok: false, message: `At most ${decimals} decimals.` };
  const baseUnits = BigInt(`${whole || "0"}${fraction.padEnd(decimals, "0")}`);
  if (baseUnits === 0n) return { ok: false, message: "Enter an amount above zero." };
  return { ok: true, baseUnits: baseUnits.toString() };
}
