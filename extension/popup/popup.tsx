// The toolbar popup: capture on/off, what waits for review, the credited balance, and the upload button.
import { useEffect, useState } from "preact/hooks";
import { browser } from "wxt/browser";
import { formatAmount, TOKEN_SYMBOL } from "../../shared/amounts";
import { adapters } from "../adapters/registry";
import { contributorAccount } from "../identity/contributor-key";
import type { UploadReport } from "../messages";
import { loadSettings, onSettingsChanged, type Settings, serverOriginPattern, updateSettings } from "../settings";
import { tributaryDatabase } from "../storage/database";
import { PLATFORM_NAMES } from "../ui/platform-names";
import { type BalanceState, fetchBalance } from "../ui/server-balance";
import { countByStatus } from "../ui/status-counts";
import { useLiveQuery } from "../ui/use-live-query";

export function Popup() {
  const db = tributaryDatabase();
  const [settings, setSettings] = useState<Settings>();
  const [address, setAddress] = useState<string>();
  const [balance, setBalance] = useState<BalanceState>({ state: "loading" });
  const [upload, setUpload] = useState<{ running: boolean; report?: UploadReport }>({ running: false });
  const counts = useLiveQuery(() => countByStatus(db), []);

  useEffect(() => {
    void loadSettings().then(setSettings);
    void contributorAccount().then((account) => setAddress(account.address));
    return onSettingsChanged(setSettings);
  }, []);

  const refreshBalance = () => {
    if (settings && address) void fetchBalance(settings.serverUrl, address).then(setBalance);
  };
  useEffect(refreshBalance, [settings?.serverUrl, address, counts?.uploaded]);

  if (!settings) return <main class="popup" aria-busy="true" />;

  const uploadNow = async () => {
    setUpload({ running: true });
    const report = (await browser.runtime.sendMessage({ type: "upload-now" }).catch(() => undefined)) as
      | UploadReport
      | undefined;
    setUpload({ running: false, report });
    refreshBalance();
  };

  const openReview = () => {
    void browser.tabs.create({ url: browser.runtime.getURL("/review.html") });
    window.close();
  };

  return (
    <main class="popup">
      <header>
        <h1>Tributary</h1>
        <label class="row">
          <span>{settings.captureEnabled ? "Capturing" : "Paused"}</span>
          <input
            type="checkbox"
            aria-label="Capture posts while I browse"
            checked={settings.captureEnabled}
            onChange={(e) => void updateSettings({ captureEnabled: e.currentTarget.checked })}
          />
        </label>
      </header>

      <section class="card balance" aria-live="polite">
        <div class="muted">Credited balance</div>
        {balance.state === "ok" && (
          <strong data-testid="balance">
            {formatAmount(balance.balance.balance)} {TOKEN_SYMBOL}
          </strong>
        )}
        {balance.state === "loading" && <span class="muted">Loading…</span>}
        {balance.state === "unreachable" && (
          <p class="notice" role="status" data-testid="server-unreachable">
            {balance.message} Your items stay safe on this device until it is back.
          </p>
        )}
      </section>

      <section class="stats" aria-label="Items on this device">
        <Stat label="To review" value={counts?.pending} testId="count-pending" />
        <Stat label="Approved" value={(counts?.approved ?? 0) + (counts?.queued ?? 0)} testId="count-approved" />
        <Stat label="Uploaded" value={counts?.uploaded} testId="count-uploaded" />
      </section>

      <div class="row">
        <button type="button" class="primary" onClick={openReview} data-testid="open-review">
          Review {counts?.pending ?? 0} items
        </button>
        <button type="button" onClick={() => void uploadNow()} disabled={upload.running} data-testid="upload-now">
          {upload.running ? "Uploading…" : "Upload approved"}
        </button>
      </div>
      {upload.report && <UploadSummary report={upload.report} />}

      <section aria-label="Platforms">
        <h2 class="muted" style="font-size: 13px; margin-bottom: 4px;">
          Capture on these platforms
        </h2>
        <div class="platforms">
          {adapters.map(({ platform }) => (
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
        <summary>Server</summary>
        <ServerUrlForm serverUrl={settings.serverUrl} />
        {address && (
          <p class="muted" style="font-size: 12px; word-break: break-all;">
            Contributor {address}
          </p>
        )}
      </details>
    </main>
  );
}

function Stat(props: { label: string; value: number | undefined; testId: string }) {
  return (
    <div class="stat card">
      <strong data-testid={props.testId}>{props.value ?? "–"}</strong>
      <span class="muted">{props.label}</span>
    </div>
  );
}

function UploadSummary({ report }: { report: UploadReport }) {
  if (report.failed === 0 && report.retrying === 0) {
    return (
      <p role="status">{report.sent === 0 ? "Nothing approved to upload." : `Uploaded ${report.sent} batch(es).`}</p>
    );
  }
  return (
    <p class="notice" role="status">
      {report.sent > 0 && `Uploaded ${report.sent} batch(es). `}
      {report.retrying > 0 && `${report.retrying} batch(es) will be retried automatically. `}
      {report.failed > 0 && `${report.failed} batch(es) were refused. `}
      {report.lastError && <span class="muted">({report.lastError})</span>}
    </p>
  );
}

function ServerUrlForm({ serverUrl }: { serverUrl: string }) {
  const [value, setValue] = useState(serverUrl);
  const [message, setMessage] = useState<string>();
  const save = async (event: Event) => {
    event.preventDefault();
    let url: URL;
    try {
      url = new URL(value.trim());
      if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("scheme");
    } catch {
      setMessage("Enter a full address such as https://ingest.example.org");
      return;
    }
    const local = url.hostname === "127.0.0.1" || url.hostname === "localhost";
    if (!local) {
      const granted = await browser.permissions.request({ origins: [serverOriginPattern(url.href)] });
      if (!granted) {
        setMessage("Tributary needs your permission to talk to that server.");
        return;
      }
    }
    await updateSettings({ serverUrl: url.origin });
    setMessage("Saved.");
  };
  return (
    <form onSubmit={(e) => void save(e)} class="row" style="margin-top: 6px;">
      <input
        type="url"
        aria-label="Server address"
        data-testid="server-url"
        value={value}
        onInput={(e) => setValue(e.currentTarget.value)}
      />
      <button type="submit" data-testid="save-server-url">
        Save
      </button>
      {message && <span role="status">{message}</span>}
    </form>
  );
}
