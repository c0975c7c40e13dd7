// The pages that show or export items ask the background to store what tabs captured first (it otherwise waits for
// the user to pause browsing: background/capture-storing.ts).
import { browser } from "wxt/browser";

/** Resolves once the background has stored every staged post (or could not be reached). */
export async function storeCapturesNow(): Promise<void> {
  await browser.runtime.sendMessage({ type: "store-captures" }).catch(() => undefined);
}
