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

/** Waits until the element with this test id shows exactly `expected` (trimmed), or fails naming what it shows. */
export async function waitForTestIdText(page: Page, testId: string, expected: string | RegExp): Promise<void> {
  const pattern =
    typeof expected === "string" ? `^${expected.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$` : expected.source;
  await page
    .waitForFunction(
      (id, source) =>
        new RegExp(source).test(document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? ""),
      { timeout: 15_000 },
      testId,
      pattern,
    )
    .catch(async () => {
      const actual = await page.$eval(`[data-testid="${testId}"]`, (el) => el.textContent).catch(() => "(absent)");
      throw new Error(`${testId}: expected ${String(expected)}, shows "${actual}"`);
    });
}

/** Replaces what a text field holds, typing like a person (so the page's input handlers run). */
export async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await page.focus(selector);
  await page.keyboard.down("Control");
  await page.keyboard.press("a");
  await page.keyboard.up("Control");
  await page.keyboard.press("Backspace");
  if (text !== "") await page.keyboard.type(text);
}

/** Whether a checkbox is ticked. */
export function isChecked(page: Page, selector: string): Promise<boolean> {
  return page.$eval(selector, (el) => (el as HTMLInputElement).checked);
}

/** Sends a message to the background from an extension page, as a tab's content script would. */
export function sendToBackground(page: Page, message: object): Promise<unknown> {
  return page.evaluate(
    (body) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<unknown> } } }
      ).chrome.runtime.sendMessage(body),
    message,
  );
}
