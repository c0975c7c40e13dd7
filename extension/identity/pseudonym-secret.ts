// The per-install secret behind other people's pseudonyms: generated once on the device, never sent anywhere.
import { browser } from "wxt/browser";
import { exclusive } from "../platform/exclusive";

const KEY = "pseudonymSecret";
const SECRET_HEX = /^[0-9a-f]{64}$/;

/** The part of extension storage this module needs (`browser.storage.local` in the extension). */
export interface SecretStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function fromHex(hex: string): Uint8Array {
  return Uint8Array.from({ length: hex.length / 2 }, (_, i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

async function readSecret(storage: SecretStorage): Promise<Uint8Array | undefined> {
  const value = (await storage.get(KEY))[KEY];
  return typeof value === "string" && SECRET_HEX.test(value) ? fromHex(value) : undefined;
}

/** The 32-byte secret, created on first use (once, even if several contexts ask at once). */
export async function loadPseudonymSecret(storage: SecretStorage): Promise<Uint8Array> {
  const existing = await readSecret(storage);
  if (existing) return existing;
  return exclusive("tributary-pseudonym-secret", async () => {
    const raced = await readSecret(storage);
    if (raced) return raced;
    const created = crypto.getRandomValues(new Uint8Array(32));
    await storage.set({ [KEY]: toHex(created) });
    return created;
  });
}

/** The extension's own secret, from its local storage. */
export function pseudonymSecret(): Promise<Uint8Array> {
  return loadPseudonymSecret(browser.storage.local);
}
