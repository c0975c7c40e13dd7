// Drives the upload queue from alarms, so it resumes after the service worker is stopped or the browser restarts.
import { browser } from "wxt/browser";
import { contributorAccount } from "../identity/contributor-key";
import type { UploadReport } from "../messages";
import { loadSettings } from "../settings";
import { tributaryDatabase } from "../storage/database";
import { runUploadQueue } from "../upload/upload-queue";

export const UPLOAD_ALARM = "tributary-upload";
export const RETRY_ALARM = "tributary-upload-retry";
const PERIOD_MINUTES = 15;

export async function ensureUploadAlarm(): Promise<void> {
  if (!(await browser.alarms.get(UPLOAD_ALARM))) {
    await browser.alarms.create(UPLOAD_ALARM, { periodInMinutes: PERIOD_MINUTES });
  }
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
