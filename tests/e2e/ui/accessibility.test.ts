// Every page of the extension in real Chromium, as assistive technology sees it: every control has a name, the tab
// order follows the page, and the focused control is visibly marked.
import type { Page, SerializedAXNode } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ExtensionBrowser, launchWithExtension } from "../harness/browser";
import { closeOnboarding } from "./pages";
import { putRows, seedItem, seedRow } from "./seed-items";

const CONTROLS = new Set([
  "button",
  "checkbox",
  "combobox",
  "link",
  "listbox",
  "menuitem",
  "radio",
  "searchbox",
  "slider",
  "spinbutton",
  "switch",
  "tab",
  "textbox",
]);

/** Controls in the accessibility tree that a screen reader would announce without a name. */
function unnamedControls(node: SerializedAXNode | null, path: string[] = []): string[] {
  if (!node) return [];
  const here = CONTROLS.has(node.role) && !node.name?.trim() ? [`${node.role} in ${path.join(" > ") || "page"}`] : [];
  const where = node.name ? [...path, `${node.role} "${node.name.slice(0, 40)}"`] : path;
  return [...here, ...(node.children ?? []).flatMap((child) => unnamedControls(child, where))];
}

interface FocusStop {
  tag: string;
  type: string | null;
  label: string;
  visible: boolean;
  tabIndex: number;
}

/** Presses Tab until the focus leaves the page (or `limit` times) and describes each focused element: whether its
 * focus is drawn, and its tab index. */
async function tabThrough(page: Page, limit: number): Promise<FocusStop[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const stops: FocusStop[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return undefined;
      const style = getComputedStyle(el);
      const outlined = style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0;
      return {
        tag: el.tagName.toLowerCase(),
        type: el.getAttribute("type"),
        label: (el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40),
        visible: outlined || style.boxShadow !== "none",
        tabIndex: el.tabIndex,
      };
    });
    if (!stop) break;
    stops.push(stop);
  }
  return stops;
}

describe("the extension's pages, for keyboard and screen reader users", () => {
  let extension: ExtensionBrowser;
  let page: Page;

  beforeAll(async () => {
    extension = await launchWithExtension();
    await closeOnboarding(extension);
    page = await extension.browser.newPage();
    await page.setViewport({ width: 1200, height: 900 });
    await page.goto(extension.extensionUrl("review.html"));
    await page.waitForSelector('[data-testid="empty"]');
    const now = Date.now();
    await putRows(
      page,
      Array.from({ length: 30 }, (_, i) => seedRow(seedItem(i), "pending", now - i * 1000)),
    );
  });

  afterAll(async () => {
    await extension?.close();
  });

  for (const [name, path, ready] of [
    ["review", "review.html", '[data-testid="item"]'],
    ["settings", "settings.html", '[data-testid="consent-x"]'],
    ["onboarding", "onboarding.html", '[data-testid="start-capturing"]'],
    ["popup", "popup.html", '[data-testid="count-pending"]'],
  ] as const) {
    it(`names every control on the ${name} page, and shows where the focus is in page order`, async () => {
      await page.goto(extension.extensionUrl(path));
      await page.waitForSelector(ready);
      const tree = await page.accessibility.snapshot({ interestingOnly: false });
      const controls = JSON.stringify(tree).match(/"role":"(button|checkbox|textbox|combobox|switch|link|tab)"/g);
      expect(controls?.length ?? 0).toBeGreaterThan(3);
      expect(unnamedControls(tree)).toEqual([]);

      const stops = await tabThrough(page, 25);
      expect(stops.length).toBeGreaterThan(3);
      expect(stops.filter((stop) => !stop.visible)).toEqual([]);
      // No positive tabindex: the order is the page's own reading order.
      expect(stops.filter((stop) => stop.tabIndex > 0)).toEqual([]);
    });
  }
});
