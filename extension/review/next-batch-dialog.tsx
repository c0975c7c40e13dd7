// "What will be sent": the exact JSON body of the next upload batch, its size and item count, in a modal dialog.
import { useEffect, useRef } from "preact/hooks";
import { MAX_BATCH_ITEMS } from "../../shared/batch";
import { tributaryDatabase } from "../storage/database";
import { formatBytes, formatCount, t } from "../ui/i18n";
import { useLiveQuery } from "../ui/use-live-query";
import { previewNextBatch } from "./next-batch-preview";

export function NextBatchDialog({ onClose }: { onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const preview = useLiveQuery(() => previewNextBatch(tributaryDatabase()), []);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} class="batch-dialog" aria-labelledby="batch-title" onClose={onClose} data-testid="next-batch">
      <div class="spread">
        <h2 id="batch-title">{t("whatWillBeSent")}</h2>
        <button type="button" onClick={() => dialog.current?.close()}>
          {t("close")}
        </button>
      </div>
      {preview === undefined ? (
        <p class="muted">{t("loading")}</p>
      ) : preview.count === 0 ? (
        <p data-testid="next-batch-empty">{t("nextBatchEmpty")}</p>
      ) : (
        <>
          <p>
            <span data-testid="next-batch-count">
              {t("nextBatchCount", formatCount(preview.count), MAX_BATCH_ITEMS)}
            </span>{" "}
            ·{" "}
            <span data-testid="next-batch-bytes" data-bytes={preview.bytes}>
              {formatBytes(preview.bytes)}
            </span>
            {preview.approved > preview.count && (
              <> · {t("nextBatchMore", formatCount(preview.approved - preview.count))}</>
            )}
          </p>
          <p class="muted small">{t("nextBatchExplained")}</p>
          <pre class="json" data-testid="next-batch-json">
            {preview.body}
          </pre>
        </>
      )}
    </dialog>
  );
}
