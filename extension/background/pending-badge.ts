// The toolbar badge: how many captured items wait for the user's review, kept current as items change anywhere.
import { liveQuery } from "dexie";
import { browser } from "wxt/browser";
import { tributaryDatabase } from "../storage/database";
import { countByStatusDecided } from "../storage/decisions";

export function pendingBadgeText(pending: number): string {
  return pending === 0 ? "" : pending > 999 ? "999+" : String(pending);
}

const pendingCount = async () => (await countByStatusDecided(tributaryDatabase())).pending;

async function showPending(pending: number): Promise<void> {
  const action = browser.action ?? browser.browserAction;
  await action.setBadgeBackgroundColor({ color: "#2f6f5e" });
  await action.setBadgeText({ text: pendingBadgeText(pending) });
}

export async function refreshPendingBadge(): Promise<void> {
  await showPending(await pendingCount());
}

/** Follows the pending count (review page decisions, captures, uploads, deletions) and updates the badge. */
export function keepPendingBadgeCurrent(): void {
  liveQuery(pendingCount).subscribe({
    next: (pending) => void showPending(pending).catch(() => undefined),
    error: () => undefined,
  });
}
