// The upload queue: forms batches from approved items and sends them; one run at a time across the extension.
import { exclusive } from "../platform/exclusive";
import type { TributaryDatabase } from "../storage/database";
import { formBatches } from "./form-batches";
import { type SendDeps, type SendReport, sendOpenBatches } from "./send-batches";

export async function runUploadQueue(
  deps: Omit<SendDeps, "db"> & { db: TributaryDatabase; newId?: () => string },
): Promise<SendReport> {
  return exclusive("tributary-upload", async () => {
    await formBatches(deps.db, deps.now(), deps.newId ?? (() => crypto.randomUUID()));
    return sendOpenBatches(deps);
  });
}
