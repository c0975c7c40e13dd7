// First run in real Chromium with the built extension: the onboarding page opens by itself, and the platforms and
// payout address chosen there are saved.
import type { Page, WebWorker } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ExtensionBrowser, launchWithExtension } from "../harness/browser";
import { readExtensionStorage } from "../harness/extension-storage";
import { onboardingTab, screenshot, typeInto, waitForTestIdText } from "./pages";

const PAYOUT = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

describe("the onboarding page", () => {
  let extension: ExtensionBrowser;
  let worker: WebWorker;
  let page: Page;

  beforeAll(async () => {
    extension = await launchWithExtension();
    worker = await extension.worker();
  });

  afterAll(async () => {
    await extension?.close();
  });

  it("opens by itself on install, with capture off until a platform is chosen", async () => {
    page = await onboardingTab(extension);
    await page.bringToFront();
    await page.setViewport({ width: 1000, height: 900 });
    await page.waitForSelector('[data-testid="start-capturing"]');
    expect(await page.$eval('[data-testid="start-capturing"]', (el) => (el as HTMLButtonElement).disabled)).toBe(true);
    expect(await page.$eval("main", (el) => el.textContent)).toContain("Choose at least one platform first.");
    expect(await readExtensionStorage(worker, "settings")).toBeUndefined();
    await screenshot(page, "onboarding");
  });

  it("saves the chosen platforms and payout address, and starts capture", async () => {
    await page.click('[data-testid="consent-x"]');
    await page.click('[data-testid="consent-bluesky"]');
    await typeInto(page, '[data-testid="payout-address"]', "0xnot-an-address");
    await page.click('[data-testid="save-payout"]');
    await waitForTestIdText(page, "payout-message", /0x followed by 40 hexadecimal/);
    await typeInto(page, '[data-testid="payout-address"]', PAYOUT.toLowerCase());
    await page.click('[data-testid="save-payout"]');
    await waitForTestIdText(page, "payout-message", /^Saved/);

    await page.click('[data-testid="start-capturing"]');
    await page.waitForSelector('[data-testid="onboarding-done"]');
    const settings = (await readExtensionStorage(worker, "settings")) as {
      captureEnabled: boolean;
      platforms: Record<string, boolean>;
      payoutAddress: string | null;
    };
    expect(settings.captureEnabled).toBe(true);
    const chosen = Object.entries(settings.platforms)
      .filter(([, on]) => on)
      .map(([platform]) => platform);
    expect(chosen.sort()).toEqual(["bluesky", "x"]);
    expect(settings.payoutAddress).toBe(PAYOUT);
    await screenshot(page, "onboarding-done");
  });
});
