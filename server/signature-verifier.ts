// Request signatures checked fast for contributors seen before: recovering a key from a signature is the costliest step
// of a request, so a key recovered once is remembered and later signatures are checked against it with precomputed
// tables. Same answers as recovering the signer's address (shared/request-auth.ts), for a fraction of the work.
import { invert } from "@noble/curves/abstract/modular";
import { secp256k1 } from "@noble/curves/secp256k1";
import { type Hex, hexToBytes, keccak256 } from "viem";
import { type HashedRequestFields, requestDigest } from "../shared/request-auth";

type Point = InstanceType<typeof secp256k1.ProjectivePoint>;

/** Keys remembered at once; a precomputed key holds about 100 kB, so this bounds the cache near 13 MB. */
const DEFAULT_CAPACITY = 128;
/** wNAF window for a remembered key's tables: builds in a few ms and makes its multiplication several times faster. */
const KEY_WINDOW = 4;

const N = secp256k1.CURVE.n;
const SIGNATURE = /^0x[0-9a-fA-F]{130}$/;

export interface SignatureVerifier {
  /** Whether `signature` signs the request's EIP-712 hash by the key behind `address` (any hex case). */
  verify(address: Hex, signature: Hex, fields: HashedRequestFields): boolean;
}

interface ParsedSignature {
  r: bigint;
  s: bigint;
  /** The parity of the signature point's y: the recovery bit. */
  yParity: 0 | 1;
}

/** r, s and the recovery bit (v as 0/1 or 27/28), refused exactly where viem's recovery refuses them. */
function parseSignature(signature: Hex): ParsedSignature | undefined {
  if (!SIGNATURE.test(signature)) return undefined;
  const r = BigInt(`0x${signature.slice(2, 66)}`);
  const s = BigInt(`0x${signature.slice(66, 130)}`);
  const v = Number.parseInt(signature.slice(130), 16);
  if (r <= 0n || r >= N || s <= 0n || s >= N) return undefined;
  if (v === 0 || v === 27) return { r, s, yParity: 0 };
  if (v === 1 || v === 28) return { r, s, yParity: 1 };
  return undefined;
}

function modN(value: bigint): bigint {
  const result = value % N;
  return result < 0n ? result + N : result;
}

/** The Ethereum address of a public key: the last 20 bytes of the keccak of its uncompressed coordinates. */
function addressOf(key: Point): string {
  return `0x${keccak256(key.toRawBytes(false).subarray(1)).slice(26)}`;
}

/** k·P for 0 ≤ k < n: the constant-time multiply, which uses P's precomputed tables (the unsafe one gets them wrong). */
function times(point: Point, scalar: bigint): Point {
  return scalar === 0n ? secp256k1.ProjectivePoint.ZERO : point.multiply(scalar);
}

/**
 * The signature point R = (e·G + r·Q) / s. Recovery picks R from r and the recovery bit and solves for Q; here Q is
 * known, so the signature holds exactly when this R has x = r and the signed y parity.
 */
function signsWithKey(key: Point, digest: Hex, { r, s, yParity }: ParsedSignature): boolean {
  const sInverse = invert(s, N);
  const point = times(secp256k1.ProjectivePoint.BASE, modN(BigInt(digest) * sInverse)).add(
    times(key, modN(r * sInverse)),
  );
  if (point.equals(secp256k1.ProjectivePoint.ZERO)) return false;
  const { x, y } = point.toAffine();
  return x === r && Number(y & 1n) === yParity;
}

export function createSignatureVerifier(capacity = DEFAULT_CAPACITY): SignatureVerifier {
  /** Lowercase address → its key, most recently used last. A key gets its tables on its second use. */
  const keys = new Map<string, { key: Point; precomputed: boolean }>();

  function remember(address: string, key: Point) {
    keys.set(address, { key, precomputed: false });
    if (keys.size > capacity) keys.delete(keys.keys().next().value as string);
  }

  return {
    verify(address, signature, fields) {
      const digest = requestDigest(fields);
      const parsed = parseSignature(signature);
      if (digest === undefined || parsed === undefined) return false;
      const lowercase = address.toLowerCase();
      const known = keys.get(lowercase);
      if (known) {
        keys.delete(lowercase);
        keys.set(lowercase, known);
        if (!known.precomputed) {
          secp256k1.utils.precompute(KEY_WINDOW, known.key);
          known.precomputed = true;
        }
        return signsWithKey(known.key, digest, parsed);
      }
      let key: Point;
      try {
        key = new secp256k1.Signature(parsed.r, parsed.s)
          .addRecoveryBit(parsed.yParity)
          .recoverPublicKey(hexToBytes(digest));
      } catch {
        return false;
      }
      if (addressOf(key) !== lowercase) return false;
      remember(lowercase, key);
      return true;
    },
  };
}
