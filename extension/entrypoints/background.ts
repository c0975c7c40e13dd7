// Background: wires capture messages to the pipeline, and alarms and buttons to the upload queue.
import { browser } from "wxt/browser";
import { defineBackground } from "wxt/utils/define-background";
import { createCaptureStoring } from "../background/capture-storing";
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
import { pseudonymSecret } from "../identity/pseudonym-secret";
import { readPageCapture, runtimeMessageSchema } from "../messages";
import { recordUnparsed } from "../pipeline/ingest-capture";
import { stageItems, storeStagedChunk } from "../pipeline/staged-captures";
import { loadSettings } from "../settings";
import { tributaryDatabase } from "../storage/database";
import { applyDecisions } from "../storage/decisions";
import { keepRetentionScheduled } from "../storage/retention";
import { oldestStagedAt } from "../storage/staged-rows";

export default defineBackground(() => {
  // Captured posts are staged at once and stored as items when the user pauses (background/capture-storing.ts).
  const captureStoring = createCaptureStoring({
    storeChunk: async () => {
      const [settings, secret] = await Promise.all([loadSettings(), pseudonymSecret()]);
      return storeStagedChunk(tributaryDatabase(), { settings, secret, now: Date.now() });
    },
    oldestStagedAt: () => oldestStagedAt(tributaryDatabase()),
    onStored: () => void refreshPendingBadge().catch(() => undefined),
    onError: (error) => void stopCaptureIfStorageFull(error),
    now: Date.now,
    later: (run, ms) => {
      const timer = setTimeout(run, ms);
      return () => clearTimeout(timer);
    },
  });

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
    // A page-side hook's batch comes as the text it was handed over in: read (and checked) here.
    const message = parsed.data.type === "page-capture" ? readPageCapture(parsed.data.text) : parsed.data;
    if (message === undefined) return undefined;
    if (message.type === "captured-items") {
      return (async () => {
        const result = await stageItems(message, {
          db: tributaryDatabase(),
          settings: captureSettingsForSite(await loadSettings(), sender.tab?.url),
          now: Date.now(),
        });
        if (result.staged > 0) captureStoring.captured();
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
    if (message.type === "store-captures") return captureStoring.storeAll();
    return uploadApprovedItems().finally(() => refreshPendingBadge().catch(() => undefined));
  });

  // A bulk decision whose application an earlier worker did not finish (it was stopped) is finished now.
  void applyDecisions(tributaryDatabase()).catch(() => undefined);
  // Likewise posts staged by an earlier worker are stored after a quiet moment.
  captureStoring.resume();
  keepInstanceScriptsInSync();
  keepRetentionScheduled();
  keepPendingBadgeCurrent();
  keepUploadAlarmInStep();
});
