// filter: the user's rules, applied before anything is stored.
import type { Item } from "../../shared/item";
import type { Settings } from "../settings";

export function keepItem(item: Item, settings: Settings): boolean {
  if (!settings.captureEnabled) return false;
  if (!settings.platforms[item.platform]) return false;
  // Private messages are never collected, whatever the rules say.
  if (item.kind === "message" && item.platform !== "discord") return false;
  return true;
}
