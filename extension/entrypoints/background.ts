// Background: wires capture messages to the pipeline, and alarms and buttons to the upload queue.
import { browser } from "wxt/browser";
import { defineBackground } from "wxt/utils/define-background";
import { keepInstanceScriptsInSync } from "../background/instance-sync";
import { keepPendingBadgeCurrent, refreshPendingBadge } from "../background/pending-badge";
import { captureSettingsForSite } from "../background/site-capture";
import { stopCaptureIfStorageFull } from "../background/storage-full";
import {
  ensureUploadAlarm,
  keepUploadAlarmInStep,
  RETRY_ALARM,
  UPLOAD_ALARM,
  uploadApprovedItems,
} from "../background/upload-scheduler";
import { contributorAccount } from "../identity/contributor-key";
import { runtimeMessageSchema } from "../messages";
import { ingestItems, recordUnparsed } from "../pipeline/ingest-capture";
import { loadSettings } from "../settings";
import { tributaryDatabase } from "../storage/database";
import { applyDecisions } from "../storage/decisions";
import { keepRetentionScheduled } from "../storage/retention";

export default defineBackground(() => {
  browser.runtime.onInstalled.addListener((details) => {
    // Opened beside the current tab (not over it); the popup also leads there until a platform is chosen.
    if (details.reason === "install")
      void browser.tabs.create({ url: browser.runtime.getURL("/onboarding.html"), active: false });
    void contributorAccount();
    void ensureUploadAlarm();
  });
  browser.runtime.onStartup.addListener(() => void ensureUploadAlarm());

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === UPLOAD_ALARM || alarm.name === RETRY_ALARM) void uploadApprovedItems().catch(() => undefined);
  });

  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    if (sender.id !== browser.runtime.id) return undefined;
    const parsed = runtimeMessageSchema.safeParse(raw);
    if (!parsed.success) return undefined;
    const message = parsed.data;
    if (message.type === "captured-items") {
      return (async () => {
        const result = await ingestItems(message, {
          db: tributaryDatabase(),
          settings: captureSettingsForSite(await loadSettings(), sender.tab?.url),
          now: Date.now(),
        });
        if (result.stored > 0) await refreshPendingBadge();
        return result;
      })().catch(stopCaptureIfStorageFull);
    }
    if (message.type === "unparsed-response") {
      return (async () =>
        recordUnparsed(message, {
          db: tributaryDatabase(),
          settings: captureSettingsForSite(await loadSettings(), sender.tab?.url),
          now: Date.now(),
        }))().catch(() => undefined);
    }
    if (message.type === "apply-decisions") return applyDecisions(tributaryDatabase()).catch(() => 0);
    return uploadApprovedItems().finally(() => refreshPendingBadge().catch(() => undefined));
  });

  // A bulk decision whose application an earlier worker did not finish (it was stopped) is finished now.
  void applyDecisions(tributaryDatabase()).catch(() => undefined);
  keepInstanceScriptsInSync();
  keepRetentionScheduled();
  keepPendingBadgeCurrent();
  keepUploadAlarmInStep();
});
