// Redeeming from the popup in real Chromium: the server on a fresh PGlite with a dev chain, items uploaded by the
// extension to earn a balance, the payout address set in settings, then redeem → confirmed, paid on chain.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "puppeteer-core";
import { type Address, getAddress } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployToken } from "../../server/chain/deploy-token";
import { type DevChain, startDevChain } from "../../server/chain/dev-chain";
import { createTokenClient, type TokenClient } from "../../server/chain/token-client";
import { loadConfig } from "../../server/config";
import { balanceOf } from "../../server/services/ledger";
import { type RunningServer, startServer } from "../../server/start";
import { formatAmount } from "../../shared/amounts";
import { type ExtensionBrowser, launchWithExtension } from "./harness/browser";
import { putRows, seedItem, seedRow } from "./ui/seed-items";

const TOKEN = 10n ** 18n;
const TOPICS = ["river", "garden", "harbour", "orchard", "meadow", "lighthouse"];

/** Long, distinct posts (each earns a full point), approved by the user and waiting for upload. */
function approvedRows() {
  return TOPICS.map((topic, index) => {
    const text = `Walked along the ${topic} this morning. ${`The ${topic} was quiet and the light on the water was soft, a good start to a long day of work on the ${topic} survey. `.repeat(2)}`;
    return seedRow(seedItem(index, text, { platform: "x", kind: "post", promoted: false }), "approved");
  });
}

async function waitForTestId(page: Page, testId: string, check: string, expected: string): Promise<void> {
  await page.waitForFunction(
    (id, attribute, value) => {
      const element = document.querySelector(`[data-testid="${id}"]`);
      const actual = attribute === "text" ? element?.textContent?.trim() : element?.getAttribute(attribute);
      return actual === value;
    },
    { timeout: 30_000 },
    testId,
    check,
    expected,
  );
}

