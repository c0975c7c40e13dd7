// Capture paused for one site from the popup: the background drops what a paused site's tabs send.
import type { Settings } from "../settings";

/** The site a page belongs to, as the user names it: its host name without "www.". */
export function siteOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const { protocol, hostname } = new URL(url);
    if (protocol !== "https:" && protocol !== "http:") return undefined;
    return hostname.toLowerCase().replace(/^www\./, "");
  } catch {
    return undefined;
  }
}

export function sitePaused(settings: Settings, url: string | undefined): boolean {
  const site = siteOf(url);
  return site !== undefined && settings.pausedSites.includes(site);
}

/** The settings a message from this tab is judged by: capture is off if the user paused the tab's site. */
export function captureSettingsForSite(settings: Settings, url: string | undefined): Settings {
  return sitePaused(settings, url) ? { ...settings, captureEnabled: false } : settings;
}

/** The paused-sites list after the user switched capture on or off for one site. */
export function withSitePaused(pausedSites: string[], site: string, paused: boolean): string[] {
  const others = pausedSites.filter((entry) => entry !== site);
  return paused ? [...others, site] : others;
}
