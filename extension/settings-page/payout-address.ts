// The payout address as the user types it: validated and written in its EIP-55 checksummed form.
import { getAddress, isAddress } from "viem";

export type PayoutAddressResult = { ok: true; address: string | null } | { ok: false; reason: "invalid" | "checksum" };

/** Empty clears it; a valid address comes back checksummed; a mixed-case address with a wrong checksum is refused. */
export function readPayoutAddress(input: string): PayoutAddressResult {
  const value = input.trim();
  if (value === "") return { ok: true, address: null };
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) return { ok: false, reason: "invalid" };
  // All lower or all upper case carries no checksum; mixed case must match it (a typo changes it).
  const mixed = value.slice(2) !== value.slice(2).toLowerCase() && value.slice(2) !== value.slice(2).toUpperCase();
  if (mixed && !isAddress(value, { strict: true })) return { ok: false, reason: "checksum" };
  return { ok: true, address: getAddress(value.toLowerCase()) };
}