describe("redeeming from the popup on the dev chain in real Chromium", () => {
  let chain: DevChain;
  let token: TokenClient;
  let server: RunningServer;
  let dataDir: string;
  let extension: ExtensionBrowser;

  beforeAll(async () => {
    chain = await startDevChain();
    const tokenAddress = await deployToken(chain.rpcUrl, chain.payoutPrivateKey);
    token = createTokenClient({ rpcUrl: chain.rpcUrl, tokenAddress, payoutPrivateKey: chain.payoutPrivateKey });
    dataDir = mkdtempSync(join(tmpdir(), "tributary-pglite-"));
    // The server reads its chain from the same variables as in production.
    const config = loadConfig({
      PORT: "0",
      DATA_DIR: dataDir,
      LOG_LEVEL: "silent",
      CHAIN_RPC_URL: chain.rpcUrl,
      TOKEN_ADDRESS: tokenAddress,
      PAYOUT_PRIVATE_KEY: chain.payoutPrivateKey,
      PAYOUT_POLL_MS: "100",
    });
    server = await startServer({ config });
    extension = await launchWithExtension();
  });

  afterAll(async () => {
    await extension?.close();
    await server?.close();
    await chain?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("redeems 1.5 TRIB, shows confirmed with the transaction hash, and the payout address holds exactly that", async () => {
    const payoutAddress: Address = getAddress(privateKeyToAccount(generatePrivateKey()).address);

    // The user points the popup at the server; approved items wait in the extension and are uploaded from the popup.
    const popup = await extension.browser.newPage();
    await popup.goto(extension.extensionUrl("popup.html"));
    await popup.waitForSelector('[data-testid="redeem-panel"]');
    // Before a payout address is set, the panel says so and redeeming is off.
    await popup.waitForSelector('[data-testid="redeem-no-payout"]');
    expect(await popup.$eval('[data-testid="redeem"]', (el) => (el as HTMLButtonElement).disabled)).toBe(true);
    await popup.$eval("details", (el) => {
      (el as HTMLDetailsElement).open = true;
    });
    await popup.$eval('[data-testid="server-url"]', (el) => {
      (el as HTMLInputElement).value = "";
    });
    await popup.type('[data-testid="server-url"]', server.url);
    await popup.click('[data-testid="save-server-url"]');
    await popup.waitForFunction(() => document.body.textContent?.includes("Saved."));
    const rows = approvedRows();
    await putRows(popup, rows);
    await popup.reload();
    await popup.waitForSelector('[data-testid="upload-now"]');
    await popup.click('[data-testid="upload-now"]');
    await waitForTestId(popup, "count-uploaded", "text", String(rows.length));

    const contributor = (await server.db.query<{ contributor: string }>("select contributor from batches limit 1"))[0]
      ?.contributor;
    expect(contributor).toMatch(/^0x[0-9a-f]{40}$/);
    const earned = BigInt(await balanceOf(server.db, contributor as string));
    expect(earned).toBeGreaterThanOrEqual(2n * TOKEN);

    // The user sets the payout address on the settings page.
    const settings = await extension.browser.newPage();
    await settings.goto(extension.extensionUrl("settings.html"));
    await settings.waitForSelector('[data-testid="payout-address"]');
    await settings.type('[data-testid="payout-address"]', payoutAddress);
    await settings.click('[data-testid="save-payout"]');
    await waitForTestId(settings, "payout-message", "text", "Saved. Rewards will be paid to this address.");

    // Back in the popup: the destination is shown; the user asks for 1.5 TRIB and confirms.
    await popup.bringToFront();
    await popup.reload();
    await waitForTestId(popup, "redeem-destination", "text", payoutAddress);
    await waitForTestId(popup, "balance", "text", `${formatAmount(earned)} TRIB`);
    await popup.type('[data-testid="redeem-amount"]', "1.5");
    await popup.click('[data-testid="redeem"]');
    await popup.waitForSelector('[data-testid="redeem-confirm-text"]');
    const confirmation = await popup.$eval('[data-testid="redeem-confirm-text"]', (el) => el.textContent ?? "");
    expect(confirmation).toContain("1.5 TRIB");
    expect(confirmation).toContain(payoutAddress);
    // Nothing is redeemed before the confirmation.
    expect(await server.db.query("select id from redemptions")).toEqual([]);
    await popup.click('[data-testid="redeem-confirm"]');

    // Live status until confirmed, with the transaction hash shown.
    await waitForTestId(popup, "redeem-status", "data-status", "confirmed");
    const txHash = await popup.$eval('[data-testid="redeem-tx"]', (el) => (el as HTMLInputElement).value);
    expect(txHash).toMatch(/^0x[0-9a-f]{64}$/);
    const [redemption] = await server.db.query<{ tx_hash: string; amount: string; destination: string }>(
      "select tx_hash, amount::text, destination from redemptions",
    );
    expect(redemption).toEqual({
      tx_hash: txHash,
      amount: ((15n * TOKEN) / 10n).toString(),
      destination: payoutAddress,
    });
    expect(await token.balanceOf(payoutAddress)).toBe((15n * TOKEN) / 10n);

    // The balance and the history follow.
    const left = earned - (15n * TOKEN) / 10n;
    await waitForTestId(popup, "balance", "text", `${formatAmount(left)} TRIB`);
    await popup.waitForSelector('[data-testid="redeem-history"] li[data-status="confirmed"]');
    expect(await popup.$$eval('[data-testid="redeem-history"] li', (items) => items.length)).toBe(1);

    // An amount above the balance is refused before anything is signed, with a clear message.
    await popup.type('[data-testid="redeem-amount"]', "1000000");
    await popup.click('[data-testid="redeem"]');
    await waitForTestId(popup, "redeem-error", "text", "That is more than your balance.");
    expect((await server.db.query("select id from redemptions")).length).toBe(1);

    // The server's own refusal (below the smallest redemption) is shown in its words, and nothing is debited.
    await popup.click('[data-testid="redeem-amount"]', { count: 3 });
    await popup.type('[data-testid="redeem-amount"]', "0.5");
    await popup.click('[data-testid="redeem"]');
    await popup.click('[data-testid="redeem-confirm"]');
    await popup.waitForFunction(
      () => document.querySelector('[data-testid="redeem-error"]')?.textContent?.includes("smallest redemption"),
      { timeout: 30_000 },
    );
    expect((await server.db.query("select id from redemptions")).length).toBe(1);
    expect(await balanceOf(server.db, contributor as string)).toBe(left.toString());
  });
});
