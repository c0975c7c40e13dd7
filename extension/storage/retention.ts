// Local retention: the raw (unredacted) text is purged some days after capture, uploaded items (and the bodies of
// their finished batches) some days after upload, per `settings.retention`; an alarm runs it twice a day.
import { browser } from "wxt/browser";
import { loadSettings, type Settings } from "../settings";
import { type TributaryDatabase, tributaryDatabase } from "./database";

export const RETENTION_ALARM = "tributary-retention";
const PERIOD_MINUTES = 12 * 60;
const DAY_MS = 86_400_000;

export interface PurgeReport {
  rawTextsPurged: number;
  itemsDeleted: number;
  batchesDeleted: number;
}

/** Removes the raw text of every item captured more than `days` days before `now`. */
export async function purgeRawText(db: TributaryDatabase, now: number, days: number): Promise<number> {
  const cutoff = now - days * DAY_MS;
  // The raw text is in the contents, which keep the capture time (and an index on it); the words stay as they are.
  return db.transaction("rw", db.contents, () =>
    db.contents
      .where("capturedAt")
      .below(cutoff)
      .filter((content) => content.rawText !== undefined)
      .modify((content) => {
        delete content.rawText;
      }),
  );
}

/**
 * Deletes items (records and contents) uploaded more than `days` days before `now`, and the finished batches created
 * before then.
 */
export async function purgeUploaded(
  db: TributaryDatabase,
  now: number,
  days: number,
): Promise<{ items: number; batches: number }> {
  const cutoff = now - days * DAY_MS;
  return db.transaction("rw", db.items, db.batches, async () => {
    const items = await db.items
      .where("status")
      .equals("uploaded")
      .filter((stored) => stored.updatedAt < cutoff)
      .delete();
    // A finished batch's body repeats its items: it goes once none of them is left.
    const finished = await db.batches
      .where("state")
      .equals("done")
      .filter((batch) => batch.createdAt < cutoff)
      .toArray();
    const gone: string[] = [];
    for (const batch of finished) {
      const members = await db.items.bulkGet(batch.contentHashes);
      if (members.every((member) => member === undefined)) gone.push(batch.id);
    }
    await db.batches.bulkDelete(gone);
    return { items, batches: gone.length };
  });
}

export async function applyRetention(
  db: TributaryDatabase,
  retention: Settings["retention"],
  now: number,
): Promise<PurgeReport> {
  const report: PurgeReport = { rawTextsPurged: 0, itemsDeleted: 0, batchesDeleted: 0 };
  if (retention.purgeRawAfterDays !== null)
    report.rawTextsPurged = await purgeRawText(db, now, retention.purgeRawAfterDays);
  if (retention.purgeUploadedAfterDays !== null) {
    const purged = await purgeUploaded(db, now, retention.purgeUploadedAfterDays);
    report.itemsDeleted = purged.items;
    report.batchesDeleted = purged.batches;
  }
  return report;
}

/** Background wiring: runs retention now and on a twice-daily alarm (created once, kept across restarts). */
export function keepRetentionScheduled(): void {
  const run = async () => applyRetention(tributaryDatabase(), (await loadSettings()).retention, Date.now());
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RETENTION_ALARM) void run().catch(() => undefined);
  });
  void (async () => {
    if (!(await browser.alarms.get(RETENTION_ALARM))) {
      await browser.alarms.create(RETENTION_ALARM, { periodInMinutes: PERIOD_MINUTES, delayInMinutes: 1 });
    }
    await run();
  })().catch(() => undefined);
}
