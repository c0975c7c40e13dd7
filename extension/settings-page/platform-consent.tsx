// Per-platform consent, each with what exactly is captured there, in plain words (settings and onboarding).
import { CAPTURED_PLATFORMS } from "../adapters/page-hosts";
import { type Settings, updateSettings } from "../settings";
import { t } from "../ui/i18n";
import { PlatformBadge } from "../ui/platform-badge";
import { PLATFORM_NAMES } from "../ui/platform-names";

export function PlatformConsent({ settings }: { settings: Settings }) {
  return (
    <ul class="consent-list">
      {CAPTURED_PLATFORMS.map((platform) => (
        <li key={platform}>
          <label class="consent">
            <PlatformBadge platform={platform} />
            <span class="consent-text">
              <strong>{PLATFORM_NAMES[platform]}</strong>
              <span class="muted small">{t(`platformExplain_${platform}`)}</span>
            </span>
            <input
              type="checkbox"
              data-testid={`consent-${platform}`}
              checked={settings.platforms[platform]}
              onChange={(e) =>
                void updateSettings({ platforms: { ...settings.platforms, [platform]: e.currentTarget.checked } })
              }
            />
          </label>
        </li>
      ))}
    </ul>
  );
}
