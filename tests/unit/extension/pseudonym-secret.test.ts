import { describe, expect, it } from "vitest";
import { loadPseudonymSecret, type SecretStorage } from "../../../extension/identity/pseudonym-secret";

function memoryStorage(initial: Record<string, unknown> = {}): SecretStorage & { data: Record<string, unknown> } {
  const data = { ...initial };
  return {
    data,
    get: async (key) => (key in data ? { [key]: data[key] } : {}),
    set: async (items) => {
      Object.assign(data, items);
    },
  };
}

describe("the per-install pseudonym secret", () => {
  it("is generated once, 32 random bytes, and read back the same afterwards", async () => {
    const storage = memoryStorage();
    const first = await loadPseudonymSecret(storage);
    const again = await loadPseudonymSecret(storage);

    expect(first).toHaveLength(32);
    expect(again).toEqual(first);
    expect(storage.data.pseudonymSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(await loadPseudonymSecret(memoryStorage())).not.toEqual(first);
  });

  it("replaces a stored value that is not a valid secret", async () => {
    const storage = memoryStorage({ pseudonymSecret: "not hex" });
    const secret = await loadPseudonymSecret(storage);
    expect(secret).toHaveLength(32);
    expect(storage.data.pseudonymSecret).toMatch(/^[0-9a-f]{64}$/);
  });
});
