// filter → store: what the background does with the items a tab parsed, and with the responses it could not read.
import type { CapturedItemsMessage, UnparsedResponseMessage } from "../messages";
import type { Settings } from "../settings";
import type { TributaryDatabase } from "../storage/database";
import { countUnparsed } from "./count-unparsed";
import { keepItem } from "./filter-items";
import { storeNewItems } from "./store-items";

export interface IngestResult {
  parsed: number;
  kept: number;
  stored: number;
}

interface IngestDeps {
  db: TributaryDatabase;
  settings: Settings;
  now: number;
}

/** The background decides again from the settings: a tab's view of them may be a moment old. */
function capturing(platform: CapturedItemsMessage["platform"], settings: Settings): boolean {
  return settings.captureEnabled && settings.platforms[platform];
}

export async function ingestItems(message: CapturedItemsMessage, deps: IngestDeps): Promise<IngestResult> {
  if (!capturing(message.platform, deps.settings)) return { parsed: 0, kept: 0, stored: 0 };
  // Every item must belong to the platform the message names: consent is per platform.
  const kept = message.items.filter((item) => item.platform === message.platform && keepItem(item, deps.settings));
  const stored = await storeNewItems(deps.db, kept, deps.now);
  return { parsed: message.items.length, kept: kept.length, stored };
}

export async function recordUnparsed(message: UnparsedResponseMessage, deps: IngestDeps): Promise<void> {
  if (!capturing(message.platform, deps.settings)) return;
  await countUnparsed(deps.db, message, deps.now);
}
