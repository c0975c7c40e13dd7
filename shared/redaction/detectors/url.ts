// URL: scheme and host stay; user info, and path segments and query values that identify a person, an account or a
// secret (ids, tokens, emails, profile names on social sites) are redacted.
import { matchesOf } from "../scan";
import type { Candidate } from "../types";

const URL_START =
  /(?<![\p{L}\p{N}@.-])(?:(?:https?|ftp):\/\/|www\.|(?:[a-z0-9][a-z0-9-]{0,62}\.){1,6}(?:com|net|org|io|co|me|app|dev|ly|gl|be|gg|tv|to|xyz|info|link|page|site|social|news|uk|de|fr|es|it|nl|jp|br|ru|in|us|ca|au)\/)[^\s<>"'`{}|\\^]{0,4096}/giu;
const TRAILING_PUNCTUATION = /[.,;:!?'"*_\]]$/;

// Profile pages: the first path segment (unless reserved), or the one after a marker, names a person or an account.
// (TikTok, Threads, YouTube and Mastodon write "/@name", which `looksIdentifying` catches on any host.)
const PROFILE_HOSTS: Record<string, { reserved?: ReadonlySet<string>; after?: ReadonlySet<string> }> = {
  "x.com": {
    reserved: words(
      "home explore search i hashtag settings intent share notifications messages compose login signup tos privacy about",
    ),
  },
  "twitter.com": {
    reserved: words(
      "home explore search i hashtag settings intent share notifications messages compose login signup tos privacy about",
    ),
  },
  "instagram.com": { reserved: words("p reel reels explore accounts direct tv about legal"), after: words("stories") },
  "facebook.com": {
    reserved: words(
      "groups pages events watch photo photo.php story.php permalink.php profile.php marketplace share sharer sharer.php login hashtag help gaming reel",
    ),
  },
  "linkedin.com": { after: words("in pub") },
  "github.com": {
    reserved: words(
      "orgs topics features marketplace about pricing login settings sponsors search explore collections trending",
    ),
  },
  "reddit.com": { after: words("user u") },
  "youtube.com": { after: words("user c channel") },
  "bsky.app": { after: words("profile") },
  "t.me": { reserved: words("s joinchat share") },
  "pinterest.com": { reserved: words("pin search ideas today") },
  "twitch.tv": { reserved: words("directory videos search settings") },
};
const SENSITIVE_KEYS = words(
  "token access_token refresh_token id_token auth authorization key apikey api_key secret client_secret password passwd pwd pass code otp session sessionid session_id sid sig signature email mail e-mail user username userid user_id uid login phone tel mobile name first_name last_name fullname full_name address ssn reset invite hash nonce state jwt",
);

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(" "));
}

/** Ids, tokens and addresses: what a URL part must not carry on. */
export function looksIdentifying(value: string): boolean {
  if (value.length === 0) return false;
  let decoded = value;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    // Keep the raw value: a malformed escape is not a reason to fail.
  }
  if (decoded.includes("@")) return true;
  if (/^\d{5,}$/.test(decoded)) return true;
  if (/^[0-9a-f]{12,}$/i.test(decoded) && /\d/.test(decoded)) return true;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(decoded)) return true;
  const hasDigit = /\d/.test(decoded);
  const hasLetter = /\p{L}/u.test(decoded);
  if (!hasDigit || !hasLetter) return false;
  // Slugs and file names ("my-post-2024", "photo_12.jpg") are words: keep them.
  const pieces = decoded.split(/[-_.~+ ]+/).filter((piece) => piece.length > 0);
  const wordy = pieces.every(
    (piece) => /^\p{L}+$/u.test(piece) || /^\d{1,4}$/.test(piece) || /^\d{1,4}\p{L}{1,3}$/u.test(piece),
  );
  if (wordy) return false;
  if (decoded.length >= 16) return true;
  const mixedCase = /\p{Lu}/u.test(decoded) && /\p{Ll}/u.test(decoded);
  return decoded.length >= 8 && (mixedCase || pieces.length === 1);
}

