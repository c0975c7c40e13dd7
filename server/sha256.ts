// SHA-256 with Node's native implementation: the server hashes every body, item and text it ingests, and the portable
// JavaScript one shared with the extension is several times slower. Same input, same hex, so both sides agree.
import { createHash } from "node:crypto";
import type { Hex } from "viem";
import { canonicalContent } from "../shared/content-hash";
import type { Item } from "../shared/item";

/** The SHA-256 of the text's UTF-8 bytes, as 0x-prefixed lowercase hex (as `bodyHash` in shared/request-auth.ts). */
export function sha256Hex(text: string): Hex {
  return `0x${createHash("sha256").update(text, "utf8").digest("hex")}`;
}

/** `contentHash` of shared/content-hash.ts, hashed natively: lowercase hex without prefix. */
export function itemContentHash(item: Pick<Item, "platform" | "id" | "text">): string {
  return createHash("sha256").update(canonicalContent(item), "utf8").digest("hex");
}
