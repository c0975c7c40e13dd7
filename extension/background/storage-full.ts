// When the device runs out of storage while capturing, capture stops and the popup says why, instead of losing items.
import { updateSettings } from "../settings";

/** Whether an error (from IndexedDB or Dexie, possibly wrapped) means the browser refused to store more. */
export function isStorageFull(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 4; depth++) {
    const { name, inner } = current as { name?: unknown; inner?: unknown };
    if (name === "QuotaExceededError") return true;
    current = inner;
  }
  return false;
}

/** Stops capture if `error` says storage is full; any other error is only swallowed, as before. */
export async function stopCaptureIfStorageFull(error: unknown): Promise<undefined> {
  if (isStorageFull(error)) {
    await updateSettings({ captureEnabled: false, captureStoppedReason: "storage-full" }).catch(() => undefined);
  }
  return undefined;
}
