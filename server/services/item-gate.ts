// The server's gate on each item of a valid batch: what it refuses to store, and the reason the contributor is told.
import type { Item } from "../../shared/item";
import { residualPiiInItem } from "../../shared/item-pii";

/** PostgreSQL text and jsonb cannot hold NUL, nor UTF-16 halves that encode no character. */
function holdsUnstorableText(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000") || !value.isWellFormed();
  if (Array.isArray(value)) return value.some(holdsUnstorableText);
  if (value !== null && typeof value === "object") return Object.values(value).some(holdsUnstorableText);
  return false;
}

/**
 * Why this item is refused, or undefined when it may be stored. Residual personal data (the same detector the
 * extension redacts with) is refused as `pii:<TYPE>`, naming the first type found in the text, then the other fields.
 */
export function refusalReason(item: Item): string | undefined {
  if (holdsUnstorableText(item)) return "contains a NUL or malformed Unicode character, which cannot be stored";
  const [residual] = residualPiiInItem(item);
  if (residual !== undefined) return `pii:${residual.type}`;
  return undefined;
}
