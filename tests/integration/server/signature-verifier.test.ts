// The server's remembered-key signature check answers exactly as recovering the signer's address does, first time or not.
import { secp256k1 } from "@noble/curves/secp256k1";
import fc from "fast-check";
import type { Hex } from "viem";
import { describe, expect, it } from "vitest";
import { createSignatureVerifier } from "../../../server/signature-verifier";
import { bodyHash, type HashedRequestFields, signRequest, verifyRequestDigest } from "../../../shared/request-auth";
import { newContributor } from "../../helpers/server";

const N = secp256k1.CURVE.n;

async function signedFields(body: string) {
  const signer = newContributor();
  const headers = await signRequest(signer, { method: "POST", path: "/v1/batches", body });
  const fields: HashedRequestFields = {
    method: "POST",
    path: "/v1/batches",
    bodyHash: bodyHash(body),
    nonce: headers["x-tributary-nonce"] as Hex,
    timestamp: Number(headers["x-tributary-timestamp"]),
  };
  return { signer, fields, signature: headers["x-tributary-signature"] as Hex };
}

/** The same signature with s replaced by n − s and the recovery bit flipped: recovery accepts it too. */
function highS(signature: Hex): Hex {
  const s = BigInt(`0x${signature.slice(66, 130)}`);
  const v = Number.parseInt(signature.slice(130), 16);
  return `${signature.slice(0, 66)}${(N - s).toString(16).padStart(64, "0")}${(v === 27 ? 28 : 27).toString(16)}` as Hex;
}

function withByte(signature: Hex, index: number, value: number): Hex {
  const bytes = Buffer.from(signature.slice(2), "hex");
  bytes[index] = value;
  return `0x${bytes.toString("hex")}`;
}

describe("signature verifier", () => {
  it("accepts a contributor's signatures on first sight and once their key is remembered", async () => {
    const verifier = createSignatureVerifier();
    const first = await signedFields("first");
    expect(verifier.verify(first.signer.address, first.signature, first.fields)).toBe(true);
    for (const body of ["2", "3", "4", "5", "6", "7", "8", "9"]) {
      const headers = await signRequest(first.signer, { method: "POST", path: "/v1/batches", body });
      const fields = {
        ...first.fields,
        bodyHash: bodyHash(body),
        nonce: headers["x-tributary-nonce"] as Hex,
        timestamp: Number(headers["x-tributary-timestamp"]),
      };
      const signature = headers["x-tributary-signature"] as Hex;
      expect(verifier.verify(first.signer.address.toLowerCase() as Hex, signature, fields)).toBe(true);
      expect(verifier.verify(first.signer.address, signature, { ...fields, path: "/v1/other" })).toBe(false);
    }
  });

  it("answers as address recovery does for every mutation of a signature, before and after remembering the key", async () => {
    const { signer, fields, signature } = await signedFields("a batch");
    const cold = createSignatureVerifier();
    const warm = createSignatureVerifier();
    expect(warm.verify(signer.address, signature, fields)).toBe(true);
    expect(warm.verify(signer.address, signature, fields)).toBe(true);

    const mutations = fc.oneof(
      fc
        .record({ index: fc.integer({ min: 0, max: 64 }), value: fc.integer({ min: 0, max: 255 }) })
        .map(({ index, value }) => withByte(signature, index, value)),
      fc.constantFrom(
        highS(signature),
        withByte(signature, 64, 0),
        withByte(signature, 64, 1),
        withByte(signature, 64, 29),
        `0x${"00".repeat(65)}` as Hex,
        `0x${"ff".repeat(65)}` as Hex,
        `${signature.slice(0, 66)}${N.toString(16)}1b` as Hex,
      ),
    );
    await fc.assert(
      fc.asyncProperty(mutations, async (mutated) => {
        const expected = await verifyRequestDigest(signer.address, mutated, fields);
        expect(cold.verify(signer.address, mutated, fields)).toBe(expected);
        expect(warm.verify(signer.address, mutated, fields)).toBe(expected);
      }),
      { numRuns: 150 },
    );
    expect(warm.verify(signer.address, highS(signature), fields)).toBe(true);
  });

  it("never accepts one contributor's signature for another, remembered or not", async () => {
    const verifier = createSignatureVerifier();
    const alice = await signedFields("alice");
    const bob = await signedFields("bob");
    expect(verifier.verify(alice.signer.address, alice.signature, alice.fields)).toBe(true);
    expect(verifier.verify(bob.signer.address, bob.signature, bob.fields)).toBe(true);
    expect(verifier.verify(alice.signer.address, bob.signature, bob.fields)).toBe(false);
    expect(verifier.verify(bob.signer.address, alice.signature, alice.fields)).toBe(false);
    expect(verifier.verify(alice.signer.address, alice.signature, bob.fields)).toBe(false);
  });

  it("still verifies contributors whose keys were forgotten to make room", async () => {
    const verifier = createSignatureVerifier(1);
    const signed = await Promise.all(["one", "two", "three"].map(signedFields));
    for (let round = 0; round < 2; round++) {
      for (const { signer, signature, fields } of signed) {
        expect(verifier.verify(signer.address, signature, fields)).toBe(true);
        expect(verifier.verify(signer.address, signature, { ...fields, timestamp: fields.timestamp + 1 })).toBe(false);
      }
    }
  });
});
