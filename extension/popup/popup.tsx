// The toolbar popup: capture on/off (everywhere and on this site), today's figures, the balance, what waits for
// review, upload progress, and the place for rewards.
import { useEffect, useState } from "preact/hooks";
import { browser } from "wxt/browser";
import { formatAmount, TOKEN_SYMBOL } from "../../shared/amounts";
import { CAPTURED_PLATFORMS } from "../adapters/page-hosts";
import { contributorAccount } from "../identity/contributor-key";
import type { UploadReport } from "../messages";
import { loadSettings, onSettingsChanged, type Settings, updateSettings } from "../settings";
import { tributaryDatabase } from "../storage/database";
import { formatCount, t } from "../ui/i18n";
import { openExtensionPage } from "../ui/open-page";
import { PLATFORM_NAMES } from "../ui/platform-names";
import { type BalanceState, fetchBalance } from "../ui/server-balance";
import { ServerUrlForm } from "../ui/server-url-form";
import { storeCapturesNow } from "../ui/store-captures";
import { useLiveQuery } from "../ui/use-live-query";
import { RedeemPanel } from "./redeem-panel";
import { SiteSwitch } from "./site-switch";
import { countToday } from "./today-counts";

export function Popup() {
  const db = tributaryDatabase();
  const [settings, setSettings] = useState<Settings>();
  const [address, setAddress] = useState<string>();
  const [balance, setBalance] = useState<BalanceState>({ state: "loading" });
  const [upload, setUpload] = useState<{ running: boolean; startedWith: number; report?: UploadReport }>({
    running: false,
    startedWith: 0,
  });
  const counts = useLiveQuery(() => countToday(db), []);

  useEffect(() => {
    void storeCapturesNow();
    void loadSettings().then(setSettings);
    void contributorAccount().then((account) => setAddress(account.address));
    return onSettingsChanged(setSettings);
  }, []);

  const refreshBalance = () => {
    if (settings && address) void fetchBalance(settings.serverUrl, address).then(setBalance);
  };
  useEffect(refreshBalance, [settings?.serverUrl, address, counts?.totals.uploaded]);

  if (!settings) return <main class="popup" aria-busy="true" />;

  const waiting = (counts?.totals.approved ?? 0) + (counts?.totals.queued ?? 0);
  const uploadNow = async () => {
    setUpload({ running: true, startedWith: waiting });
    const report = (await browser.runtime.sendMessage({ type: "upload-now" }).catch(() => undefined)) as
      | UploadReport
      | undefined;
    setUpload({ running: false, startedWith: 0, report });
    refreshBalance();
  };
  const setCapture = (on: boolean) =>
    void updateSettings(on ? { captureEnabled: true, captureStoppedReason: null } : { captureEnabled: false });

  return (
    <main class="popup">
      <header class="spread">
        <div class="brand">
          <span class="logo" aria-hidden="true" />
          <h1>Tributary</h1>
        </div>
        <label class="switch capture-switch">
          <span data-testid="capture-state">{settings.captureEnabled ? t("capturing") : t("paused")}</span>
          <input
            type="checkbox"
            aria-label={t("captureLabel")}
            checked={settings.captureEnabled}
            onChange={(e) => setCapture(e.currentTarget.checked)}
          />
        </label>
      </header>

      {settings.captureStoppedReason === "storage-full" && (
        <p class="notice danger-notice" role="alert" data-testid="storage-full">
          {t("storageFull")}
        </p>
      )}
      {!Object.values(settings.platforms).some(Boolean) && (
        <p class="notice small" data-testid="finish-setup">
          {t("setupPrompt")}{" "}
          <button type="button" class="link" onClick={() => void openExtensionPage("onboarding.html", true)}>
            {t("setupLink")}
          </button>
        </p>
      )}
      <SiteSwitch settings={settings} />

      <section class="stats" aria-label={t("statsLabel")}>
        <Stat label={t("statCapturedToday")} value={counts?.capturedToday} testId="count-captured-today" />
        <Stat label={t("statToReview")} value={counts?.totals.pending} testId="count-pending" />
        <Stat label={t("statApproved")} value={counts && waiting} testId="count-approved" />
        <Stat
          label={t("statUploaded")}
          value={counts?.totals.uploaded}
          testId="count-uploaded"
          note={counts ? t("statUploadedToday", formatCount(counts.uploadedToday)) : undefined}
        />
      </section>

      <div class="actions">
        <button
          type="button"
          class="primary"
          onClick={() => void openExtensionPage("review.html", true)}
          data-testid="open-review"
        >
          {t("reviewItems", formatCount(counts?.totals.pending ?? 0))}
        </button>
        <button type="button" onClick={() => void uploadNow()} disabled={upload.running} data-testid="upload-now">
          {upload.running ? t("uploading") : t("uploadApprovedShort")}
        </button>
      </div>
      {upload.running && upload.startedWith > 0 && (
        <div class="progress" role="status">
          <progress max={upload.startedWith} value={Math.max(0, upload.startedWith - waiting)} />
          <span class="small muted">
            {t(
              "uploadProgress",
              formatCount(Math.max(0, upload.startedWith - waiting)),
              formatCount(upload.startedWith),
            )}
          </span>
        </div>
      )}
      {!upload.running && counts && counts.totals.queued > 0 && (
        <p class="small muted" role="status">
          {t("sendingInBackground", formatCount(counts.totals.queued))}
        </p>
      )}
      {upload.report && <UploadSummary report={upload.report} />}

      <section class="card rewards" aria-label={t("rewardsLabel")} data-testid="rewards">
        <div class="muted small">{t("balanceLabel")}</div>
        {balance.state === "ok" && (
          <strong class="balance" data-testid="balance">
            {formatAmount(balance.balance.balance)} {TOKEN_SYMBOL}
          </strong>
        )}
        {balance.state === "ok" && (
          <div class="small muted">{t("itemsAccepted", formatCount(balance.balance.itemsAccepted))}</div>
        )}
        {balance.state === "loading" && <span class="muted">{t("loading")}</span>}
        {balance.state === "unreachable" && (
          <p class="notice" role="status" data-testid="server-unreachable">
            <strong>{t("serverUnreachableTitle")}</strong> {balance.message} {t("serverUnreachableSafe")}
          </p>
        )}
        <RedeemPanel
          serverUrl={settings.serverUrl}
          address={address}
          payoutAddress={settings.payoutAddress}
          balance={balance.state === "ok" ? balance.balance.balance : undefined}
          onBalanceChange={refreshBalance}
        />
      </section>

      <section aria-label={t("platformsLabel")}>
        <h2 class="section-title">{t("platformsTitle")}</h2>
        <div class="platforms">
          {CAPTURED_PLATFORMS.map((platform) => (
            <label class="switch" key={platform}>
              <span>{PLATFORM_NAMES[platform]}</span>
              <input
                type="checkbox"
                data-testid={`platform-${platform}`}
                checked={settings.platforms[platform]}
                onChange={(e) =>
                  void updateSettings({ platforms: { ...settings.platforms, [platform]: e.currentTarget.checked } })
                }
              />
            </label>
          ))}
        </div>
      </section>

      <details>
        <summary>{t("serverSection")}</summary>
        <ServerUrlForm serverUrl={settings.serverUrl} />
        {address && <p class="muted small address">{t("contributorAddress", address)}</p>}
      </details>
      <footer class="spread small">
        <button
          type="button"
          class="link"
          data-testid="open-settings"
          onClick={() => void openExtensionPage("settings.html", true)}
        >
          {t("settingsLink")}
        </button>
        <span class="muted">{t("privacyPromise")}</span>
      </footer>
    </main>
  );
}

function Stat(props: { label: string; value: number | undefined; testId: string; note?: string }) {
  return (
    <div class="stat card">
      <strong data-testid={props.testId}>{props.value === undefined ? "–" : formatCount(props.value)}</strong>
      <span class="muted small">{props.label}</span>
      {props.note && <span class="muted tiny">{props.note}</span>}
    </div>
  );
}

function UploadSummary({ report }: { report: UploadReport }) {
  if (report.failed === 0 && report.retrying === 0) {
    return <p role="status">{report.sent === 0 ? t("nothingToUpload") : t("uploadDone", report.sent)}</p>;
  }
  return (
    <p class="notice" role="status">
      {report.sent > 0 && `${t("uploadDone", report.sent)} `}
      {report.retrying > 0 && `${t("uploadRetrying", report.retrying)} `}
      {report.failed > 0 && `${t("uploadRefused", report.failed)} `}
      {report.lastError && <span class="muted">({report.lastError})</span>}
    </p>
  );
}
