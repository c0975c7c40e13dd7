// Isolated world: forwards the batches of items the page-side hook hands over (the background checks them), reads and
// parses the first screen and hands its items on; it also tells the hook to take nothing while capture is off here.
import { browser } from "wxt/browser";
import { defineContentScript } from "wxt/utils/define-content-script";
import { adapterForPage } from "../adapters/registry";
import { CAPTURE_OFF_EVENT, CAPTURE_ON_EVENT, PAGE_CAPTURE_EVENT } from "../capture/capture-limits";
import { createIdleQueue } from "../capture/idle-queue";
import { createItemBatcher, flushWhenPageLeaves, ITEM_BATCH_DELAY_MS } from "../capture/item-batch";
import { type RelaySend, relayEmbeddedDocument, relayPageEvent } from "../capture/relay";
import { CAPTURE_PAGE_MATCHES } from "../capture/sites";
import type { PageCaptureTextMessage } from "../messages";
import { loadSettings, onSettingsChanged, type Settings } from "../settings";

export default defineContentScript({
  matches: CAPTURE_PAGE_MATCHES,
  runAt: "document_start",
  allFrames: false,
  main() {
    const pagePlatform = adapterForPage(window.location.href)?.platform;
    let capturing = true;
    const applySettings = (settings: Settings) => {
      capturing =
        settings.captureEnabled &&
        (pagePlatform ? settings.platforms[pagePlatform] : Object.values(settings.platforms).some(Boolean));
      // Tells the page-side hook whether to copy anything at all (capture off: no copies).
      window.dispatchEvent(new Event(capturing ? CAPTURE_ON_EVENT : CAPTURE_OFF_EVENT));
    };
    void loadSettings().then(applySettings);
    onSettingsChanged(applySettings);

    // Items and drift counts of the first screen, and the hook's batches as their text.
    const sendNow = (message: Parameters<RelaySend>[0] | PageCaptureTextMessage) => {
      if (capturing) void browser.runtime.sendMessage(message).catch(() => undefined);
    };
    // The hook's batches go on at once; the first screen's items wait for company like the hook's do.
    window.addEventListener(PAGE_CAPTURE_EVENT, (event) => relayPageEvent(event, sendNow));
    const batcher = createItemBatcher(sendNow, (flush) => window.setTimeout(flush, ITEM_BATCH_DELAY_MS));
    const send = batcher.send;
    // Items still waiting when the tab goes away or hides are sent then, not lost.
    flushWhenPageLeaves(window, batcher.flush);
    const whenIdle = createIdleQueue(window);
    const readDocument = () => {
      if (capturing) whenIdle(() => relayEmbeddedDocument(document, window.location.href, send));
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", readDocument, { once: true });
    else readDocument();
  },
});
