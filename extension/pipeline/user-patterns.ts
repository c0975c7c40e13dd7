// The user's regular-expression blocklist, compiled once per use and screened so a pattern can never hang the worker.
//
// JavaScript has no regex timeout, and a worker thread is not available to a service worker, so safety is decided
// before a pattern runs: it must compile, must not use back-references, and must not repeat a group that itself
// holds a quantifier or an alternation (`(a+)+`, `(\w|\d)*`: the shapes that backtrack exponentially). What remains
// backtracks at most polynomially: with q repeating quantifiers a search costs in the order of n^(q+1) steps on a text
// of n characters. So each pattern only tests the first n characters of a text with n^(q+1) ≤ STEP_BUDGET (and never
// more than MAX_PATTERN_TEXT): `deltas` sees 10,000 characters, `win \d+ eth` about 7,000, `foo.*bar.*baz` about 360.
// A pattern that fails any of this is skipped (and reported by `screenPattern`), never thrown.

export const MAX_PATTERN_TEXT = 10_000;

/** About a tenth of a second of backtracking in V8 at worst, per pattern and text. */
export const STEP_BUDGET = 50_000_000;

export type PatternVerdict = { ok: true; regex: RegExp; textLimit: number } | { ok: false; reason: string };

interface Shape {
  danger?: string;
  /** Repeating quantifiers (`*`, `+`, `{n,m}` with m > 1) in the whole pattern. */
  repeats: number;
}

interface GroupFrame {
  quantified: boolean;
  alternated: boolean;
}

const REPEAT_BRACES = /^\{(\d+)(?:,(\d*))?\}/;

/** The repeating quantifier at `at` (`*`, `+`, `{n,}`, `{n,m}` with m > 1): its length, 0 for none, -1 for `?`. */
function quantifierAt(source: string, at: number): number {
  const char = source[at];
  if (char === "*" || char === "+") return 1;
  if (char === "?") return -1;
  if (char !== "{") return 0;
  const braces = REPEAT_BRACES.exec(source.slice(at, at + 24));
  if (!braces) return 0;
  const max =
    braces[2] === undefined ? Number(braces[1]) : braces[2] === "" ? Number.POSITIVE_INFINITY : Number(braces[2]);
  return max > 1 ? braces[0].length : -braces[0].length;
}

/** Why a pattern's shape could backtrack exponentially (if it could), and how many repeating quantifiers it has. */
function shapeOf(source: string): Shape {
  const stack: GroupFrame[] = [{ quantified: false, alternated: false }];
  let repeats = 0;
  for (let at = 0; at < source.length; at++) {
    const char = source[at];
    const frame = stack[stack.length - 1]!;
    if (char === "\\") {
      const next = source[at + 1] ?? "";
      if (/[1-9]/.test(next) || (next === "k" && source[at + 2] === "<"))
        return { danger: "back-references are not allowed", repeats };
      at++;
    } else if (char === "[") {
      for (at++; at < source.length && source[at] !== "]"; at++) if (source[at] === "\\") at++;
    } else if (char === "(") {
      stack.push({ quantified: false, alternated: false });
      // "(?:", "(?=", "(?<name>": the "?" and the next character are the group's kind, not a quantifier.
      if (source[at + 1] === "?") at += 2;
    } else if (char === ")") {
      if (stack.length === 1) return { repeats }; // unbalanced: the compiler reports it
      const group = stack.pop()!;
      const quantifier = quantifierAt(source, at + 1);
      if (quantifier > 0 && (group.quantified || group.alternated)) {
        return {
          danger: "a repeated group contains a quantifier or an alternation, which can take forever on some texts",
          repeats,
        };
      }
      if (quantifier > 0) repeats++;
      const parent = stack[stack.length - 1]!;
      parent.quantified ||= group.quantified || quantifier !== 0;
      at += Math.abs(quantifier);
    } else if (char === "|") {
      frame.alternated = true;
    } else {
      const quantifier = quantifierAt(source, at);
      if (quantifier !== 0) {
        frame.quantified = true;
        if (quantifier > 0) repeats++;
        at += Math.abs(quantifier) - 1;
      }
    }
  }
  return { repeats };
}

function compile(source: string): RegExp | undefined {
  for (const flags of ["iu", "i"]) {
    try {
      return new RegExp(source, flags);
    } catch {
      // Try the next flags; a pattern invalid under both is skipped.
    }
  }
  return undefined;
}

/** Whether a user pattern is used, and if not, why (for the settings page to show). */
export function screenPattern(source: string): PatternVerdict {
  const regex = compile(source);
  if (!regex) return { ok: false, reason: "not a valid regular expression" };
  const shape = shapeOf(source);
  if (shape.danger) return { ok: false, reason: shape.danger };
  const textLimit = Math.min(MAX_PATTERN_TEXT, Math.floor(STEP_BUDGET ** (1 / (shape.repeats + 1))));
  return { ok: true, regex, textLimit };
}

/** A test for "any of these patterns matches": invalid or unsafe patterns are left out. */
export function compilePatterns(sources: readonly string[]): (text: string) => boolean {
  const usable = sources.flatMap((source) => {
    const verdict = screenPattern(source);
    return verdict.ok ? [verdict] : [];
  });
  if (usable.length === 0) return () => false;
  return (text) =>
    usable.some(({ regex, textLimit }) => regex.test(text.length > textLimit ? text.slice(0, textLimit) : text));
}
