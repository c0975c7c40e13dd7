// The review page: every captured item exactly as it would be sent; the user approves, rejects or deletes, one by
// one or many at once (with undo), and sees what the next upload will contain.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { browser } from "wxt/browser";
import type { UploadReport } from "../messages";
import { loadSettings, onSettingsChanged, type Settings } from "../settings";
import { type ItemStatus, tributaryDatabase } from "../storage/database";
import { applyDecisions, decisionsInFlight } from "../storage/decisions";
import { stagedPostCount } from "../storage/staged-rows";
import { formatCount, type MessageName, t } from "../ui/i18n";
import { openExtensionPage } from "../ui/open-page";
import { countByStatus } from "../ui/status-counts";
import { storeCapturesNow } from "../ui/store-captures";
import { type EarlyQuery, startLiveQuery, useLiveQuery } from "../ui/use-live-query";
import { VirtualList } from "../ui/virtual-list";
import { ItemDetail } from "./item-detail";
import { ItemRow, ROW_HEIGHT } from "./item-row";
import { NextBatchDialog } from "./next-batch-dialog";
import { applyReviewAction, type ReviewAction, type UndoRecord, undoReviewAction } from "./review-actions";
import { ReviewFilters } from "./review-filters";
import { useReviewKeys } from "./review-keys";
import {
  ALL_ITEMS,
  countReviewRows,
  indexOnly,
  loadReviewRows,
  matchingKeys,
  type ReviewFilter,
  type ReviewRow,
  SEARCH_LIMIT,
} from "./review-query";
import { UnparsedCounters } from "./unparsed-counters";

const TABS: { status: ItemStatus; label: MessageName }[] = [
  { status: "pending", label: "tabPending" },
  { status: "approved", label: "tabApproved" },
  { status: "queued", label: "tabQueued" },
  { status: "uploaded", label: "tabUploaded" },
  { status: "refused", label: "tabRefused" },
  { status: "rejected", label: "tabRejected" },
];

/** Rows read first: a few screenfuls, so the page shows them as soon as it can; then STEP more as the user scrolls. */
const FIRST = 24;
/** Rows read per step as the user scrolls. */
const STEP = 200;

const DONE_MESSAGES: Record<ReviewAction, MessageName> = {
  approve: "doneApproved",
  reject: "doneRejected",
  delete: "doneDeleted",
};

const FIRST_FILTER: ReviewFilter = { status: "pending", ...ALL_ITEMS };

/** Starts reading the rows the page opens on (call it before rendering the page, and pass it to the page). */
export function readFirstRows(): EarlyQuery<ReviewRow[]> {
  return startLiveQuery(() => loadReviewRows(tributaryDatabase(), FIRST_FILTER, FIRST));
}

