// The user's filter rules: ads, blocked words and patterns, blocked authors, minimum length, languages, maximum age.
import { useEffect, useState } from "preact/hooks";
import { type FilterRules, filterRulesSchema, type Settings, updateSettings } from "../settings";
import { t } from "../ui/i18n";

const lines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

interface Draft {
  keywords: string;
  patterns: string;
  authors: string;
  minTextLength: string;
  languages: string;
  maxAgeDays: string;
}

function draftOf(rules: FilterRules): Draft {
  return {
    keywords: rules.keywords.join("\n"),
    patterns: rules.patterns.join("\n"),
    authors: rules.authors.join("\n"),
    minTextLength: String(rules.minTextLength),
    languages: rules.languages.join(", "),
    maxAgeDays: rules.maxAgeDays === null ? "" : String(rules.maxAgeDays),
  };
}

/** Patterns the browser cannot compile are named, so a typo is seen at once rather than silently ignored. */
function invalidPatterns(patterns: string[]): string[] {
  return patterns.filter((pattern) => {
    try {
      new RegExp(pattern, "i");
      return false;
    } catch {
      return true;
    }
  });
}

export function FilterRulesForm({ settings }: { settings: Settings }) {
  const [draft, setDraft] = useState(draftOf(settings.filters));
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  useEffect(() => setDraft(draftOf(settings.filters)), [JSON.stringify(settings.filters)]);
  const edit = (change: Partial<Draft>) => setDraft({ ...draft, ...change });

  const save = async (event: Event) => {
    event.preventDefault();
    const patterns = lines(draft.patterns);
    const broken = invalidPatterns(patterns);
    if (broken.length > 0) {
      setMessage({ text: t("filtersBadPattern", broken.join(", ")), error: true });
      return;
    }
    const parsed = filterRulesSchema.safeParse({
      ...settings.filters,
      keywords: lines(draft.keywords),
      patterns,
      authors: lines(draft.authors).map((author) => author.replace(/^@/, "")),
      minTextLength: Number(draft.minTextLength || 0),
      languages: draft.languages
        .split(/[\s,]+/)
        .map((code) => code.trim().toLowerCase())
        .filter(Boolean),
      maxAgeDays: draft.maxAgeDays.trim() === "" ? null : Number(draft.maxAgeDays),
    });
    if (!parsed.success) {
      setMessage({
        text: t("filtersInvalid", parsed.error.issues.map((issue) => issue.path.join(".")).join(", ")),
        error: true,
      });
      return;
    }
    await updateSettings({ filters: parsed.data });
    setMessage({ text: t("saved"), error: false });
  };

  return (
    <form class="stack" onSubmit={(e) => void save(e)} data-testid="filters-form">
      <label class="switch">
        <span>{t("filtersDropPromoted")}</span>
        <input
          type="checkbox"
          data-testid="drop-promoted"
          checked={settings.filters.dropPromoted}
          onChange={(e) =>
            void updateSettings({ filters: { ...settings.filters, dropPromoted: e.currentTarget.checked } })
          }
        />
      </label>
      <div class="grid-2">
        <label class="field">
          <span>{t("filtersKeywords")}</span>
          <textarea
            rows={4}
            data-testid="filter-keywords"
            value={draft.keywords}
            onInput={(e) => edit({ keywords: e.currentTarget.value })}
          />
          <span class="muted small">{t("filtersKeywordsHelp")}</span>
        </label>
        <label class="field">
          <span>{t("filtersAuthors")}</span>
          <textarea
            rows={4}
            data-testid="filter-authors"
            value={draft.authors}
            onInput={(e) => edit({ authors: e.currentTarget.value })}
          />
          <span class="muted small">{t("filtersAuthorsHelp")}</span>
        </label>
        <label class="field">
          <span>{t("filtersPatterns")}</span>
          <textarea
            rows={3}
            data-testid="filter-patterns"
            value={draft.patterns}
            onInput={(e) => edit({ patterns: e.currentTarget.value })}
          />
          <span class="muted small">{t("filtersPatternsHelp")}</span>
        </label>
        <div class="stack">
          <label class="field">
            <span>{t("filtersMinLength")}</span>
            <input
              type="number"
              min={0}
              max={10000}
              data-testid="filter-min-length"
              value={draft.minTextLength}
              onInput={(e) => edit({ minTextLength: e.currentTarget.value })}
            />
          </label>
          <label class="field">
            <span>{t("filtersLanguages")}</span>
            <input
              type="text"
              placeholder="en, fr"
              data-testid="filter-languages"
              value={draft.languages}
              onInput={(e) => edit({ languages: e.currentTarget.value })}
            />
          </label>
          <label class="field">
            <span>{t("filtersMaxAge")}</span>
            <input
              type="number"
              min={1}
              placeholder={t("never")}
              data-testid="filter-max-age"
              value={draft.maxAgeDays}
              onInput={(e) => edit({ maxAgeDays: e.currentTarget.value })}
            />
          </label>
        </div>
      </div>
      <div class="row">
        <button type="submit" class="primary" data-testid="save-filters">
          {t("saveFilters")}
        </button>
        {message && (
          <span role={message.error ? "alert" : "status"} class={message.error ? "error" : "muted"}>
            {message.text}
          </span>
        )}
      </div>
    </form>
  );
}
