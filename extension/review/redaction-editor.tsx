// "Redact more" (a selection of the text, with a type) and "put back" (one redaction) for the focused item.
import { useState } from "preact/hooks";
import { PII_TYPES } from "../../shared/redaction/types";
import { type StoredItem, tributaryDatabase } from "../storage/database";
import { t } from "../ui/i18n";
import { redactSelectionInItem, unredactInItem } from "./edit-redactions";

/** The selection inside `container` as offsets into its text (the item's text), or undefined. */
export function selectionOffsets(container: HTMLElement): { start: number; end: number } | undefined {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return undefined;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return undefined;
  const before = document.createRange();
  before.setStart(container, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const start = before.toString().length;
  return { start, end: start + range.toString().length };
}

interface RedactionEditorProps {
  stored: StoredItem;
  textElement: () => HTMLElement | null;
}

export function RedactionEditor({ stored, textElement }: RedactionEditorProps) {
  const [type, setType] = useState<string>("PERSON");
  const [message, setMessage] = useState<string>();
  const db = tributaryDatabase();
  const report = (result: Awaited<ReturnType<typeof unredactInItem>>) => {
    if (!result.ok) setMessage(result.reason);
    // The edited item keeps its place in the list (its key changes with its text).
    else setMessage(result.residual.length > 0 ? t("residualWarning", result.residual.join(", ")) : undefined);
  };
  const redact = async () => {
    const element = textElement();
    const offsets = element ? selectionOffsets(element) : undefined;
    if (!offsets) {
      setMessage(t("redactSelectFirst"));
      return;
    }
    report(await redactSelectionInItem(db, stored.contentHash, { ...offsets, type }));
  };
  return (
    <section class="redaction-editor small" aria-label={t("redactionEditorLabel")}>
      <div class="row">
        <label class="row">
          <span>{t("redactSelectionAs")}</span>
          <select value={type} onChange={(e) => setType(e.currentTarget.value)} data-testid="redact-type">
            {PII_TYPES.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          data-testid="redact-selection"
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => void redact()}
        >
          {t("redactSelection")}
        </button>
      </div>
      {(stored.redactions ?? []).length > 0 && (
        <ul class="redaction-list">
          {(stored.redactions ?? []).map((span, index) => (
            <li key={`${span.start}-${span.type}`}>
              <mark class={`redaction redaction-${span.type.toLowerCase().replace(/[^a-z_]/g, "")}`}>{span.type}</mark>{" "}
              <button
                type="button"
                class="link"
                data-testid="unredact"
                onClick={() => void unredactInItem(db, stored.contentHash, index).then(report)}
              >
                {t("unredact")}
              </button>
            </li>
          ))}
        </ul>
      )}
      {message && (
        <p role="status" class="notice">
          {message}
        </p>
      )}
    </section>
  );
}
