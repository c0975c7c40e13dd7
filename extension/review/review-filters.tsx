// The filter bar of the review page: words, platform, kind, ads, capture dates.
import type { Ref } from "preact";
import { ITEM_KINDS } from "../../shared/item";
import { CAPTURED_PLATFORMS } from "../adapters/page-hosts";
import { t } from "../ui/i18n";
import { PLATFORM_NAMES } from "../ui/platform-names";
import { ALL_ITEMS, type ReviewFilter } from "./review-query";

interface ReviewFiltersProps {
  filter: ReviewFilter;
  onChange(change: Partial<ReviewFilter>): void;
  searchRef: Ref<HTMLInputElement>;
}

const DAY = 86_400_000;
/** Local calendar day of an epoch, as a date input's value ("2025-03-01"). */
function toDateInput(epoch: number | null): string {
  if (epoch === null) return "";
  const day = new Date(epoch);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}
/** A date input's day as local midnight (epoch ms), or null when cleared. */
const fromDateInput = (value: string) => (value ? new Date(`${value}T00:00:00`).getTime() : null);

export function ReviewFilters({ filter, onChange, searchRef }: ReviewFiltersProps) {
  const narrowed =
    filter.platform !== "all" ||
    filter.kind !== "all" ||
    filter.promoted !== "all" ||
    filter.from !== null ||
    filter.to !== null ||
    filter.search !== "";
  return (
    <div class="filters">
      <input
        ref={searchRef}
        type="search"
        class="search"
        placeholder={t("searchPlaceholder")}
        aria-label={t("searchLabel")}
        data-testid="search"
        value={filter.search}
        onInput={(e) => onChange({ search: e.currentTarget.value })}
      />
      <label class="filter">
        <span>{t("filterPlatform")}</span>
        <select
          data-testid="filter-platform"
          value={filter.platform}
          onChange={(e) => onChange({ platform: e.currentTarget.value as ReviewFilter["platform"] })}
        >
          <option value="all">{t("filterAllPlatforms")}</option>
          {CAPTURED_PLATFORMS.map((platform) => (
            <option key={platform} value={platform}>
              {PLATFORM_NAMES[platform]}
            </option>
          ))}
        </select>
      </label>
      <label class="filter">
        <span>{t("filterKind")}</span>
        <select
          data-testid="filter-kind"
          value={filter.kind}
          onChange={(e) => onChange({ kind: e.currentTarget.value as ReviewFilter["kind"] })}
        >
          <option value="all">{t("filterAllKinds")}</option>
          {ITEM_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kind_${kind}`)}
            </option>
          ))}
        </select>
      </label>
      <label class="filter">
        <span>{t("filterAds")}</span>
        <select
          data-testid="filter-promoted"
          value={filter.promoted}
          onChange={(e) => onChange({ promoted: e.currentTarget.value as ReviewFilter["promoted"] })}
        >
          <option value="all">{t("filterAdsAll")}</option>
          <option value="only">{t("filterAdsOnly")}</option>
          <option value="hide">{t("filterAdsHide")}</option>
        </select>
      </label>
      <label class="filter">
        <span>{t("filterFrom")}</span>
        <input
          type="date"
          data-testid="filter-from"
          value={toDateInput(filter.from)}
          onChange={(e) => onChange({ from: fromDateInput(e.currentTarget.value) })}
        />
      </label>
      <label class="filter">
        <span>{t("filterTo")}</span>
        <input
          type="date"
          data-testid="filter-to"
          value={filter.to === null ? "" : toDateInput(filter.to - DAY)}
          onChange={(e) => {
            const day = fromDateInput(e.currentTarget.value);
            onChange({ to: day === null ? null : day + DAY });
          }}
        />
      </label>
      {narrowed && (
        <button type="button" class="link" onClick={() => onChange(ALL_ITEMS)}>
          {t("filterClear")}
        </button>
      )}
    </div>
  );
}
