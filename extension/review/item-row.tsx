// One line of the review list: who, when, the start of the text (redactions highlighted), status, quick decisions.
import { formatAmount, TOKEN_SYMBOL } from "../../shared/amounts";
import type { StoredItem } from "../storage/database";
import { formatWhen, t } from "../ui/i18n";
import { PlatformBadge } from "../ui/platform-badge";
import { RedactedText } from "./redacted-text";
import type { ReviewAction } from "./review-actions";
import type { ReviewRow } from "./review-query";

export const ROW_HEIGHT = 88;

interface ItemRowProps {
  row: ReviewRow;
  selected: boolean;
  focused: boolean;
  onPick(event: MouseEvent): void;
  onToggle(event: MouseEvent): void;
  onAction(action: ReviewAction): void;
}

export function VerdictNote({ stored }: { stored: StoredItem }) {
  const verdict = stored.verdict;
  if (!verdict) return null;
  if (verdict.status === "accepted") {
    return (
      <span class="chip good" data-testid="credited">
        {t("verdictCredited", formatAmount(verdict.points), TOKEN_SYMBOL)}
      </span>
    );
  }
  if (verdict.status === "duplicate") return <span class="chip">{t("verdictDuplicate")}</span>;
  return <span class="chip bad">{t("verdictRefused", verdict.reason)}</span>;
}

export function ItemRow({ row, selected, focused, onPick, onToggle, onAction }: ItemRowProps) {
  const classes = `item-row${selected ? " selected" : ""}${focused ? " focused" : ""}`;
  if (row.kind === "damaged") {
    return (
      // biome-ignore lint/a11y/noStaticElementInteractions: a mouse shortcut; keyboard users move with j/k and use the row's controls
      // biome-ignore lint/a11y/useKeyWithClickEvents: the page handles j/k/a/r/x for the focused row
      <div class={`${classes} damaged`} data-testid="damaged-item" onClick={onPick}>
        <input type="checkbox" aria-label={t("selectItem")} checked={selected} onClick={onToggle} />
        <div class="item-main">
          <strong>{t("damagedTitle")}</strong>
          <p class="muted snippet">{t("damagedExplained")}</p>
        </div>
        <button type="button" class="danger" data-testid="delete-damaged" onClick={() => onAction("delete")}>
          {t("delete")}
        </button>
      </div>
    );
  }
  const { stored } = row;
  const { item } = stored;
  const decidable = stored.status === "pending" || stored.status === "approved" || stored.status === "rejected";
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a mouse shortcut; keyboard users move with j/k and use the row's controls
    // biome-ignore lint/a11y/useKeyWithClickEvents: the page handles j/k/a/r/x for the focused row
    <div class={classes} data-testid="item" data-item-id={item.id} data-status={stored.status} onClick={onPick}>
      <input type="checkbox" aria-label={t("selectItem")} checked={selected} onClick={onToggle} />
      <PlatformBadge platform={item.platform} />
      <div class="item-main">
        <div class="item-meta">
          <strong class="author">{item.author.name || item.author.handle}</strong>
          <span class="muted">@{item.author.handle}</span>
          <span class="muted">· {formatWhen(stored.capturedAt)}</span>
          {item.kind !== "post" && <span class="pill">{t(`kind_${item.kind}`)}</span>}
          {item.promoted && <span class="pill promoted">{t("promoted")}</span>}
          <VerdictNote stored={stored} />
        </div>
        <p class="snippet" data-testid="item-text">
          <RedactedText text={item.text} redactions={stored.redactions} />
        </p>
      </div>
      {decidable && (
        <div class="quick-actions">
          <button
            type="button"
            class="icon approve"
            aria-label={t("approve")}
            title={t("approveKey")}
            disabled={stored.status === "approved"}
            onClick={(e) => {
              e.stopPropagation();
              onAction("approve");
            }}
          >
            ✓
          </button>
          <button
            type="button"
            class="icon reject"
            aria-label={t("reject")}
            title={t("rejectKey")}
            disabled={stored.status === "rejected"}
            onClick={(e) => {
              e.stopPropagation();
              onAction("reject");
            }}
          >
            ✕
          </button>
        </div>
      )}
    </div>
  );
}
