// review: the user redacts more of an item's text (a selection, with a type) or puts back one redaction they judge a
// false positive, before approving it.
//
// An item's contentHash is computed from (platform, id, text) and is the key of its record and its content, so an edit
// that changes the text re-keys the item: in one transaction the old rows are deleted and the edited ones added under
// the new hash, with the status, capture time and raw text kept. The `[platform+itemId]` index keeps a later capture of
// the same post from coming back as a new item. Queued and uploaded items cannot be edited: their bytes are already fixed.
import { contentHash } from "../../shared/content-hash";
import { MAX_TEXT_LENGTH } from "../../shared/item-limits";
import { PII_TYPES, type PiiType } from "../../shared/redaction/types";
import { type RedactedText, redactRange, restoreRedaction } from "../pipeline/redaction-map";
import type { ItemStatus, StoredItem, TributaryDatabase } from "../storage/database";
import { putItems, readItems } from "../storage/item-parts";

const EDITABLE: readonly ItemStatus[] = ["pending", "approved", "rejected"];

export type EditOutcome = { ok: true; item: StoredItem } | { ok: false; reason: string };

export type SavedEdit =
  | {
      ok: true;
      /** The row's key after the edit (it changes with the text). */
      contentHash: string;
      /** What the server's gate would still find in the text: a restored redaction may be refused on upload. */
      residual: PiiType[];
    }
  | { ok: false; reason: string };

function textOf(stored: StoredItem): RedactedText {
  return { text: stored.item.text, redactions: stored.redactions ?? [] };
}

function withText(stored: StoredItem, edited: RedactedText, now: number): StoredItem {
  const item = { ...stored.item, text: edited.text };
  return {
    ...stored,
    contentHash: contentHash(item),
    item,
    redactions: edited.redactions,
    // An item never redacted before keeps its text as the raw text, so the new redaction can be undone.
    rawText:
      stored.rawText ??
      (stored.redactions === undefined || stored.redactions.length === 0 ? stored.item.text : undefined),
    updatedAt: now,
  };
}

/** Replaces a selection of the item's (redacted) text by a placeholder of `type`. */
export function redactSelection(
  stored: StoredItem,
  selection: { start: number; end: number; type: string },
  now: number,
): EditOutcome {
  const { start, end, type } = selection;
  if (!(PII_TYPES as readonly string[]).includes(type))
    return { ok: false, reason: `"${type}" is not a kind of personal data` };
  const length = stored.item.text.length;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > length || start >= end) {
    return { ok: false, reason: "select some of the item's text to redact" };
  }
  const edited = redactRange(textOf(stored), start, end, type);
  if (edited.text.length > MAX_TEXT_LENGTH) return { ok: false, reason: "the text would become too long to upload" };
  return { ok: true, item: withText(stored, edited, now) };
}

/** Puts back the original of one redaction (by its index in `redactions`). */
export function unredact(stored: StoredItem, index: number, now: number): EditOutcome {
  if (stored.redactions?.[index] === undefined) return { ok: false, reason: "this redaction no longer exists" };
  const edited = restoreRedaction(textOf(stored), index, stored.rawText);
  if (!edited) return { ok: false, reason: "the original text was purged from this device, so it cannot be restored" };
  if (edited.text.length > MAX_TEXT_LENGTH) return { ok: false, reason: "the text would become too long to upload" };
  return { ok: true, item: withText(stored, edited, now) };
}

/**
 * Applies an edit to the stored row, re-keying it when the text changed; nothing is written when it is refused. Then
 * checks the new text as the server's gate will; the detector is loaded only then (it is most of the review page's
 * code, and the page should not wait for it to show its first rows).
 */
async function saveEdit(
  db: TributaryDatabase,
  hash: string,
  edit: (stored: StoredItem) => EditOutcome,
): Promise<SavedEdit> {
  const saved = await db.transaction(
    "rw",
    db.items,
    db.contents,
    async (): Promise<{ ok: true; contentHash: string; text: string } | { ok: false; reason: string }> => {
      const [stored] = await readItems(db, [hash]);
      if (!stored) return { ok: false, reason: "this item is no longer on the device" };
      if (!EDITABLE.includes(stored.status)) return { ok: false, reason: "this item is already queued or uploaded" };
      const outcome = edit(stored);
      if (!outcome.ok) return outcome;
      const next = outcome.item;
      if (next.contentHash !== hash) {
        if (await db.items.get(next.contentHash))
          return { ok: false, reason: "an item with this exact text is already stored" };
        // Its content goes with it (derived-rows.ts).
        await db.items.delete(hash);
      }
      await putItems(db, [next]);
      return { ok: true, contentHash: next.contentHash, text: next.item.text };
    },
  );
  if (!saved.ok) return saved;
  const { findResidualPii } = await import("../../shared/redaction/index");
  return { ok: true, contentHash: saved.contentHash, residual: findResidualPii(saved.text) };
}

export function redactSelectionInItem(
  db: TributaryDatabase,
  hash: string,
  selection: { start: number; end: number; type: string },
): Promise<SavedEdit> {
  return saveEdit(db, hash, (stored) => redactSelection(stored, selection, Date.now()));
}

export function unredactInItem(db: TributaryDatabase, hash: string, index: number): Promise<SavedEdit> {
  return saveEdit(db, hash, (stored) => unredact(stored, index, Date.now()));
}
