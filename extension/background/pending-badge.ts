// The toolbar badge: how many captured items wait for the user's review, kept current as items change anywhere.
import { liveQuery } from "dexie";
import { browser } from "wxt/browser";
import { tributaryDatabase } from "../storage/database";
import { countInStatus } from "../storage/item-counters";

export function pendingBadgeText(pending: number): string {
  return pending === 0 ? "" : pending > 999 ? "999+" : String(pending);
}

async function showPending(pending: number): Promise<void> {
  const action = browser.action ?? browser.browserAction;
  await action.setBadgeBackgroundColor({ color: "#2f6f5e" });
  await action.setBadgeText({ text: pendingBadgeText(pending) });
}

export async function refreshPendingBadge(): Promise<void> {
  await showPending(await countInStatus(tributaryDatabase().counters, "pending"));
}

/** Follows the pending count (review page decisions, captures, uploads, deletions) and updates the badge. */
export function keepPendingBadgeCurrent(): void {
  liveQuery(() => countInStatus(tributaryDatabase().counters, "pending")).subscribe({
    next: (pending) => void showPending(pending).catch(() => undefined),
    error: () => undefined,
  });
}
