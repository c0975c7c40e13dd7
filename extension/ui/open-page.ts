// Opens one of the extension's own pages in a tab (from the popup, which then closes).
import { browser } from "wxt/browser";

export type ExtensionPage = "review.html" | "settings.html" | "onboarding.html";

export async function openExtensionPage(page: ExtensionPage, closePopup = false): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL(`/${page}`) });
  if (closePopup) window.close();
}
