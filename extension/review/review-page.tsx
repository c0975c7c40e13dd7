// The review page: every captured item, exactly as it would be sent, approved or rejected by the user.
import { useState } from "preact/hooks";
import { browser } from "wxt/browser";
import { formatAmount, TOKEN_SYMBOL } from "../../shared/amounts";
import { type ItemStatus, type StoredItem, tributaryDatabase } from "../storage/database";
import { PLATFORM_NAMES } from "../ui/platform-names";
import { countByStatus } from "../ui/status-counts";
import { useLiveQuery } from "../ui/use-live-query";
import { approveItems, decideAllPending, rejectItems } from "./review-actions";

const TABS: { status: ItemStatus; label: string }[] = [
  { status: "pending", label: "To review" },
  { status: "approved", label: "Approved" },
  { status: "queued", label: "Sending" },
  { status: "uploaded", label: "Uploaded" },
  { status: "refused", label: "Refused" },
  { status: "rejected", label: "Rejected" },
];

/** Rows rendered at once; the rest are counted (the virtualised list comes with the full review page). */
const PAGE_SIZE = 200;

export function ReviewPage() {
  const db = tributaryDatabase();
  const [status, setStatus] = useState<ItemStatus>("pending");
  const counts = useLiveQuery(() => countByStatus(db), []);
  const items = useLiveQuery(
    () =>
      db.items
        .where("[status+capturedAt]")
        .between([status, 0], [status, Infinity])
        .reverse()
        .limit(PAGE_SIZE)
        .toArray(),
    [status],
  );
  const unparsed = useLiveQuery(() => db.unparsed.toArray(), []);

  return (
    <main class="review">
      <header class="spread">
        <div>
          <h1>Review what you share</h1>
          <p class="muted">Nothing leaves this device until you approve it.</p>
        </div>
        <button
          type="button"
          onClick={() => void browser.runtime.sendMessage({ type: "upload-now" })}
          data-testid="upload-approved"
          disabled={!counts?.approved}
        >
          Upload {counts?.approved ?? 0} approved
        </button>
      </header>

      <div class="tabs" role="tablist" aria-label="Item status">
        {TABS.map((tab) => (
          <button
            type="button"
            role="tab"
            key={tab.status}
            aria-selected={tab.status === status}
            data-testid={`tab-${tab.status}`}
            onClick={() => setStatus(tab.status)}
          >
            {tab.label} ({counts?.[tab.status] ?? 0})
          </button>
        ))}
      </div>

      {status === "pending" && (counts?.pending ?? 0) > 0 && (
        <div class="row">
          <button
            type="button"
            class="primary"
            data-testid="approve-all"
            onClick={() => void decideAllPending(db, "approved")}
          >
            Approve all {counts?.pending}
          </button>
          <button
            type="button"
            class="danger"
            data-testid="reject-all"
            onClick={() => void decideAllPending(db, "rejected")}
          >
            Reject all
          </button>
        </div>
      )}

      {items === undefined ? (
        <p class="muted">Loading…</p>
      ) : items.length === 0 ? (
        <p class="muted" data-testid="empty">
          Nothing here. Turn capture on in the toolbar popup and browse as usual.
        </p>
      ) : (
        <ul class="items" aria-label="Captured items">
          {items.map((stored) => (
            <ItemCard key={stored.contentHash} stored={stored} />
          ))}
        </ul>
      )}
      {items && (counts?.[status] ?? 0) > items.length && (
        <p class="muted">
          Showing the newest {items.length} of {counts?.[status]}.
        </p>
      )}

      {unparsed && unparsed.length > 0 && (
        <section class="card unparsed" aria-label="Responses not understood">
          <h2 style="font-size: 15px;">Responses not understood</h2>
          <p class="muted">
            A platform may have changed its format. These were kept out; nothing was lost from your items.
          </p>
          <ul>
            {unparsed.map((entry) => (
              <li key={entry.key} data-testid="unparsed-counter">
                {PLATFORM_NAMES[entry.platform]} <code>{entry.endpoint}</code>: {entry.count} (keys:{" "}
                {entry.lastKeys.join(", ")})
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}

function ItemCard({ stored }: { stored: StoredItem }) {
  const db = tributaryDatabase();
  const { item } = stored;
  const decidable = stored.status === "pending" || stored.status === "approved" || stored.status === "rejected";
  return (
    <li class="card item" data-testid="item" data-item-id={item.id} data-status={stored.status}>
      <header>
        <span class="pill">{PLATFORM_NAMES[item.platform]}</span>
        <strong>{item.author.name || item.author.handle}</strong>
        <span class="muted">@{item.author.handle}</span>
        {item.createdAt && (
          <time class="muted" dateTime={item.createdAt}>
            {new Date(item.createdAt).toLocaleString()}
          </time>
        )}
        <span class="pill">{item.kind}</span>
        {item.promoted && <span class="pill promoted">Ad</span>}
      </header>
      <p class="text" data-testid="item-text">
        {item.text}
      </p>
      <footer>
        <span class="muted">
          {stored.verdict?.status === "accepted" && `Credited ${formatAmount(stored.verdict.points)} ${TOKEN_SYMBOL}`}
          {stored.verdict?.status === "duplicate" && "Already contributed by someone else"}
          {stored.verdict?.status === "refused" && `Refused: ${stored.verdict.reason}`}
        </span>
        {decidable && (
          <div class="row">
            <button
              type="button"
              class="primary"
              aria-label="Approve"
              disabled={stored.status === "approved"}
              onClick={() => void approveItems(db, [stored.contentHash])}
            >
              Approve
            </button>
            <button
              type="button"
              aria-label="Reject"
              disabled={stored.status === "rejected"}
              onClick={() => void rejectItems(db, [stored.contentHash])}
            >
              Reject
            </button>
          </div>
        )}
      </footer>
    </li>
  );
}
