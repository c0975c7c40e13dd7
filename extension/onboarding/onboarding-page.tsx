// First run: what Tributary does, what it never collects, which platforms to capture, where rewards go.
import { useEffect, useState } from "preact/hooks";
import { loadSettings, onSettingsChanged, type Settings, updateSettings } from "../settings";
import { PayoutField } from "../settings-page/payout-field";
import { PlatformConsent } from "../settings-page/platform-consent";
import { type MessageName, t } from "../ui/i18n";
import { openExtensionPage } from "../ui/open-page";

const STEPS: MessageName[] = ["onboardStep1", "onboardStep2", "onboardStep3", "onboardStep4"];
const NEVER: MessageName[] = ["never1", "never2", "never3", "never4"];

export function OnboardingPage() {
  const [settings, setSettings] = useState<Settings>();
  const [started, setStarted] = useState(false);
  useEffect(() => {
    void loadSettings().then(setSettings);
    return onSettingsChanged(setSettings);
  }, []);
  if (!settings) return <main class="onboarding" aria-busy="true" />;
  const chosen = Object.values(settings.platforms).some(Boolean);
  const start = async () => {
    await updateSettings({ captureEnabled: true, captureStoppedReason: null });
    setStarted(true);
  };
  return (
    <main class="onboarding">
      <header class="hero">
        <span class="logo large" aria-hidden="true" />
        <h1>{t("onboardTitle")}</h1>
        <p class="lead">{t("onboardLead")}</p>
      </header>

      <section class="card" aria-labelledby="how-title">
        <h2 id="how-title">{t("onboardHowTitle")}</h2>
        <ol class="steps">
          {STEPS.map((step) => (
            <li key={step}>{t(step)}</li>
          ))}
        </ol>
      </section>

      <section class="card never" aria-labelledby="never-title">
        <h2 id="never-title">{t("neverTitle")}</h2>
        <ul>
          {NEVER.map((line) => (
            <li key={line}>{t(line)}</li>
          ))}
        </ul>
      </section>

      <section class="card" aria-labelledby="platforms-title">
        <h2 id="platforms-title">{t("onboardPlatformsTitle")}</h2>
        <p class="muted">{t("onboardPlatformsIntro")}</p>
        <PlatformConsent settings={settings} />
      </section>

      <section class="card" aria-labelledby="payout-title">
        <h2 id="payout-title">{t("onboardPayoutTitle")}</h2>
        <p class="muted">{t("onboardPayoutIntro")}</p>
        <PayoutField payoutAddress={settings.payoutAddress} />
      </section>

      <div class="finish">
        {started || settings.captureEnabled ? (
          <p class="done" role="status" data-testid="onboarding-done">
            {t("onboardDone")}{" "}
            <button type="button" class="link" onClick={() => void openExtensionPage("settings.html")}>
              {t("settingsLink")}
            </button>
          </p>
        ) : (
          <>
            <button
              type="button"
              class="primary big"
              disabled={!chosen}
              data-testid="start-capturing"
              onClick={() => void start()}
            >
              {t("onboardStart")}
            </button>
            {!chosen && <p class="muted small">{t("onboardChooseFirst")}</p>}
          </>
        )}
      </div>
    </main>
  );
}