export function ReviewPage({ firstRows }: { firstRows?: EarlyQuery<ReviewRow[]> }) {
  const db = tributaryDatabase();
  const [filter, setFilter] = useState<ReviewFilter>(FIRST_FILTER);
  const [limit, setLimit] = useState(FIRST);
  const [focusedIndex, setFocusedIndex] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [anchor, setAnchor] = useState<number>();
  const [undo, setUndo] = useState<UndoRecord>();
  const [notice, setNotice] = useState<string>();
  const [settings, setSettings] = useState<Settings>();
  const [showBatch, setShowBatch] = useState(false);
  const [uploading, setUploading] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);

  const filterKey = JSON.stringify(filter);
  const rows = useLiveQuery(() => loadReviewRows(db, filter, limit), [filterKey, limit], firstRows);
  // Counting 100,000 index entries takes IndexedDB a good part of a second: the counts start once the first rows are
  // in, so they never hold the rows up; a filter on the status alone reuses the tab's count.
  const rowsIn = rows !== undefined;
  const statusOnly = filter.platform === "all" && filter.from === null && filter.to === null && indexOnly(filter);
  const counts = useLiveQuery(() => (rowsIn ? countByStatus(db) : Promise.resolve(undefined)), [rowsIn]);
  const filteredTotal = useLiveQuery(
    () => (rowsIn && !statusOnly ? countReviewRows(db, filter) : Promise.resolve(undefined)),
    [filterKey, rowsIn, statusOnly],
  );
  const total = statusOnly ? counts?.[filter.status] : filteredTotal;
  const unparsed = useLiveQuery(() => db.unparsed.toArray(), []);
  const applying = useLiveQuery(async () => (await decisionsInFlight(db)).total, []);
  // Posts captured moments ago are still being stored (the page asked for them as it opened): they are on their way.
  const staged = useLiveQuery(() => stagedPostCount(db), []);

  useEffect(() => {
    void storeCapturesNow();
    void loadSettings().then(setSettings);
    return onSettingsChanged(setSettings);
  }, []);

  const changeFilter = (change: Partial<ReviewFilter>) => {
    setFilter((current) => ({ ...current, ...change }));
    setLimit(FIRST);
    setFocusedIndex(0);
    setSelected(new Set());
    setAnchor(undefined);
  };

  const list = rows ?? [];
  const focused: ReviewRow | undefined = list[Math.min(focusedIndex, list.length - 1)];
  const searching = filter.search.trim() !== "" && total === undefined;

  const act = async (action: ReviewAction, keys: string[]) => {
    if (keys.length === 0) return;
    // Every key was chosen in this list, so in this status: a bulk decision is recorded at once, and applied to the
    // items by the background (or here, when the background cannot be reached).
    const record = await applyReviewAction(db, keys, action, Date.now(), filter.status);
    if (record.decision !== undefined) {
      void browser.runtime
        .sendMessage({ type: "apply-decisions" })
        .catch(() => applyDecisions(db))
        .catch(() => undefined);
    }
    setUndo(record);
    setNotice(t(DONE_MESSAGES[action], formatCount(record.count)));
    setSelected(new Set());
  };
  const actOnFocusedOrSelection = (action: ReviewAction) => {
    if (selected.size > 0) return act(action, [...selected]);
    if (!focused) return;
    // An item that stays in this view (e.g. approving in "Approved"): move on to the next one.
    const stays =
      (action === "approve" && filter.status === "approved") || (action === "reject" && filter.status === "rejected");
    if (stays) setFocusedIndex((i) => Math.min(i + 1, list.length - 1));
    return act(action, [focused.key]);
  };
  const undoLast = async () => {
    if (!undo) return;
    await undoReviewAction(db, undo);
    setNotice(t("undone", formatCount(undo.count)));
    setUndo(undefined);
  };
  const selectAllMatching = async () => setSelected(new Set(await matchingKeys(db, filter)));
  const toggle = (key: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const pick = (index: number, event: MouseEvent) => {
    const row = list[index];
    if (!row) return;
    if (event.shiftKey && anchor !== undefined) {
      const [from, to] = anchor < index ? [anchor, index] : [index, anchor];
      setSelected((current) => new Set([...current, ...list.slice(from, to + 1).map((r) => r.key)]));
    } else if (event.metaKey || event.ctrlKey) toggle(row.key);
    setAnchor(index);
    setFocusedIndex(index);
  };
  const upload = async () => {
    setUploading(true);
    const report = (await browser.runtime.sendMessage({ type: "upload-now" }).catch(() => undefined)) as
      | UploadReport
      | undefined;
    setUploading(false);
    setNotice(
      report === undefined
        ? t("uploadFailed")
        : report.failed + report.retrying > 0
          ? t("uploadPartly", report.sent, report.retrying + report.failed)
          : t("uploadDone", report.sent),
    );
  };

  useReviewKeys({
    next: () => setFocusedIndex((i) => Math.min(i + 1, list.length - 1)),
    previous: () => setFocusedIndex((i) => Math.max(i - 1, 0)),
    approve: () => void actOnFocusedOrSelection("approve"),
    reject: () => void actOnFocusedOrSelection("reject"),
    toggleSelection: () => focused && toggle(focused.key),
    search: () => searchRef.current?.focus(),
    clearSelection: () => setSelected(new Set()),
    undo: () => void undoLast(),
  });

  const shown = useMemo(() => {
    if (total !== undefined) return formatCount(total);
    // A search lists its newest matches a page at a time (at most SEARCH_LIMIT): a full page may have more after it.
    if (rows && rows.length >= Math.min(limit, SEARCH_LIMIT) && filter.search.trim() !== "") {
      return `${formatCount(rows.length)}+`;
    }
    return rows ? formatCount(rows.length) : "…";
  }, [total, rows, filter.search, limit]);
  const decidable = filter.status === "pending" || filter.status === "approved" || filter.status === "rejected";

  return (
    <div class="review-page">
      <header class="page-head">
        <div class="brand">
          <span class="logo" aria-hidden="true" />
          <div>
            <h1>{t("reviewTitle")}</h1>
            <p class="muted">{t("reviewSubtitle")}</p>
          </div>
        </div>
        <div class="row">
          <button type="button" onClick={() => setShowBatch(true)} data-testid="what-will-be-sent">
            {t("whatWillBeSent")}
          </button>
          <button
            type="button"
            class="primary"
            onClick={() => void upload()}
            data-testid="upload-approved"
            disabled={!counts?.approved || uploading}
          >
            {uploading ? t("uploading") : t("uploadApproved", formatCount(counts?.approved ?? 0))}
          </button>
          <button type="button" class="link" onClick={() => void openExtensionPage("settings.html")}>
            {t("settingsLink")}
          </button>
        </div>
      </header>

      <div class="tabs" role="tablist" aria-label={t("tabsLabel")}>
        {TABS.map((tab) => (
          <button
            type="button"
            role="tab"
            key={tab.status}
            aria-selected={tab.status === filter.status}
            data-testid={`tab-${tab.status}`}
            onClick={() => changeFilter({ status: tab.status })}
          >
            {t(tab.label)} ({counts?.[tab.status] ?? 0})
          </button>
        ))}
      </div>

      <ReviewFilters filter={filter} onChange={changeFilter} searchRef={searchRef} />
      {unparsed && <UnparsedCounters counters={unparsed} />}

      <div class="bulk-bar" aria-label={t("bulkLabel")} role="toolbar">
        <span class="muted" data-testid="matching-count">
          {searching ? t("searchMatches", shown) : t("matching", shown)}
        </span>
        {selected.size > 0 ? (
          <>
            <strong data-testid="selected-count">{t("selectedCount", formatCount(selected.size))}</strong>
            {decidable && (
              <>
                <button
                  type="button"
                  class="primary"
                  data-testid="approve-selected"
                  onClick={() => void act("approve", [...selected])}
                >
                  {t("approve")}
                </button>
                <button type="button" data-testid="reject-selected" onClick={() => void act("reject", [...selected])}>
                  {t("reject")}
                </button>
              </>
            )}
            <button
              type="button"
              class="danger"
              data-testid="delete-selected"
              onClick={() => void act("delete", [...selected])}
            >
              {t("delete")}
            </button>
            <button type="button" class="link" onClick={() => setSelected(new Set())}>
              {t("clearSelection")}
            </button>
          </>
        ) : (
          list.length > 0 && (
            <>
              <button type="button" class="link" data-testid="select-all" onClick={() => void selectAllMatching()}>
                {t("selectAllMatching")}
              </button>
              {filter.status === "pending" && (
                <>
                  <button
                    type="button"
                    class="primary"
                    data-testid="approve-all"
                    onClick={() => void matchingKeys(db, filter).then((keys) => act("approve", keys))}
                  >
                    {t("approveAll", shown)}
                  </button>
                  <button
                    type="button"
                    class="danger"
                    data-testid="reject-all"
                    onClick={() => void matchingKeys(db, filter).then((keys) => act("reject", keys))}
                  >
                    {t("rejectAll")}
                  </button>
                </>
              )}
            </>
          )
        )}
      </div>

      <main class="review-body">
        {rows === undefined ? (
          <p class="muted list-placeholder">{t("loading")}</p>
        ) : list.length === 0 ? (
          <div class="list-placeholder" data-testid="empty">
            <p>{filter.status === "pending" && !filter.search ? t("emptyPending") : t("emptyFiltered")}</p>
          </div>
        ) : (
          <VirtualList
            key={filterKey}
            rows={list}
            rowHeight={ROW_HEIGHT}
            label={t("listLabel")}
            testId="items"
            total={total ?? list.length}
            focusedIndex={focusedIndex}
            rowKey={(row) => row.key}
            onNearEnd={() => {
              if (total !== undefined ? list.length < total : list.length >= limit) setLimit(limit + STEP);
            }}
            renderRow={(row, index) => (
              <ItemRow
                row={row}
                selected={selected.has(row.key)}
                focused={index === focusedIndex}
                onPick={(event) => pick(index, event)}
                onToggle={(event) => {
                  event.stopPropagation();
                  if (event.shiftKey && anchor !== undefined) pick(index, event);
                  else {
                    toggle(row.key);
                    setAnchor(index);
                  }
                }}
                onAction={(action) => {
                  setFocusedIndex(index);
                  void act(action, [row.key]);
                }}
              />
            )}
          />
        )}
        <ItemDetail
          row={focused}
          showRemoteImages={settings?.showRemoteImages ?? false}
          onAction={(action) => focused && void act(action, [focused.key])}
        />
      </main>

      <footer class="page-foot muted small">
        <span>{t("keyboardHelp")}</span>
      </footer>

      {staged !== undefined && staged > 0 && (
        <div class="applying muted small" role="status" data-testid="storing-captures">
          {t("storingCaptures", formatCount(staged))}
        </div>
      )}
      {applying !== undefined && applying > 0 && (
        <div class="applying muted small" role="status" data-testid="applying-decisions">
          {t("applyingDecisions", formatCount(applying))}
        </div>
      )}
      {notice && (
        <div class="toast" role="status" data-testid="toast">
          <span>{notice}</span>
          {undo && undo.count > 0 && (
            <button type="button" class="link" data-testid="undo" onClick={() => void undoLast()}>
              {t("undo")}
            </button>
          )}
          <button type="button" class="link" aria-label={t("dismiss")} onClick={() => setNotice(undefined)}>
            ✕
          </button>
        </div>
      )}
      {showBatch && <NextBatchDialog onClose={() => setShowBatch(false)} />}
    </div>
  );
}
