// Bluesky's names for posts and people, shared by the XRPC reader (bluesky.ts) and the page reader (bluesky-page.ts).

export const POST_URI = /^at:\/\/(did:[a-z]+:[A-Za-z0-9._:%-]{1,96})\/app\.bsky\.feed\.post\/([A-Za-z0-9._:~-]{1,64})$/;
export const DID = /^did:[a-z]+:[A-Za-z0-9._:%-]{1,96}$/;
export const HANDLE = /^[A-Za-z0-9.-]{1,253}$/;

/** The author's DID and the post's record key out of a post's at:// URI (item ids are these URIs), or undefined. */
export function postUriParts(value: unknown): { uri: string; did: string; rkey: string } | undefined {
  if (typeof value !== "string" || value.length > 128) return undefined;
  const match = POST_URI.exec(value);
  return match ? { uri: value, did: match[1] as string, rkey: match[2] as string } : undefined;
}

/** What names a profile on bsky.app: the handle when it can, the DID otherwise (e.g. for "handle.invalid"). */
export function profilePageName(handle: string, did: string): string {
  return HANDLE.test(handle) && handle !== "handle.invalid" ? handle : did;
}

/**
 * A post's page. Its parts are already checked (a handle or DID, a record key: no spaces, short), so the URL is
 * always a valid http(s) URL and is not checked again.
 */
export function postPermalink(pageName: string, rkey: string): string {
  return `https://bsky.app/profile/${pageName}/post/${rkey}`;
}
