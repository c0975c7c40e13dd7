// The user's data on this device: exported as NDJSON (one JSON object per line), or deleted entirely.
import { resetSettings, type Settings } from "../settings";
import type { TributaryDatabase } from "../storage/database";
import { applyDecisions } from "../storage/decisions";
import { joinParts } from "../storage/item-parts";

/** Items exported per read of their contents. */
const EXPORT_STEP = 1000;

/**
 * Every line of the export: a header, the settings, then each item (its record and content as one object; a record
 * whose content is missing as it is), batch and counter as stored.
 */
export async function exportLocalData(db: TributaryDatabase, settings: Settings, now = new Date()): Promise<Blob> {
  const lines: string[] = [];
  const line = (value: unknown) => lines.push(`${JSON.stringify(value)}\n`);
  line({ type: "export", app: "tributary", format: 1, exportedAt: now.toISOString() });
  line({ type: "settings", settings });
  // Each item is exported in the status the user gave it: bulk decisions not applied yet are applied first.
  await applyDecisions(db);
  await db.transaction("r", db.items, db.contents, db.batches, db.unparsed, async () => {
    const records = await db.items.toArray();
    for (let start = 0; start < records.length; start += EXPORT_STEP) {
      const step = records.slice(start, start + EXPORT_STEP);
      const contents = await db.contents.bulkGet(step.map((record) => record.contentHash));
      step.forEach((record, i) => {
        line({ type: "item", ...(joinParts(record, contents[i]) ?? record) });
      });
    }
    await db.batches.each((batch) => line({ type: "batch", ...batch }));
    await db.unparsed.each((counter) => line({ type: "unparsed", ...counter }));
  });
  return new Blob(lines, { type: "application/x-ndjson" });
}

export function exportFileName(now = new Date()): string {
  return `tributary-export-${now.toISOString().slice(0, 10)}.ndjson`;
}

/**
 * Deletes every captured item (those still staged too), batch and counter; settings and the contributor key (which
 * holds rewards) stay.
 */
export async function deleteLocalData(db: TributaryDatabase): Promise<void> {
  const tables = [db.items, db.contents, db.batches, db.unparsed, db.decisions, db.appliedDecisions, db.captures];
  await db.transaction("rw", tables, async () => {
    // Clearing the items clears their contents, words and counters too (derived-rows.ts); the contents are cleared
    // again in case some were left without a record.
    await Promise.all(tables.map((table) => table.clear()));
  });
}

/** "Delete everything": the captured data, and the settings back to their defaults; the contributor key stays. */
export async function deleteEverything(db: TributaryDatabase): Promise<void> {
  await deleteLocalData(db);
  await resetSettings();
}

/** Offers a file to the user as a download from an extension page. */
export function offerDownload(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
