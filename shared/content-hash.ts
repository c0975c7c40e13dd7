// contentHash: the unit of deduplication everywhere (device, wire, server).
import { sha256, stringToBytes } from "viem";
import type { Item } from "./item";

/** SHA-256 (lowercase hex, no prefix) of the canonical JSON of (platform, id, text): keys sorted, no spaces. */
export function contentHash(item: Pick<Item, "platform" | "id" | "text">): string {
  const canonical = JSON.stringify({ id: item.id, platform: item.platform, text: item.text });
  return sha256(stringToBytes(canonical)).slice(2);
}

export const contentHashSchemaPattern = /^[0-9a-f]{64}$/;
