// contentHash: the unit of deduplication everywhere (device, wire, server).
import { sha256, stringToBytes } from "viem";
import type { Item } from "./item";

/** SHA-256 (lowercase hex, no prefix) of the canonical JSON of (platform, id, text): keys sorted, no spaces. */
export function contentHash(item: Pick<Item, "platform" | "id" | "text">): string {
  return sha256(stringToBytes(canonicalContent(item))).slice(2);
}

/** The canonical JSON of (platform, id, text) that contentHash hashes: keys sorted, no spaces. */
export function canonicalContent(item: Pick<Item, "platform" | "id" | "text">): string {
  return JSON.stringify({ id: item.id, platform: item.platform, text: item.text });
}

export const contentHashSchemaPattern = /^[0-9a-f]{64}$/;
