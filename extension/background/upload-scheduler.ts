// Drives the upload queue from alarms, so it resumes after the service worker is stopped or the browser restarts.
import { browser } from "wxt/browser";
import { contributorAccount } from "../identity/contributor-key";
import type { UploadReport } from "../messages";
import { loadSettings, onSettingsChanged, type Settings } from "../settings";
import { tributaryDatabase } from "../storage/database";
import { runUploadQueue } from "../upload/upload-queue";

export const UPLOAD_ALARM = "tributary-upload";
export const RETRY_ALARM = "tributary-upload-retry";

/** The periodic upload follows the user's auto-upload setting: every N minutes, or no alarm at all when it is off. */
export async function ensureUploadAlarm(settings?: Settings): Promise<void> {
  const { autoUpload } = settings ?? (await loadSettings());
  const existing = await browser.alarms.get(UPLOAD_ALARM);
  if (!autoUpload.enabled) {
    if (existing) await browser.alarms.clear(UPLOAD_ALARM);
    return;
  }
  if (existing?.periodInMinutes !== autoUpload.everyMinutes) {
    await browser.alarms.create(UPLOAD_ALARM, { periodInMinutes: autoUpload.everyMinutes });
  }
}

/** Re-schedules the periodic upload whenever the user changes the auto-upload setting. */
export function keepUploadAlarmInStep(): void {
  onSettingsChanged((settings) => void ensureUploadAlarm(settings).catch(() => undefined));
}

export async function uploadApprovedItems(): Promise<UploadReport> {
  const settings = await loadSettings();
  const report = await runUploadQueue({
    db: tributaryDatabase(),
    account: await contributorAccount(),
    serverUrl: settings.serverUrl,
    fetch: (input, init) => fetch(input, init),
    now: Date.now,
  });
  if (report.nextAttemptAt !== undefined) {
    await browser.alarms.create(RETRY_ALARM, { when: Math.max(report.nextAttemptAt, Date.now() + 30_000) });
  }
  return report;
}
