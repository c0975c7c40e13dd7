// Capture on/off for the site in the current tab (on top of the global and per-platform switches).
import { useEffect, useState } from "preact/hooks";
import { browser } from "wxt/browser";
import { platformOfPage } from "../adapters/page-hosts";
import { siteOf, withSitePaused } from "../background/site-capture";
import { type Settings, updateSettings } from "../settings";
import { t } from "../ui/i18n";
import { PLATFORM_NAMES } from "../ui/platform-names";

export function SiteSwitch({ settings }: { settings: Settings }) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    void browser.tabs
      .query({ active: true, currentWindow: true })
      .then(([tab]) => setUrl(tab?.url))
      .catch(() => undefined);
  }, []);
  const site = siteOf(url);
  const platform = url ? platformOfPage(url) : undefined;
  if (!site || !platform) {
    return <p class="muted small site-line">{t("siteNotSupported")}</p>;
  }
  const paused = settings.pausedSites.includes(site);
  const consented = settings.platforms[platform];
  return (
    <label class="switch site-line">
      <span>
        {t("siteCapture", site)}
        {!consented && <span class="muted small"> — {t("siteNeedsPlatform", PLATFORM_NAMES[platform])}</span>}
      </span>
      <input
        type="checkbox"
        data-testid="site-capture"
        checked={!paused}
        onChange={(e) =>
          void updateSettings({ pausedSites: withSitePaused(settings.pausedSites, site, !e.currentTarget.checked) })
        }
      />
    </label>
  );
}
