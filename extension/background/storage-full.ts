// When the device runs out of storage while capturing, capture stops and the popup says why, instead of losing items.
import { updateSettings } from "../settings";

/** Whether an error (from IndexedDB or Dexie, possibly wrapped) means the browser refused to store more. */
export function isStorageFull(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const { name, inner, failures } = error as { name?: unknown; inner?: unknown; failures?: unknown };
  if (name === "QuotaExceededError") return true;
  // Dexie's BulkError carries the error of each refused row instead of an inner error.
  if (Array.isArray(failures) && failures.some((failure) => isStorageFull(failure, depth + 1))) return true;
  return isStorageFull(inner, depth + 1);
}

/** Stops capture if `error` says storage is full; any other error is only swallowed, as before. */
export async function stopCaptureIfStorageFull(error: unknown): Promise<undefined> {
  if (isStorageFull(error)) {
    await updateSettings({ captureEnabled: false, captureStoppedReason: "storage-full" }).catch(() => undefined);
  }
  return undefined;
}