function hostOf(authority: string): string {
  const at = authority.lastIndexOf("@");
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  return hostPort
    .replace(/:\d*$/, "")
    .toLowerCase()
    .replace(/^(?:www|m|mobile|old|new)\./, "");
}

function trimUrl(url: string): string {
  let trimmed = url;
  for (;;) {
    if (TRAILING_PUNCTUATION.test(trimmed)) {
      trimmed = trimmed.slice(0, -1);
    } else if (trimmed.endsWith(")") && count(trimmed, "(") < count(trimmed, ")")) {
      trimmed = trimmed.slice(0, -1);
    } else {
      return trimmed;
    }
  }
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}

/** Redactable parts of one URL, as offsets relative to the URL's start. */
function identifyingParts(url: string): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  const schemeEnd = url.indexOf("://");
  const authorityStart = schemeEnd >= 0 ? schemeEnd + 3 : 0;
  let authorityEnd = url.length;
  for (const stop of ["/", "?", "#"]) {
    const at = url.indexOf(stop, authorityStart);
    if (at >= 0 && at < authorityEnd) authorityEnd = at;
  }
  const authority = url.slice(authorityStart, authorityEnd);
  const userInfoEnd = authority.lastIndexOf("@");
  if (userInfoEnd > 0) parts.push([authorityStart, authorityStart + userInfoEnd]);
  const host = hostOf(authority);
  const profile = PROFILE_HOSTS[host];

  const hashAt = url.indexOf("#", authorityEnd);
  const fragmentStart = hashAt >= 0 ? hashAt + 1 : url.length;
  const queryAt = url.indexOf("?", authorityEnd);
  const queryStart = queryAt >= 0 && queryAt < fragmentStart ? queryAt + 1 : -1;
  const pathEnd = queryStart >= 0 ? queryStart - 1 : hashAt >= 0 ? hashAt : url.length;

  let index = 0;
  let previous = "";
  let segmentStart = authorityEnd + 1;
  while (segmentStart <= pathEnd) {
    let segmentEnd = url.indexOf("/", segmentStart);
    if (segmentEnd < 0 || segmentEnd > pathEnd) segmentEnd = pathEnd;
    const segment = url.slice(segmentStart, segmentEnd);
    if (segment.length > 0) {
      const lower = segment.toLowerCase();
      const isProfile =
        profile !== undefined &&
        ((index === 0 &&
          profile.reserved !== undefined &&
          !profile.reserved.has(lower) &&
          !profile.after?.has(lower)) ||
          (profile.after?.has(previous) ?? false));
      if (isProfile || looksIdentifying(segment)) parts.push([segmentStart, segmentEnd]);
      previous = lower;
      index++;
    }
    segmentStart = segmentEnd + 1;
  }
  if (queryStart >= 0) addQueryValues(url, queryStart, queryAt >= 0 && hashAt > queryAt ? hashAt : url.length, parts);
  if (hashAt >= 0 && fragmentStart < url.length) {
    const fragment = url.slice(fragmentStart);
    if (fragment.includes("=")) addQueryValues(url, fragmentStart, url.length, parts);
    else if (looksIdentifying(fragment)) parts.push([fragmentStart, url.length]);
  }
  return parts;
}

function addQueryValues(url: string, start: number, end: number, parts: Array<[number, number]>): void {
  let pairStart = start;
  while (pairStart < end) {
    let pairEnd = pairStart;
    while (pairEnd < end && url[pairEnd] !== "&" && url[pairEnd] !== ";") pairEnd++;
    const equals = url.indexOf("=", pairStart);
    if (equals >= 0 && equals < pairEnd && equals + 1 < pairEnd) {
      const key = url.slice(pairStart, equals).toLowerCase();
      const value = url.slice(equals + 1, pairEnd);
      if (SENSITIVE_KEYS.has(key) || looksIdentifying(value)) parts.push([equals + 1, pairEnd]);
    }
    pairStart = pairEnd + 1;
  }
}

export function findUrls(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of matchesOf(URL_START, text)) {
    const url = trimUrl(match[0]);
    for (const [start, end] of identifyingParts(url)) {
      found.push({ start: match.index + start, end: match.index + end, type: "URL" });
    }
  }
  return found;
}
