// The server's native hashes must equal the portable ones the extension computes, for every string it may be sent.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { itemContentHash, sha256Hex } from "../../../server/sha256";
import { contentHash } from "../../../shared/content-hash";
import { bodyHash } from "../../../shared/request-auth";

// Any UTF-16 code units, lone surrogates included: both sides encode those as U+FFFD.
const anyText = fc.string({ unit: "binary", maxLength: 300 });
const unpairedText = fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((u) => String.fromCharCode(u)) });

describe("the server's native SHA-256", () => {
  it("hashes any body exactly as the extension's bodyHash does", () => {
    fc.assert(fc.property(fc.oneof(anyText, unpairedText), (body) => sha256Hex(body) === bodyHash(body)));
  });

  it("gives any item the contentHash the extension gives it", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, unpairedText), anyText, (text, id) => {
        const item = { platform: "x" as const, id, text };
        return itemContentHash(item) === contentHash(item);
      }),
    );
  });

  it("matches the published SHA-256 of the empty string", () => {
    expect(sha256Hex("")).toBe("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
});
