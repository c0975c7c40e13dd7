// Responses a platform adapter matched but could not read, per platform and endpoint: a format change shows here.
import type { UnparsedCounter } from "../storage/database";
import { formatCount, formatWhen, t } from "../ui/i18n";
import { PLATFORM_NAMES } from "../ui/platform-names";

export function UnparsedCounters({ counters }: { counters: UnparsedCounter[] }) {
  if (counters.length === 0) return null;
  const total = counters.reduce((sum, entry) => sum + entry.count, 0);
  return (
    <details class="unparsed notice">
      <summary>{t("unparsedSummary", formatCount(total))}</summary>
      <p class="muted">{t("unparsedExplained")}</p>
      <ul>
        {counters.map((entry) => (
          <li key={entry.key} data-testid="unparsed-counter">
            {PLATFORM_NAMES[entry.platform] ?? entry.platform} <code>{entry.endpoint}</code>: {formatCount(entry.count)}{" "}
            <span class="muted">
              ({formatWhen(entry.lastAt)}; {t("unparsedKeys")} {entry.lastKeys.join(", ")})
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
