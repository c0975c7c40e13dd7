// The settings page: consent per platform, filter rules, own identity, payout address, upload schedule, retention,
// remote images, and the user's data (export, delete everything).
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { CAPTURED_PLATFORMS } from "../adapters/page-hosts";
import { loadSettings, onSettingsChanged, type Settings, updateSettings } from "../settings";
import { tributaryDatabase } from "../storage/database";
import { t } from "../ui/i18n";
import { openExtensionPage } from "../ui/open-page";
import { PLATFORM_NAMES } from "../ui/platform-names";
import { ServerUrlForm } from "../ui/server-url-form";
import { storeCapturesNow } from "../ui/store-captures";
import { FilterRulesForm } from "./filter-rules-form";
import { deleteEverything, exportFileName, exportLocalData, offerDownload } from "./local-data";
import { PayoutField } from "./payout-field";
import { PlatformConsent } from "./platform-consent";

function Section(props: { id: string; title: string; intro?: string; children: ComponentChildren }) {
  return (
    <section class="card settings-section" aria-labelledby={`${props.id}-title`} id={props.id}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {props.intro && <p class="muted">{props.intro}</p>}
      {props.children}
    </section>
  );
}

/** A number of days, or "never" when empty; anything else is refused with a message and the saved value kept. */
function DaysField(props: { label: string; value: number | null; testId: string; onSave(days: number | null): void }) {
  const [error, setError] = useState(false);
  const errorId = `${props.testId}-error`;
  return (
    <label class="field">
      <span>{props.label}</span>
      <input
        type="number"
        min={1}
        max={3650}
        placeholder={t("never")}
        data-testid={props.testId}
        aria-invalid={error}
        aria-describedby={error ? errorId : undefined}
        value={props.value ?? ""}
        onChange={(e) => {
          const raw = e.currentTarget.value.trim();
          const days = raw === "" ? null : Number(raw);
          const valid = days === null || (Number.isInteger(days) && days >= 1 && days <= 3650);
          setError(!valid);
          if (valid) props.onSave(days);
          else e.currentTarget.value = String(props.value ?? "");
        }}
      />
      {error && (
        <span id={errorId} role="alert" class="error small" data-testid={errorId}>
          {t("daysInvalid")}
        </span>
      )}
    </label>
  );
}

