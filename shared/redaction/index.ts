// Redaction: finds personal data in a text and replaces it by typed placeholders; runs on the device before
// anything is stored for upload, and again on the server as a gate (`findResidualPii`).
import { type DetectionView, detectionView, NARROW_MAX_LENGTH, narrowCopy } from "./detection-view";
import { findCryptoAddresses } from "./detectors/crypto-address";
import { findEmails } from "./detectors/email";
import { findHandles } from "./detectors/handle";
import { findIbans } from "./detectors/iban";
import { findIpAddresses } from "./detectors/ip-address";
import { findNationalIds } from "./detectors/national-id";
import { findPaymentCards } from "./detectors/payment-card";
import { findPersons } from "./detectors/person";
import { findPhones } from "./detectors/phone";
import { findStreetAddresses } from "./detectors/street-address";
import { findUrls } from "./detectors/url";
import { pseudonymize } from "./pseudonym";
import { resolveOverlaps } from "./resolve";
import { matchesOf } from "./scan";
import { type Traits, traitsOf } from "./traits";
import { type Candidate, PII_TYPES, type PiiSpan, type PiiType } from "./types";

export { pseudonymize } from "./pseudonym";
export { PII_TYPES, type PiiSpan, type PiiType, piiSpanSchema, piiTypeSchema } from "./types";

/** Texts are scanned in windows of this many UTF-16 code units (see README: longer texts are processed in chunks). */
export const WINDOW_LENGTH = 100_000;
/** Each window reads this far into the next one, so PII crossing a window edge is still seen whole. */
export const WINDOW_OVERLAP = 2_000;

export interface RedactOptions {
  /** Only these types are looked for (default: all). */
  types?: readonly PiiType[];
  /** Replace handles by stable pseudonyms (`@user_3f9a2c…`) instead of `[HANDLE]`. */
  pseudonymizeHandles?: { secret: Uint8Array; platform: string };
}

export interface Redaction {
  /** The text with each span replaced by its placeholder (`[EMAIL]`, …) or pseudonym. */
  text: string;
  /** What was replaced, in offsets of the input text, in order, never overlapping. */
  spans: PiiSpan[];
}

/** A window's text as the detectors read it, and the candidates they found, in offsets of the window. */
class Detection {
  readonly candidates: Candidate[] = [];
  private narrow: string | undefined;

  constructor(
    readonly text: string,
    readonly traits: Traits,
    private readonly view: DetectionView | null,
    private readonly wanted: ReadonlySet<PiiType>,
  ) {
    // Made on first need: most texts are one byte per code unit already, and are their own narrow copy.
    if (traits.wide !== 1 || text.length > NARROW_MAX_LENGTH) this.narrow = text;
  }

  /** The one-byte copy of an emoji-bearing text (`narrowText`), which all but the detectors that read words read. */
  get narrowText(): string {
    this.narrow ??= narrowCopy(this.text);
    return this.narrow;
  }

  add(found: readonly Candidate[]): void {
    for (let k = 0; k < found.length; k++) {
      const candidate = found[k]!;
      if (this.wanted !== ALL_TYPES && !this.wanted.has(candidate.type)) continue;
      if (this.view === null) {
        this.candidates.push(candidate);
        continue;
      }
      const { start, end } = this.view.toOriginal(candidate.start, candidate.end);
      if (end > start) this.candidates.push({ start, end, type: candidate.type });
    }
  }
}

