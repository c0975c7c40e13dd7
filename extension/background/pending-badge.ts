// The toolbar badge: how many captured items wait for the user's review.
import { browser } from "wxt/browser";
import { tributaryDatabase } from "../storage/database";

export async function refreshPendingBadge(): Promise<void> {
  const pending = await tributaryDatabase().items.where("status").equals("pending").count();
  const action = browser.action ?? browser.browserAction;
  await action.setBadgeBackgroundColor({ color: "#2f6f5e" });
  await action.setBadgeText({ text: pending === 0 ? "" : pending > 999 ? "999+" : String(pending) });
}
