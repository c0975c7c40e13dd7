// CRYPTO_ADDRESS: EVM accounts (EIP-55 checksum when mixed case) and Bitcoin addresses (base58check, bech32/bech32m).
import { sha256 } from "@noble/hashes/sha2";
import { keccak_256 } from "@noble/hashes/sha3";
import { matchesOf } from "../scan";
import type { Traits } from "../traits";
import type { Candidate } from "../types";

const EVM = /(?<![\p{L}\p{N}_])0x[0-9a-fA-F]{40}(?![\p{L}\p{N}_])/gu;
const BASE58 = /(?<![\p{L}\p{N}_])[13][1-9A-HJ-NP-Za-km-z]{25,34}(?![\p{L}\p{N}_])/gu;
const BECH32 = /(?<![\p{L}\p{N}_])(?:bc1|tb1)[02-9ac-hj-np-z]{8,87}(?![\p{L}\p{N}_])/giu;

const BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const BECH32_ALPHABET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const BECH32_CONST = 1;
const BECH32M_CONST = 0x2bc830a3;

// The validators read code units and fill typed arrays: a post with an address runs them once or twice, and string
// and array building was most of their cost next to the hashes themselves.

function isHexLetter(code: number): boolean {
  const folded = code | 32;
  return folded >= 97 && folded <= 102;
}

/** EIP-55: all-lower and all-upper are unchecksummed and accepted; mixed case must match the checksum. */
export function isEvmAddress(address: string): boolean {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) return false;
  let lower = 0;
  let upper = 0;
  for (let i = 2; i < 42; i++) {
    const code = address.charCodeAt(i);
    if (code >= 97) lower++;
    else if (code >= 65) upper++;
  }
  if (lower === 0 || upper === 0) return true;
  // The hash is over the lower-case hex digits as ASCII bytes.
  const ascii = new Uint8Array(40);
  for (let i = 0; i < 40; i++) ascii[i] = address.charCodeAt(i + 2) | (isHexLetter(address.charCodeAt(i + 2)) ? 32 : 0);
  const hash = keccak_256(ascii);
  for (let i = 0; i < 40; i++) {
    const code = address.charCodeAt(i + 2);
    if (!isHexLetter(code)) continue;
    const nibble = (hash[i >> 1]! >> (i % 2 === 0 ? 4 : 0)) & 0xf;
    if (nibble >= 8 !== code < 97) return false;
  }
  return true;
}

// Each ASCII code unit's value in the Base58 alphabet, or -1.
const BASE58_VALUE = new Int8Array(128).fill(-1);
for (let k = 0; k < BASE58_ALPHABET.length; k++) BASE58_VALUE[BASE58_ALPHABET.charCodeAt(k)] = k;

/** The bytes `text` encodes in Base58 (leading "1"s are zero bytes), or null when a character is not Base58. */
function base58Decode(text: string): Uint8Array | null {
  // Little-endian while decoding: each character adds at most one byte (58 < 256).
  const little = new Uint8Array(text.length);
  let length = 0;
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    let carry = code < 128 ? BASE58_VALUE[code]! : -1;
    if (carry < 0) return null;
    for (let i = 0; i < length; i++) {
      carry += little[i]! * 58;
      little[i] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      little[length++] = carry & 0xff;
      carry >>= 8;
    }
  }
  let zeros = 0;
  while (zeros < text.length && text.charCodeAt(zeros) === 49) zeros++;
  const bytes = new Uint8Array(zeros + length);
  for (let i = 0; i < length; i++) bytes[zeros + i] = little[length - 1 - i]!;
  return bytes;
}

/** Legacy P2PKH (version 0x00, "1…") and P2SH (0x05, "3…") with a valid double-SHA-256 checksum. */
export function isBase58BitcoinAddress(address: string): boolean {
  const bytes = base58Decode(address);
  if (bytes === null || bytes.length !== 25 || (bytes[0] !== 0x00 && bytes[0] !== 0x05)) return false;
  const check = sha256(sha256(bytes.subarray(0, 21)));
  for (let i = 0; i < 4; i++) if (check[i] !== bytes[21 + i]) return false;
  return true;
}

function bech32Polymod(values: number[]): number {
  const generators = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let checksum = 1;
  for (const value of values) {
    const top = checksum >>> 25;
    checksum = ((checksum & 0x1ffffff) << 5) ^ value;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) checksum ^= generators[i]!;
  }
  return checksum >>> 0;
}

function convertBits(data: number[], from: number, to: number): number[] | null {
  let accumulator = 0;
  let bits = 0;
  const out: number[] = [];
  const max = (1 << to) - 1;
  for (const value of data) {
    accumulator = (accumulator << from) | value;
    bits += from;
    while (bits >= to) {
      bits -= to;
      out.push((accumulator >> bits) & max);
    }
  }
  if (bits >= from || ((accumulator << (to - bits)) & max) !== 0) return null;
  return out;
}

/** SegWit (BIP-173 bech32 for v0, BIP-350 bech32m for v1+) on mainnet "bc" or testnet "tb". */
export function isBech32BitcoinAddress(address: string): boolean {
  if (address !== address.toLowerCase() && address !== address.toUpperCase()) return false;
  const lower = address.toLowerCase();
  const separator = lower.lastIndexOf("1");
  const prefix = lower.slice(0, separator);
  if (prefix !== "bc" && prefix !== "tb") return false;
  const data: number[] = [];
  for (const char of lower.slice(separator + 1)) {
    const value = BECH32_ALPHABET.indexOf(char);
    if (value < 0) return false;
    data.push(value);
  }
  if (data.length < 7) return false;
  const expanded = [...prefix].map((c) => c.charCodeAt(0) >> 5);
  expanded.push(0, ...[...prefix].map((c) => c.charCodeAt(0) & 31));
  const constant = bech32Polymod([...expanded, ...data]);
  const version = data[0]!;
  if (constant !== (version === 0 ? BECH32_CONST : BECH32M_CONST)) return false;
  const program = convertBits(data.slice(1, -6), 5, 8);
  if (program === null || program.length < 2 || program.length > 40 || version > 16) return false;
  return version !== 0 || program.length === 20 || program.length === 32;
}

function addValid(found: Candidate[], text: string, pattern: RegExp, valid: (value: string) => boolean): void {
  for (const match of matchesOf(pattern, text)) {
    if (valid(match[0])) found.push({ start: match.index, end: match.index + match[0].length, type: "CRYPTO_ADDRESS" });
  }
}

export function findCryptoAddresses(text: string, traits: Traits): Candidate[] {
  const found: Candidate[] = [];
  if (traits.longestAlnumRunWithDigit >= 42 && text.includes("0x")) addValid(found, text, EVM, isEvmAddress);
  if (traits.longestAlnumRunWithDigit >= 26) addValid(found, text, BASE58, isBase58BitcoinAddress);
  // Mixed-case bech32 is invalid, so only an all-lower or all-upper prefix can start one.
  if (text.includes("bc1") || text.includes("tb1") || text.includes("BC1") || text.includes("TB1")) {
    addValid(found, text, BECH32, isBech32BitcoinAddress);
  }
  return found;
}
