// Regex loops over a shared global pattern: `exec` with `lastIndex`, which costs a fraction of `matchAll` (that clones
// the pattern and builds an iterator on every call) — the difference is most of the time spent on short posts.

function checkGlobal(pattern: RegExp): void {
  if (!pattern.global) throw new Error(`pattern must be global: /${pattern.source}/${pattern.flags}`);
}

/**
 * Calls `visit` for each match of the global `pattern`; `visit` may return the index to resume at (so a match can give
 * back what it did not use, e.g. a second card number that the first run swallowed). Not re-entrant per pattern.
 */
export function forEachMatch(
  pattern: RegExp,
  text: string,
  visit: (match: RegExpExecArray) => number | undefined,
): void {
  checkGlobal(pattern);
  pattern.lastIndex = 0;
  let match = pattern.exec(text);
  while (match !== null) {
    const end = match.index + match[0].length;
    const resume = visit(match);
    pattern.lastIndex = Math.max(match.index + 1, resume ?? end);
    match = pattern.exec(text);
  }
  pattern.lastIndex = 0;
}

/** Every match of the global `pattern` in `text`, in order (an empty match moves on by one code unit). */
export function matchesOf(pattern: RegExp, text: string): RegExpExecArray[] {
  checkGlobal(pattern);
  const found: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  let match = pattern.exec(text);
  while (match !== null) {
    found.push(match);
    if (match[0].length === 0) pattern.lastIndex++;
    match = pattern.exec(text);
  }
  pattern.lastIndex = 0;
  return found;
}
