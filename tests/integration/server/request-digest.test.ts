// The server's direct EIP-712 hash of a request is exactly viem's, so every signature the extension makes still holds.
import fc from "fast-check";
import { type Hex, hashTypedData } from "viem";
import { describe, expect, it } from "vitest";
import {
  type HashedRequestFields,
  requestAuthDomain,
  requestAuthTypes,
  requestDigest,
  signRequest,
  verifyRequestDigest,
  verifyRequestSignature,
} from "../../../shared/request-auth";
import { newContributor } from "../../helpers/server";

const bytes32 = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map((bytes) => `0x${Buffer.from(bytes).toString("hex")}` as Hex);
const fields = fc.record({
  method: fc.string({ unit: "grapheme", maxLength: 12 }),
  path: fc.string({ unit: "grapheme", maxLength: 80 }),
  bodyHash: bytes32,
  nonce: bytes32,
  timestamp: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
});

function viemDigest(request: HashedRequestFields): Hex {
  return hashTypedData({
    domain: requestAuthDomain,
    types: requestAuthTypes,
    primaryType: "Request",
    message: {
      method: request.method.toUpperCase(),
      path: request.path,
      bodyHash: request.bodyHash,
      nonce: request.nonce,
      timestamp: BigInt(request.timestamp),
    },
  });
}

describe("request digest", () => {
  it("equals viem's hashTypedData for any method, path, hashes and timestamp", () => {
    fc.assert(
      fc.property(fields, (request) => {
        expect(requestDigest(request)).toBe(viemDigest(request));
      }),
      { numRuns: 300 },
    );
  });

  it("gives no digest for fields viem cannot encode", () => {
    const valid: HashedRequestFields = {
      method: "POST",
      path: "/v1/batches",
      bodyHash: `0x${"ab".repeat(32)}`,
      nonce: `0x${"cd".repeat(32)}`,
      timestamp: 1_700_000_000,
    };
    expect(requestDigest({ ...valid, bodyHash: "0xabcd" })).toBeUndefined();
    expect(requestDigest({ ...valid, nonce: `0x${"zz".repeat(32)}` as Hex })).toBeUndefined();
    expect(requestDigest({ ...valid, timestamp: -1 })).toBeUndefined();
    expect(requestDigest({ ...valid, timestamp: 1.5 })).toBeUndefined();
    expect(requestDigest({ ...valid, timestamp: Number.NaN })).toBeUndefined();
  });

  it("verifies a signed request and refuses it for another signer, body or flipped recovery byte", async () => {
    const signer = newContributor();
    const body = JSON.stringify({ hello: "world" });
    const headers = await signRequest(signer, { method: "POST", path: "/v1/batches", body });
    const signature = headers["x-tributary-signature"] as Hex;
    const signed = {
      method: "POST",
      path: "/v1/batches",
      body,
      nonce: headers["x-tributary-nonce"] as Hex,
      timestamp: Number(headers["x-tributary-timestamp"]),
    };

    expect(await verifyRequestSignature(signer.address, signature, signed)).toBe(true);
    expect(await verifyRequestSignature(signer.address.toLowerCase() as Hex, signature, signed)).toBe(true);
    expect(await verifyRequestSignature(newContributor().address, signature, signed)).toBe(false);
    expect(await verifyRequestSignature(signer.address, signature, { ...signed, body: `${body} ` })).toBe(false);
    const recovery = Number.parseInt(signature.slice(-2), 16);
    const flipped = `${signature.slice(0, -2)}${(recovery === 27 ? 28 : 27).toString(16)}` as Hex;
    expect(await verifyRequestSignature(signer.address, flipped, signed)).toBe(false);
    expect(
      await verifyRequestDigest(signer.address, `0x${"00".repeat(65)}`, {
        ...signed,
        bodyHash: `0x${"00".repeat(32)}`,
      }),
    ).toBe(false);
  });
});
