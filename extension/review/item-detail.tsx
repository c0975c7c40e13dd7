// The focused item in full: the exact text that would be sent, its redactions by type, media, metrics, the verdict.
import { useRef } from "preact/hooks";
import { formatCount, t } from "../ui/i18n";
import { PlatformBadge } from "../ui/platform-badge";
import { PLATFORM_NAMES } from "../ui/platform-names";
import { VerdictNote } from "./item-row";
import { RedactedText, redactionTypes } from "./redacted-text";
import { RedactionEditor } from "./redaction-editor";
import type { ReviewAction } from "./review-actions";
import type { ReviewRow } from "./review-query";

interface ItemDetailProps {
  row: ReviewRow | undefined;
  showRemoteImages: boolean;
  onAction(action: ReviewAction): void;
}

export function ItemDetail({ row, showRemoteImages, onAction }: ItemDetailProps) {
  const textElement = useRef<HTMLParagraphElement>(null);
  if (!row) {
    return (
      <aside class="detail empty-detail" aria-label={t("detailLabel")}>
        <p class="muted">{t("detailNothing")}</p>
      </aside>
    );
  }
  if (row.kind === "damaged") {
    return (
      <aside class="detail" aria-label={t("detailLabel")}>
        <h2>{t("damagedTitle")}</h2>
        <p>{t("damagedExplained")}</p>
        <button type="button" class="danger" onClick={() => onAction("delete")}>
          {t("delete")}
        </button>
      </aside>
    );
  }
  const { stored } = row;
  const { item } = stored;
  const types = redactionTypes(item.text, stored.redactions);
  const decidable = stored.status === "pending" || stored.status === "approved" || stored.status === "rejected";
  return (
    <aside class="detail" aria-label={t("detailLabel")} data-testid="item-detail">
      <header class="detail-head">
        <PlatformBadge platform={item.platform} />
        <div>
          <strong>{item.author.name || item.author.handle}</strong> <span class="muted">@{item.author.handle}</span>
          <div class="muted small">
            {PLATFORM_NAMES[item.platform]} · {t(`kind_${item.kind}`)}
            {item.createdAt && ` · ${new Date(item.createdAt).toLocaleString()}`}
          </div>
        </div>
      </header>
      {item.promoted && <p class="pill promoted">{t("promotedExplained")}</p>}
      <p class="full-text" data-testid="detail-text" ref={textElement}>
        <RedactedText text={item.text} redactions={stored.redactions} />
      </p>
      {types.length > 0 && (
        <p class="legend small">
          {t("redactedLegend")}{" "}
          {types.map((type) => (
            <mark key={type} class={`redaction redaction-${type.toLowerCase().replace(/[^a-z_]/g, "")}`}>
              {type}
            </mark>
          ))}
        </p>
      )}
      {decidable && <RedactionEditor stored={stored} textElement={() => textElement.current} />}
      {item.media.length > 0 &&
        (showRemoteImages ? (
          <div class="media">
            {item.media
              .filter((media) => media.type === "image" || media.type === "gif")
              .slice(0, 4)
              .map((media) => (
                <img key={media.url} src={media.url} alt="" loading="lazy" referrerpolicy="no-referrer" />
              ))}
          </div>
        ) : (
          <p class="muted small">{t("mediaHidden", item.media.length)}</p>
        ))}
      <dl class="metrics small">
        {(["likes", "reposts", "replies", "views"] as const).map((metric) =>
          item.metrics[metric] === null ? null : (
            <div key={metric}>
              <dt>{t(`metric_${metric}`)}</dt>
              <dd>{formatCount(item.metrics[metric] ?? 0)}</dd>
            </div>
          ),
        )}
      </dl>
      <p class="small">
        <span class={`status status-${stored.status}`}>{t(`status_${stored.status}`)}</span>{" "}
        <VerdictNote stored={stored} />
      </p>
      <div class="row">
        {decidable && (
          <>
            <button
              type="button"
              class="primary"
              data-testid="detail-approve"
              disabled={stored.status === "approved"}
              onClick={() => onAction("approve")}
            >
              {t("approve")} <kbd>a</kbd>
            </button>
            <button
              type="button"
              data-testid="detail-reject"
              disabled={stored.status === "rejected"}
              onClick={() => onAction("reject")}
            >
              {t("reject")} <kbd>r</kbd>
            </button>
          </>
        )}
        {stored.status !== "queued" && (
          <button type="button" class="danger" data-testid="detail-delete" onClick={() => onAction("delete")}>
            {t("delete")}
          </button>
        )}
      </div>
      {item.url && (
        <p class="small">
          <a href={item.url} target="_blank" rel="noreferrer noopener">
            {t("openOriginal")}
          </a>
        </p>
      )}
      <details class="small">
        <summary>{t("exactJson")}</summary>
        <pre class="json">{JSON.stringify(item, null, 2)}</pre>
      </details>
    </aside>
  );
}
