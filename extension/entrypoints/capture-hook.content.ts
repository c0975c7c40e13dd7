// MAIN world, document_start: takes the site's own API responses as the page reads them, and walks them here (see
// capture/page-capture.ts): only the items they hold go to the isolated content script.
import { defineContentScript } from "wxt/utils/define-content-script";
import { adapterForResponse } from "../adapters/registry";
import {
  CAPTURE_OFF_EVENT,
  CAPTURE_ON_EVENT,
  MAX_CAPTURED_BODY_CHARS,
  PAGE_CAPTURE_EVENT,
} from "../capture/capture-limits";
import { createIdleQueue } from "../capture/idle-queue";
import { createItemBatcher, flushWhenPageLeaves, ITEM_BATCH_DELAY_MS } from "../capture/item-batch";
import { createPageCapture } from "../capture/page-capture";
import { installResponseHook } from "../capture/response-hook";
import { CAPTURE_PAGE_MATCHES } from "../capture/sites";

export default defineContentScript({
  matches: CAPTURE_PAGE_MATCHES,
  world: "MAIN",
  runAt: "document_start",
  allFrames: false,
  main() {
    // On until the isolated world says otherwise, so the first responses of a page are not missed; the isolated
    // world drops anything that arrives while capture is off.
    let enabled = true;
    // Items wait for company before they cross to the isolated world, one JSON text per batch: each crossing costs the
    // page's thread the same whatever its size. The event's listener runs at once, so a flush as the page goes away
    // reaches the isolated world before it does.
    // The builtins are taken now, before the page's scripts run and may replace them.
    const stringify = JSON.stringify.bind(JSON);
    const dispatch = window.dispatchEvent.bind(window);
    const PageEvent = window.CustomEvent;
    const later = window.setTimeout.bind(window);
    const batcher = createItemBatcher(
      (message) => dispatch(new PageEvent(PAGE_CAPTURE_EVENT, { detail: stringify(message) })),
      (flush) => later(flush, ITEM_BATCH_DELAY_MS),
    );
    flushWhenPageLeaves(window, batcher.flush);
    const capture = createPageCapture({
      whenIdle: createIdleQueue(window),
      send: batcher.send,
      pageUrl: () => window.location.href,
    });
    window.addEventListener(CAPTURE_ON_EVENT, () => {
      // Posts handed over while capture was off were dropped: seen again now, they are wanted.
      if (!enabled) capture.forget();
      enabled = true;
    });
    window.addEventListener(CAPTURE_OFF_EVENT, () => {
      enabled = false;
    });
    installResponseHook(window, {
      enabled: () => enabled,
      shouldCapture: (url) => adapterForResponse(url) !== undefined,
      maxBodyChars: MAX_CAPTURED_BODY_CHARS,
      emit: capture,
    });
  },
});