function detectWindow(text: string, wanted: ReadonlySet<PiiType>): Candidate[] {
  let traits = traitsOf(text);
  // ASCII text, and most other text (emoji and accents fold to themselves), is its own detection view: no copy, no
  // offset mapping.
  const view = traits.folds ? detectionView(text) : null;
  if (view !== null) traits = traitsOf(view.text);
  const d = new Detection(view?.text ?? text, traits, view, wanted);
  const t = traits;
  // Each detector runs only when the text holds the least it needs to find anything (see traits.ts); called one by
  // one, not from a table, so each call site has one target.
  if (t.at > 0 || t.brackets > 0) d.add(findEmails(d.narrowText));
  // A URL only yields parts to redact after a "/", "?", "#" or in user info ("@"), and a URL starts with "scheme://",
  // "www." or "host.tld/".
  if (t.urlMark && ((t.slash > 0 && (t.dot > 0 || t.colon > 0)) || (t.dot > 0 && (t.queryMarks > 0 || t.at > 0))))
    d.add(findUrls(d.narrowText));
  if (t.at > 0 || t.slash > 0) d.add(findHandles(d.narrowText));
  if ((t.digits >= 4 && t.dot >= 3) || t.colon >= 2) d.add(findIpAddresses(d.narrowText));
  // EVM "0x…", Bitcoin "1…"/"3…" and "bc1…"/"tb1…": every address is one run of letters and digits, with a digit.
  if (t.longestAlnumRunWithDigit >= 11) d.add(findCryptoAddresses(d.narrowText, t));
  if (t.lettersThenDigits) d.add(findIbans(d.narrowText));
  if (t.digitsInNumberRun >= 12) d.add(findPaymentCards(d.narrowText));
  if (t.digitsInNumberRun >= 6 || t.digits >= 7) d.add(findNationalIds(d.narrowText, t));
  if (t.digitsInNumberRun >= 7) d.add(findPhones(d.narrowText, t));
  d.add(findStreetAddresses(d.text, t));
  d.add(findPersons(d.text, t));
  return d.candidates;
}

const ALL_TYPES: ReadonlySet<PiiType> = new Set(PII_TYPES);

/** The spans of personal data in `text` (offsets into `text`). Never throws on any string. */
export function findPii(text: string, options: Pick<RedactOptions, "types"> = {}): PiiSpan[] {
  const wanted = options.types === undefined ? ALL_TYPES : new Set(options.types);
  if (text.length <= WINDOW_LENGTH) return resolveOverlaps(detectWindow(text, wanted), text.length);
  const candidates: Candidate[] = [];
  for (let windowStart = 0; windowStart < text.length; windowStart += WINDOW_LENGTH) {
    const windowEnd = Math.min(text.length, windowStart + WINDOW_LENGTH + WINDOW_OVERLAP);
    const ownEnd = windowStart + WINDOW_LENGTH;
    for (const candidate of resolveOverlaps(
      detectWindow(text.slice(windowStart, windowEnd), wanted),
      windowEnd - windowStart,
    )) {
      const start = windowStart + candidate.start;
      // A span starting in the overlap belongs to the next window, which sees its context on both sides.
      if (start < ownEnd) candidates.push({ start, end: windowStart + candidate.end, type: candidate.type });
    }
  }
  return resolveOverlaps(candidates, text.length);
}

function replacementFor(text: string, span: PiiSpan, options: RedactOptions): string {
  if (span.type === "HANDLE" && options.pseudonymizeHandles) {
    const { secret, platform } = options.pseudonymizeHandles;
    const handle = text.slice(span.start, span.end);
    const prefix = handle.startsWith("@") ? "@" : handle.replace(/u\/.*$/s, "u/");
    return `${prefix}${pseudonymize(secret, platform, handle)}`;
  }
  return `[${span.type}]`;
}

/** Replaces the personal data in `text` by typed placeholders; spans are offsets into the input. */
export function redactText(text: string, options: RedactOptions = {}): Redaction {
  const spans = findPii(text, options);
  let redacted = "";
  let at = 0;
  for (const span of spans) {
    redacted += text.slice(at, span.start) + replacementFor(text, span, options);
    at = span.end;
  }
  return { text: at === 0 ? text : redacted + text.slice(at), spans };
}

const PLACEHOLDER = new RegExp(`\\[(?:${PII_TYPES.join("|")})\\]`, "g");

/**
 * For the server gate: the types `redactText` would still find in an already redacted text. Placeholders stay in place
 * (so the text reads as it did when it was redacted: same case, same words around) and findings overlapping one are
 * ignored; pseudonyms (`@user_3f9a2c…`, `u/user_…`) are not handles.
 */
export function findResidualPii(text: string): PiiType[] {
  const placeholders = matchesOf(PLACEHOLDER, text).map((match) => [match.index, match.index + match[0].length]);
  const overlapsPlaceholder = (span: PiiSpan) =>
    placeholders.some(([start, end]) => span.start < end! && start! < span.end);
  const found = new Set(
    findPii(text)
      .filter((span) => !overlapsPlaceholder(span))
      .map((span) => span.type),
  );
  return PII_TYPES.filter((type) => found.has(type));
}
