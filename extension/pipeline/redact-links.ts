// redact: the links an item sends (permalink, media, capture endpoint) without the author's handle or id in them.
//
// Choices: an X permalink becomes X's own handle-free form `https://x.com/i/status/<id>` (it still opens the post);
// elsewhere a path segment naming the author (Reddit `/user/<name>/`, Mastodon `/@name/`, Bluesky `/profile/<did>/`)
// is replaced by the author's pseudonym, so the link keeps its shape but no longer opens. The same replacement runs on
// media links (Bluesky's CDN puts the author's DID in them). The capture endpoint keeps its path with every segment
// the URL detector finds identifying (ids, query ids, profile names) replaced by ":id".
import type { Author, Item, Platform } from "../../shared/item";
import { findPii } from "../../shared/redaction/index";

const X_HOSTS = new Set(["x.com", "twitter.com", "www.x.com", "www.twitter.com", "mobile.twitter.com", "mobile.x.com"]);
const SITE_HOSTS: Partial<Record<Platform, string>> = {
  x: "x.com",
  reddit: "www.reddit.com",
  bluesky: "bsky.app",
  youtube: "www.youtube.com",
  instagram: "www.instagram.com",
  facebook: "www.facebook.com",
  linkedin: "www.linkedin.com",
};

/** How the author's own identifiers map to what replaces them in a link. */
export interface AuthorNames {
  original: Author;
  wire: Author;
}

function decodedLower(segment: string): string {
  try {
    return decodeURIComponent(segment).toLowerCase();
  } catch {
    return segment.toLowerCase();
  }
}

/** The pseudonym for a path segment that names the author, or undefined when it names nobody we know. */
function replacementFor(segment: string, names: AuthorNames): string | undefined {
  const value = decodedLower(segment);
  const at = value.startsWith("@") ? "@" : "";
  const bare = value.slice(at.length);
  if (bare.length === 0) return undefined;
  const handle = names.original.handle.toLowerCase().replace(/^@/, "");
  const localPart = handle.split("@")[0]!;
  if (handle !== "" && (bare === handle || (at !== "" && bare === localPart))) return at + names.wire.handle;
  if (names.original.id !== "" && bare === names.original.id.toLowerCase()) return at + names.wire.id;
  return undefined;
}

/** Replaces the path segments of a link that name the author; the host, query and fragment stay. */
export function replaceAuthorInLink(link: string, names: AuthorNames): string {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return link;
  }
  const segments = url.pathname.split("/");
  let changed = false;
  const replaced = segments.map((segment) => {
    const pseudonym = replacementFor(segment, names);
    if (pseudonym === undefined) return segment;
    changed = true;
    return pseudonym;
  });
  if (!changed) return link;
  url.pathname = replaced.join("/");
  return url.toString();
}

/** The permalink as it is sent. */
export function wirePermalink(item: Item, names: AuthorNames): string | null {
  if (item.url === null) return null;
  let host = "";
  try {
    host = new URL(item.url).hostname;
  } catch {
    return null;
  }
  if (item.platform === "x" && X_HOSTS.has(host) && /^\d{1,30}$/.test(item.id))
    return `https://x.com/i/status/${item.id}`;
  return replaceAuthorInLink(item.url, names);
}

/** The capture endpoint as it is sent: identifying path segments become ":id". */
export function wireEndpoint(platform: Platform, endpoint: string, names: AuthorNames): string {
  const segments = endpoint
    .split("/")
    .map((segment) => (replacementFor(segment, names) === undefined ? segment : ":id"));
  const path = segments.join("/");
  const prefix = `https://${SITE_HOSTS[platform] ?? `${platform}.invalid`}`;
  const probe = prefix + path;
  let result = "";
  let at = prefix.length;
  for (const span of findPii(probe)) {
    if (span.start < at) continue;
    result += `${probe.slice(at, span.start)}:id`;
    at = span.end;
  }
  return (result + probe.slice(at)).slice(0, 256);
}
