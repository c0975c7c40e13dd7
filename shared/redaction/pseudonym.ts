// Stable pseudonyms for other people's handles and ids: HMAC-SHA-256 with a per-install secret, so the same account
// reads the same across items of one contributor, and cannot be linked across contributors or reversed.
import { hmac } from "@noble/hashes/hmac";
import { sha256 } from "@noble/hashes/sha2";

const encoder = new TextEncoder();

/** Same secret, platform and account (case and a leading "@" or "u/" ignored) → same `user_<12 hex>`. */
export function pseudonymize(secret: Uint8Array, platform: string, value: string): string {
  const account = value
    .trim()
    .replace(/^(?:@|\/?u\/)/, "")
    .toLowerCase();
  const mac = hmac(sha256, secret, encoder.encode(`${platform}\u0000${account}`));
  // 48 bits: collisions stay negligible for the few thousand accounts one contributor meets.
  let hex = "";
  for (let i = 0; i < 6; i++) hex += mac[i]!.toString(16).padStart(2, "0");
  return `user_${hex}`;
}
