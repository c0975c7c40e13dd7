// filter: the user's rules, applied before anything is stored. Compiled once per batch of captured items.
import type { Item } from "../../shared/item";
import type { Settings } from "../settings";
import { compilePatterns } from "./user-patterns";

const DAY_MS = 86_400_000;
/** Languages the platforms use for "could not tell": such items are kept whatever the language rule says. */
const UNKNOWN_LANGUAGES = new Set(["und", "zxx", "qam", "qct", "qht", "qme", "qst"]);

export type ItemFilter = (item: Item) => boolean;

function withoutAt(handle: string): string {
  return handle.trim().replace(/^@/, "").toLowerCase();
}

/** Direct messages and private content are never kept, whatever the rules (the adapters skip private posts already). */
function isPrivate(item: Item): boolean {
  return item.kind === "message" && item.platform !== "discord";
}

/**
 * The user's rules as one test, `now` being the capture time. Keywords match anywhere in the text, case-insensitively;
 * an item whose language or date is unknown is kept by the language and age rules.
 */
export function compileFilter(settings: Settings, now: number): ItemFilter {
  const rules = settings.filters;
  const keywords = rules.keywords.map((keyword) => keyword.toLowerCase());
  const matchesPattern = compilePatterns(rules.patterns);
  const authors = new Set(rules.authors.map(withoutAt));
  const languages = new Set(rules.languages);
  const oldest = rules.maxAgeDays === null ? undefined : now - rules.maxAgeDays * DAY_MS;

  return (item) => {
    if (!settings.captureEnabled || !settings.platforms[item.platform]) return false;
    if (isPrivate(item)) return false;
    if (rules.dropPromoted && item.promoted) return false;
    if (authors.size > 0 && authors.has(withoutAt(item.author.handle))) return false;
    if (rules.minTextLength > 0 && [...item.text.trim()].length < rules.minTextLength) return false;
    if (languages.size > 0 && item.lang !== null) {
      const language = item.lang.toLowerCase().split("-")[0]!;
      if (!UNKNOWN_LANGUAGES.has(language) && !languages.has(language)) return false;
    }
    if (oldest !== undefined && item.createdAt !== null && Date.parse(item.createdAt) < oldest) return false;
    if (keywords.length > 0) {
      const text = item.text.toLowerCase();
      if (keywords.some((keyword) => text.includes(keyword))) return false;
    }
    return !matchesPattern(item.text);
  };
}

/** One item against the rules (compile once with `compileFilter` when there are many). */
export function keepItem(item: Item, settings: Settings, now = Date.now()): boolean {
  return compileFilter(settings, now)(item);
}