export function SettingsPage() {
  const [settings, setSettings] = useState<Settings>();
  useEffect(() => {
    void loadSettings().then(setSettings);
    return onSettingsChanged(setSettings);
  }, []);
  if (!settings) return <main class="settings" aria-busy="true" />;

  return (
    <main class="settings">
      <header class="page-head">
        <div class="brand">
          <span class="logo" aria-hidden="true" />
          <div>
            <h1>{t("settingsTitle")}</h1>
            <p class="muted">{t("settingsSubtitle")}</p>
          </div>
        </div>
        <button type="button" onClick={() => void openExtensionPage("review.html")}>
          {t("openReview")}
        </button>
      </header>

      <Section id="capture" title={t("captureSection")} intro={t("captureIntro")}>
        <label class="switch">
          <span>
            <strong>{t("captureLabel")}</strong>
          </span>
          <input
            type="checkbox"
            data-testid="capture-enabled"
            checked={settings.captureEnabled}
            onChange={(e) =>
              void updateSettings(
                e.currentTarget.checked
                  ? { captureEnabled: true, captureStoppedReason: null }
                  : { captureEnabled: false },
              )
            }
          />
        </label>
        <PlatformConsent settings={settings} />
        {settings.pausedSites.length > 0 && (
          <div class="field">
            <span>{t("pausedSites")}</span>
            <ul class="chips">
              {settings.pausedSites.map((site) => (
                <li key={site} class="chip">
                  {site}{" "}
                  <button
                    type="button"
                    class="link"
                    aria-label={t("resumeSite", site)}
                    onClick={() => void updateSettings({ pausedSites: settings.pausedSites.filter((s) => s !== site) })}
                  >
                    {t("resume")}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </Section>

      <Section id="filters" title={t("filtersSection")} intro={t("filtersIntro")}>
        <FilterRulesForm settings={settings} />
      </Section>

      <Section id="identity" title={t("identitySection")} intro={t("identityIntro")}>
        <div class="grid-2">
          {CAPTURED_PLATFORMS.map((platform) => (
            <label class="field" key={platform}>
              <span>{t("ownHandlesOn", PLATFORM_NAMES[platform])}</span>
              <input
                type="text"
                placeholder={t("ownHandlesPlaceholder")}
                data-testid={`own-handles-${platform}`}
                value={(settings.ownHandles[platform] ?? []).join(", ")}
                onChange={(e) => {
                  const handles = e.currentTarget.value
                    .split(/[\s,]+/)
                    .map((handle) => handle.replace(/^@/, "").trim())
                    .filter(Boolean)
                    .slice(0, 20);
                  void updateSettings({ ownHandles: { ...settings.ownHandles, [platform]: handles } });
                }}
              />
            </label>
          ))}
        </div>
        <label class="switch">
          <span>{t("keepOwnIdentity")}</span>
          <input
            type="checkbox"
            data-testid="keep-own-identity"
            checked={settings.keepOwnIdentity}
            onChange={(e) => void updateSettings({ keepOwnIdentity: e.currentTarget.checked })}
          />
        </label>
      </Section>

      <Section id="rewards" title={t("rewardsSection")} intro={t("rewardsIntro")}>
        <PayoutField payoutAddress={settings.payoutAddress} />
      </Section>

      <Section id="upload" title={t("uploadSection")} intro={t("uploadIntro")}>
        <label class="switch">
          <span>{t("autoUpload")}</span>
          <input
            type="checkbox"
            data-testid="auto-upload"
            checked={settings.autoUpload.enabled}
            onChange={(e) =>
              void updateSettings({ autoUpload: { ...settings.autoUpload, enabled: e.currentTarget.checked } })
            }
          />
        </label>
        <label class="field narrow">
          <span>{t("autoUploadEvery")}</span>
          <select
            data-testid="auto-upload-every"
            disabled={!settings.autoUpload.enabled}
            value={String(settings.autoUpload.everyMinutes)}
            onChange={(e) =>
              void updateSettings({
                autoUpload: { ...settings.autoUpload, everyMinutes: Number(e.currentTarget.value) },
              })
            }
          >
            {([15, 60, 360, 1440] as const).map((minutes) => (
              <option key={minutes} value={String(minutes)}>
                {t(`every_${minutes}`)}
              </option>
            ))}
          </select>
        </label>
        <ServerUrlForm serverUrl={settings.serverUrl} />
      </Section>

      <Section id="privacy" title={t("privacySection")} intro={t("privacyIntro")}>
        <div class="grid-2">
          <DaysField
            label={t("purgeRawAfter")}
            value={settings.retention.purgeRawAfterDays}
            testId="purge-raw-days"
            onSave={(days) => void updateSettings({ retention: { ...settings.retention, purgeRawAfterDays: days } })}
          />
          <DaysField
            label={t("purgeUploadedAfter")}
            value={settings.retention.purgeUploadedAfterDays}
            testId="purge-uploaded-days"
            onSave={(days) =>
              void updateSettings({ retention: { ...settings.retention, purgeUploadedAfterDays: days } })
            }
          />
        </div>
        <label class="switch">
          <span>
            {t("showRemoteImages")}
            <span class="muted small block">{t("showRemoteImagesHelp")}</span>
          </span>
          <input
            type="checkbox"
            data-testid="show-remote-images"
            checked={settings.showRemoteImages}
            onChange={(e) => void updateSettings({ showRemoteImages: e.currentTarget.checked })}
          />
        </label>
      </Section>

      <Section id="data" title={t("dataSection")} intro={t("dataIntro")}>
        <LocalDataActions settings={settings} />
      </Section>
    </main>
  );
}

function LocalDataActions({ settings }: { settings: Settings }) {
  const db = tributaryDatabase();
  const confirm = useRef<HTMLDialogElement>(null);
  const [message, setMessage] = useState<string>();
  const exportAll = async () => {
    setMessage(t("exporting"));
    await storeCapturesNow();
    offerDownload(await exportLocalData(db, settings), exportFileName());
    setMessage(t("exported"));
  };
  const deleteAll = async () => {
    await deleteEverything(db);
    confirm.current?.close();
    setMessage(t("deletedEverything"));
  };
  return (
    <>
      <div class="row">
        <button type="button" data-testid="export-data" onClick={() => void exportAll()}>
          {t("exportData")}
        </button>
        <button
          type="button"
          class="danger"
          data-testid="delete-everything"
          onClick={() => confirm.current?.showModal()}
        >
          {t("deleteEverything")}
        </button>
      </div>
      {message && (
        <p role="status" class="muted" data-testid="data-message">
          {message}
        </p>
      )}
      <dialog ref={confirm} class="confirm-dialog" aria-labelledby="confirm-title">
        <h2 id="confirm-title">{t("deleteConfirmTitle")}</h2>
        <p>{t("deleteConfirmText")}</p>
        <div class="row end">
          <button type="button" onClick={() => confirm.current?.close()} data-testid="cancel-delete">
            {t("cancel")}
          </button>
          <button type="button" class="danger-solid" data-testid="confirm-delete" onClick={() => void deleteAll()}>
            {t("deleteConfirmButton")}
          </button>
        </div>
      </dialog>
    </>
  );
}
