// Token amounts: integers in the token's base units (18 decimals), carried as decimal strings.
import { z } from "zod";

export const TOKEN_DECIMALS = 18;
export const TOKEN_SYMBOL = "TRIB";

export const amountSchema = z.string().regex(/^(0|[1-9][0-9]{0,77})$/, "must be a non-negative integer in base units");

/** "1234500000000000000" → "1.2345" (trailing zeros dropped). */
export function formatAmount(baseUnits: string | bigint, decimals = TOKEN_DECIMALS): string {
  const value = BigInt(baseUnits);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const scale = 10n ** BigInt(decimals);
  const whole = abs / scale;
  const fraction = (abs % scale).toString().padStart(decimals, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}
