// filter → redact → store: what the background does with the items a tab parsed, and with the responses it could not read.
import type { Item } from "../../shared/item";
import { pseudonymSecret } from "../identity/pseudonym-secret";
import type { CapturedItemsMessage, UnparsedResponseMessage } from "../messages";
import type { Settings } from "../settings";
import type { TributaryDatabase } from "../storage/database";
import { countUnparsed } from "./count-unparsed";
import { compileFilter } from "./filter-items";
import { redactItem } from "./redact-items";
import { storeNewPosts } from "./store-items";

export interface IngestResult {
  parsed: number;
  kept: number;
  stored: number;
}

export interface IngestDeps {
  db: TributaryDatabase;
  settings: Settings;
  now: number;
  /** The per-install pseudonym secret; read from extension storage when not given. */
  secret?: Uint8Array;
}

/** The background decides again from the settings: a tab's view of them may be a moment old. */
function capturing(platform: CapturedItemsMessage["platform"], settings: Settings): boolean {
  return settings.captureEnabled && settings.platforms[platform];
}

/** The message's items the user's consent and rules keep (none while its platform is off). */
export function keptItems(message: CapturedItemsMessage, settings: Settings, now: number): Item[] {
  if (!capturing(message.platform, settings)) return [];
  const keep = compileFilter(settings, now);
  // Every item must belong to the platform the message names: consent is per platform.
  return message.items.filter((item) => item.platform === message.platform && keep(item));
}

/** Redacts and stores the posts not on the device yet (`capturedAt`: when they were captured). */
export async function storeCapturedPosts(items: Item[], deps: IngestDeps & { capturedAt?: number }): Promise<number> {
  if (items.length === 0) return 0;
  const secret = deps.secret ?? (await pseudonymSecret());
  // Only the posts not on the device yet are redacted: a timeline seen again costs one index read.
  const redact = (item: Item) => redactItem(item, { secret, settings: deps.settings });
  return storeNewPosts(deps.db, items, redact, deps.capturedAt ?? deps.now);
}

/** The whole pipeline at once, for one message: filter, redact, store. */
export async function ingestItems(message: CapturedItemsMessage, deps: IngestDeps): Promise<IngestResult> {
  if (!capturing(message.platform, deps.settings)) return { parsed: 0, kept: 0, stored: 0 };
  const kept = keptItems(message, deps.settings, deps.now);
  if (kept.length === 0) return { parsed: message.items.length, kept: 0, stored: 0 };
  const stored = await storeCapturedPosts(kept, deps);
  return { parsed: message.items.length, kept: kept.length, stored };
}

export async function recordUnparsed(message: UnparsedResponseMessage, deps: IngestDeps): Promise<void> {
  if (!capturing(message.platform, deps.settings)) return;
  await countUnparsed(deps.db, message, deps.now);
}
