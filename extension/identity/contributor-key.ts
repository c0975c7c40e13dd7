// The extension's own secp256k1 key: generated once on the device, it signs every upload and is the contributor's id.
import { generatePrivateKey, type LocalAccount, privateKeyToAccount } from "viem/accounts";
import { browser } from "wxt/browser";
import { exclusive } from "../platform/exclusive";

const KEY = "contributorKey";
const PRIVATE_KEY = /^0x[0-9a-f]{64}$/;

async function readKey(): Promise<`0x${string}` | undefined> {
  const value = (await browser.storage.local.get(KEY))[KEY];
  return typeof value === "string" && PRIVATE_KEY.test(value) ? (value as `0x${string}`) : undefined;
}

/** The contributor's account, creating its key on first use (once, even if several contexts ask at once). */
export async function contributorAccount(): Promise<LocalAccount> {
  const existing = await readKey();
  if (existing) return privateKeyToAccount(existing);
  return exclusive("tributary-contributor-key", async () => {
    const raced = await readKey();
    if (raced) return privateKeyToAccount(raced);
    const created = generatePrivateKey();
    await browser.storage.local.set({ [KEY]: created });
    return privateKeyToAccount(created);
  });
}
