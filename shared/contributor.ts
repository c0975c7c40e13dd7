// Wire format of a contributor's account: the payout address they set, and what they have earned and are owed.
import { getAddress } from "viem";
import { z } from "zod";
import { amountSchema } from "./amounts";
import { addressSchema } from "./batch";

const HEX_ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const ZERO_ADDRESS = `0x${"0".repeat(40)}`;

/** An EIP-55 checksummed address: the mixed case proves it was copied whole, so a typo is caught before money moves. */
export const checksummedAddressSchema = z
  .string()
  .regex(HEX_ADDRESS, { error: "must be a 0x-prefixed 20-byte address", abort: true })
  .refine((value) => value.toLowerCase() !== ZERO_ADDRESS, "must not be the zero address (tokens sent there are lost)")
  // zod runs every check; getAddress throws on what is not 20 bytes of hex, so it only sees what passed the regex.
  .refine(
    (value) => !HEX_ADDRESS.test(value) || getAddress(value) === value,
    "must be EIP-55 checksummed (mixed case, as wallets show it)",
  );

/** PUT /v1/contributors/me (signed). */
export const payoutAddressRequestSchema = z.object({ payoutAddress: checksummedAddressSchema }).strict();
export type PayoutAddressRequest = z.infer<typeof payoutAddressRequestSchema>;

/** GET /v1/contributors/:address, and the answer to PUT /v1/contributors/me. */
export const contributorSchema = z.object({
  /** Lowercase. */
  address: addressSchema,
  /** Where payouts go; null until the contributor sets it. */
  payoutAddress: addressSchema.nullable(),
  /** Spendable now, in base units. */
  balance: amountSchema,
  /** Redeemed and waiting for its payout to be confirmed, in base units. */
  pending: amountSchema,
  totals: z.object({
    /** Everything ever credited for items, in base units. */
    earned: amountSchema,
    itemsAccepted: z.number().int().nonnegative(),
    batches: z.number().int().nonnegative(),
  }),
});
export type Contributor = z.infer<typeof contributorSchema>;
