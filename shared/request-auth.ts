// EIP-712 request signatures: every mutating request is signed by the contributor's key over the body's hash.
import { keccak_256 } from "@noble/hashes/sha3";
import {
  bytesToHex,
  concatBytes,
  type Hex,
  hexToBytes,
  type LocalAccount,
  numberToBytes,
  recoverAddress,
  sha256,
  stringToBytes,
} from "viem";

export const AUTH_HEADERS = {
  address: "x-tributary-address",
  signature: "x-tributary-signature",
  nonce: "x-tributary-nonce",
  timestamp: "x-tributary-timestamp",
} as const;

export const requestAuthDomain = { name: "Tributary", version: "1" } as const;
export const requestAuthTypes = {
  Request: [
    { name: "method", type: "string" },
    { name: "path", type: "string" },
    { name: "bodyHash", type: "bytes32" },
    { name: "nonce", type: "bytes32" },
    { name: "timestamp", type: "uint64" },
  ],
} as const;

export interface SignedRequestFields {
  method: string;
  path: string;
  body: string;
  nonce: Hex;
  timestamp: number;
}

export function bodyHash(body: string): Hex {
  return sha256(stringToBytes(body));
}

export function randomNonce(): Hex {
  return bytesToHex(crypto.getRandomValues(new Uint8Array(32)));
}

/** The signed fields with the body already hashed. */
export type HashedRequestFields = Omit<SignedRequestFields, "body"> & { bodyHash: Hex };

function typedMessage(fields: HashedRequestFields) {
  return {
    method: fields.method.toUpperCase(),
    path: fields.path,
    bodyHash: fields.bodyHash,
    nonce: fields.nonce,
    timestamp: BigInt(fields.timestamp),
  };
}

/** Signs a request and returns the headers that carry the signature. */
export async function signRequest(
  account: LocalAccount,
  request: { method: string; path: string; body: string },
  now: () => number = Date.now,
): Promise<Record<string, string>> {
  const fields: SignedRequestFields = {
    ...request,
    nonce: randomNonce(),
    timestamp: Math.floor(now() / 1000),
  };
  const signature = await account.signTypedData({
    domain: requestAuthDomain,
    types: requestAuthTypes,
    primaryType: "Request",
    message: typedMessage({ ...fields, bodyHash: bodyHash(fields.body) }),
  });
  return {
    [AUTH_HEADERS.address]: account.address,
    [AUTH_HEADERS.signature]: signature,
    [AUTH_HEADERS.nonce]: fields.nonce,
    [AUTH_HEADERS.timestamp]: String(fields.timestamp),
  };
}

export async function verifyRequestSignature(
  address: Hex,
  signature: Hex,
  fields: SignedRequestFields,
): Promise<boolean> {
  const { body, ...rest } = fields;
  return verifyRequestDigest(address, signature, { ...rest, bodyHash: bodyHash(body) });
}

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;

function keccakOf(...parts: Uint8Array[]): Uint8Array {
  return keccak_256(concatBytes(parts));
}

function keccakOfText(text: string): Uint8Array {
  return keccak_256(stringToBytes(text));
}

// The parts of the EIP-712 hash that never change, computed once (the type strings follow requestAuthTypes).
const DOMAIN_SEPARATOR = keccakOf(
  keccakOfText("EIP712Domain(string name,string version)"),
  keccakOfText(requestAuthDomain.name),
  keccakOfText(requestAuthDomain.version),
);
const REQUEST_TYPE_HASH = keccakOfText(
  "Request(string method,string path,bytes32 bodyHash,bytes32 nonce,uint64 timestamp)",
);
const EIP712_PREFIX = new Uint8Array([0x19, 0x01]);

/**
 * The EIP-712 hash a request's signature signs: what viem's hashTypedData gives for requestAuthTypes, computed
 * directly (the server verifies every request, and viem's generic encoder re-reads the types each time). Undefined
 * when a field cannot be encoded, where viem throws.
 */
export function requestDigest(fields: HashedRequestFields): Hex | undefined {
  if (!Number.isSafeInteger(fields.timestamp) || fields.timestamp < 0) return undefined;
  const message = typedMessage(fields);
  if (!BYTES32.test(message.bodyHash) || !BYTES32.test(message.nonce)) return undefined;
  const structHash = keccakOf(
    REQUEST_TYPE_HASH,
    keccakOfText(message.method),
    keccakOfText(message.path),
    hexToBytes(message.bodyHash),
    hexToBytes(message.nonce),
    numberToBytes(message.timestamp, { size: 32 }),
  );
  return bytesToHex(keccakOf(EIP712_PREFIX, DOMAIN_SEPARATOR, structHash));
}

/** verifyRequestSignature for a body already hashed (the server hashes it natively, once). */
export async function verifyRequestDigest(address: Hex, signature: Hex, fields: HashedRequestFields): Promise<boolean> {
  try {
    const digest = requestDigest(fields);
    if (digest === undefined) return false;
    // Hex case carries no meaning in an address (a checksum is only a typing aid): compared in lowercase.
    return (await recoverAddress({ hash: digest, signature })).toLowerCase() === address.toLowerCase();
  } catch {
    return false;
  }
}
