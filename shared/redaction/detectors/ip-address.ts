// IP_ADDRESS: IPv4 with every octet 0–255 (no leading zeros), and IPv6 in full, compressed or IPv4-suffixed form.
import { matchesOf } from "../scan";
import type { Candidate } from "../types";

const IPV4 = /(?<![\p{L}\p{N}_.-])(?:\d{1,3}\.){3}\d{1,3}(?![\p{L}\p{N}_]|\.\d)/gu;
const IPV6_RUN = /(?<![\p{L}\p{N}_:.])[0-9a-f:][0-9a-f:.]{1,44}(?![\p{L}\p{N}_:])/giu;
// "version 1.2.3.4" is a build number, not a host.
const VERSION_BEFORE = /(?:version|ver\.?|release|build|v)\s*$/i;

/** Four "."-separated octets 0–255 without leading zeros, read code by code (a post with an address reads one or two). */
function isIpv4(text: string): boolean {
  let octets = 0;
  let i = 0;
  for (;;) {
    const start = i;
    let value = 0;
    while (i < text.length && i - start < 4) {
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
      i++;
    }
    const length = i - start;
    if (length === 0 || length > 3 || (length > 1 && text.charCodeAt(start) === 48) || value > 255) return false;
    octets++;
    if (i === text.length) return octets === 4;
    if (text.charCodeAt(i) !== 46 || octets === 4) return false;
    i++;
  }
}

function isIpv6(text: string): boolean {
  let rest = text;
  let groupsFromV4 = 0;
  const lastColon = rest.lastIndexOf(":");
  if (rest.indexOf(".", lastColon) >= 0) {
    if (!isIpv4(rest.slice(lastColon + 1))) return false;
    rest = `${rest.slice(0, lastColon + 1)}0:0`;
    groupsFromV4 = 2;
  }
  const halves = rest.split("::");
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === "" ? [] : half.split(":")));
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return false;
  if (halves.length === 1) return groups.length === 8;
  // Compressed: at least two real groups and some substance, so "a::b" or "::1" in prose do not count.
  const substantial = groups.length - groupsFromV4 >= 2 && groups.some((group) => group.length >= 3);
  return groups.length <= 7 && (substantial || groupsFromV4 > 0);
}

function colonsIn(value: string): number {
  let colons = 0;
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) === 58) colons++;
  return colons;
}

export function findIpAddresses(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of matchesOf(IPV4, text)) {
    if (!isIpv4(match[0])) continue;
    if (VERSION_BEFORE.test(text.slice(Math.max(0, match.index - 12), match.index))) continue;
    found.push({ start: match.index, end: match.index + match[0].length, type: "IP_ADDRESS" });
  }
  if (text.includes(":")) {
    for (const match of matchesOf(IPV6_RUN, text)) {
      let value = match[0];
      // Prose punctuation after an address: "… at fe80::1."
      while (value.endsWith(".")) value = value.slice(0, -1);
      // Most runs are words and numbers ("face", "2024", "10:30"): an address has two colons or more.
      if (colonsIn(value) < 2 || !isIpv6(value)) continue;
      found.push({ start: match.index, end: match.index + value.length, type: "IP_ADDRESS" });
    }
  }
  return found;
}
