// Mastodon runs on thousands of independent servers: the capture scripts are registered at run time for the servers
// the user names and grants, instead of asking for every site up front. The biggest ones are in the manifest already.
import { browser } from "wxt/browser";

const SCRIPT_IDS = { hook: "tributary-instance-hook", relay: "tributary-instance-relay" } as const;
const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/;

/** "mastodon.social", "https://mastodon.social/about" or "@me@mastodon.social" → "mastodon.social"; else undefined. */
export function instanceHost(input: string): string | undefined {
  let text = input.trim().toLowerCase();
  const account = /^@?[^@\s]+@([^@\s/]+)$/.exec(text);
  if (account) text = account[1]!;
  if (!/^https?:\/\//.test(text)) text = `https://${text}`;
  try {
    const { hostname } = new URL(text);
    return HOSTNAME.test(hostname) ? hostname : undefined;
  } catch {
    return undefined;
  }
}

export function instancePattern(host: string): string {
  return `https://${host}/*`;
}

/** Registers the hook and relay on every named server the user has granted, and nowhere else. */
export async function syncInstanceScripts(hosts: readonly string[]): Promise<string[]> {
  const granted: string[] = [];
  for (const host of new Set(hosts)) {
    if (await browser.permissions.contains({ origins: [instancePattern(host)] })) granted.push(host);
  }
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: Object.values(SCRIPT_IDS) });
  if (registered.length > 0) await browser.scripting.unregisterContentScripts({ ids: registered.map((s) => s.id) });
  if (granted.length === 0) return granted;
  const matches = granted.map(instancePattern);
  await browser.scripting.registerContentScripts([
    {
      id: SCRIPT_IDS.hook,
      matches,
      js: ["content-scripts/capture-hook.js"],
      runAt: "document_start",
      world: "MAIN",
      allFrames: false,
    },
    {
      id: SCRIPT_IDS.relay,
      matches,
      js: ["content-scripts/capture-relay.js"],
      runAt: "document_start",
      allFrames: false,
    },
  ]);
  return granted;
}
