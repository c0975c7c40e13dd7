// EIP-712 request signatures: every mutating request is signed by the contributor's key over the body's hash.
import { bytesToHex, type Hex, type LocalAccount, sha256, stringToBytes, verifyTypedData } from "viem";

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

/** verifyRequestSignature for a body already hashed (the server hashes it natively, once). */
export async function verifyRequestDigest(address: Hex, signature: Hex, fields: HashedRequestFields): Promise<boolean> {
  try {
    return await verifyTypedData({
      address,
      domain: requestAuthDomain,
      types: requestAuthTypes,
      primaryType: "Request",
      message: typedMessage(fields),
      signature,
    });
  } catch {
    return false;
  }
}
