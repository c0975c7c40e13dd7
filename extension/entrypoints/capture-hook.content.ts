// MAIN world, document_start: takes the site's own API responses as the page reads them, and walks them here (see
// capture/page-capture.ts): only the items they hold go to the isolated content script.
import { defineContentScript } from "wxt/utils/define-content-script";
import { adapterForResponse } from "../adapters/registry";
import { CAPTURE_OFF_EVENT, CAPTURE_ON_EVENT, MAX_CAPTURED_BODY_CHARS } from "../capture/capture-limits";
import { createIdleQueue } from "../capture/idle-queue";
import { createPageCapture } from "../capture/page-capture";
import { installResponseHook } from "../capture/response-hook";
import { CAPTURE_PAGE_MATCHES } from "../capture/sites";

export default defineContentScript({
  matches: CAPTURE_PAGE_MATCHES,
  world: "MAIN",
  runAt: "document_start",
  allFrames: false,
  main() {
    const origin = window.location.origin;
    // On until the isolated world says otherwise, so the first responses of a page are not missed; the isolated
    // world drops anything that arrives while capture is off.
    let enabled = true;
    const whenIdle = createIdleQueue(window);
    const capture = createPageCapture({
      whenIdle,
      post: (message) => window.postMessage(message, origin),
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
