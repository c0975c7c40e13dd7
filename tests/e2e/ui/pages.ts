// The extension's pages in tests: the onboarding tab that opens on install, and screenshots into tests/artifacts.
import { mkdirSync } from "node:fs";
import type { Page } from "puppeteer-core";
import type { ExtensionBrowser } from "../harness/browser";

/** Waits for the onboarding tab the extension opens on install and closes it (or returns it, to test it). */
export async function closeOnboarding(extension: ExtensionBrowser): Promise<void> {
  const page = await onboardingTab(extension);
  await page.close();
}

export async function onboardingTab(extension: ExtensionBrowser): Promise<Page> {
  const target = await extension.browser.waitForTarget((t) => t.url().endsWith("/onboarding.html"), {
    timeout: 15_000,
  });
  const page = await target.page();
  if (!page) throw new Error("the onboarding tab has no page");
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync("tests/artifacts", { recursive: true });
  await page.screenshot({ path: `tests/artifacts/${name}.png`, fullPage: true });
}
