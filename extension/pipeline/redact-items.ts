// redact: what an item becomes before it is stored for review: PII in its text replaced by typed placeholders, other
// people's handles and ids by stable pseudonyms, its links cleaned; the raw text is kept apart, on the device only.
//
// The text goes through `redactText` (mentions become `@user_<hex>`), then through the server's own residual check
// until it finds nothing more, so what the user approves is what the gate accepts. Mentions are pseudonymised in
// every text, the contributor's own included; `keepOwnIdentity` only keeps the author fields (and the permalink) of
// the contributor's own posts.
import type { Author, Item } from "../../shared/item";
import { MAX_TEXT_LENGTH } from "../../shared/item-limits";
import { residualPiiInItem } from "../../shared/item-pii";
import { findPii, PII_TYPES, type PiiType, pseudonymize, redactText } from "../../shared/redaction/index";
import type { Settings } from "../settings";
import type { StoredRedaction } from "../storage/database";
import { type AuthorNames, replaceAuthorInLink, wireEndpoint, wirePermalink } from "./redact-links";
import { applyReplacements, type RedactedText, type Replacement, redactRange, truncateRedacted } from "./redaction-map";

export interface RedactionContext {
  /** The per-install pseudonym secret (identity/pseudonym-secret.ts). */
  secret: Uint8Array;
  settings: Pick<Settings, "ownHandles" | "keepOwnIdentity">;
}

export interface RedactedItem {
  /** The item exactly as it would be sent. */
  item: Item;
  /** The captured text, before redaction: stays on the device. */
  rawText: string;
  redactions: StoredRedaction[];
}

const PLACEHOLDER = new RegExp(`\\[(?:${PII_TYPES.join("|")})\\]`, "g");
const WRITTEN_REPLACEMENT = /^(?:\[[A-Z_]+\]|(?:@|\/?u\/)?user_[0-9a-f]{12})/;
/** Residual passes before giving up (each pass only ever adds placeholders; two are enough on every fixture). */
const MAX_PASSES = 4;
/** A contributor's own display name keeps everything but contact and payment data. */
const CONTACT_TYPES = PII_TYPES.filter((type) => type !== "PERSON" && type !== "HANDLE" && type !== "URL");

/** `redactText`'s output read back into replacements, so each placeholder knows what it replaced. */
function firstPass(raw: string, secret: Uint8Array, platform: string): RedactedText {
  const redaction = redactText(raw, { pseudonymizeHandles: { secret, platform } });
  const replacements: Replacement[] = [];
  let rawAt = 0;
  let at = 0;
  for (const span of redaction.spans) {
    at += span.start - rawAt;
    const written = WRITTEN_REPLACEMENT.exec(redaction.text.slice(at, at + 40))?.[0] ?? `[${span.type}]`;
    replacements.push({ ...span, replacement: written });
    at += written.length;
    rawAt = span.end;
  }
  const rebuilt = applyReplacements(raw, replacements);
  // Should redactText ever write something else, its spans are still honoured, with plain placeholders.
  if (rebuilt.text === redaction.text) return rebuilt;
  return applyReplacements(
    raw,
    redaction.spans.map((span) => ({ ...span, replacement: `[${span.type}]` })),
  );
}

/** Redacts whatever the server's residual check would still find, until it finds nothing. */
function residualPasses(current: RedactedText): RedactedText {
  let result = current;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const masked = result.text.replace(PLACEHOLDER, (placeholder) => " ".repeat(placeholder.length));
    const spans = findPii(masked);
    if (spans.length === 0) break;
    // From the end, so earlier offsets stay valid.
    for (const span of spans.reverse()) result = redactRange(result, span.start, span.end, span.type);
  }
  return result;
}

export function redactItemText(raw: string, secret: Uint8Array, platform: string): RedactedText {
  return truncateRedacted(residualPasses(firstPass(raw, secret, platform)), MAX_TEXT_LENGTH);
}

function normalHandle(handle: string): string {
  return handle
    .trim()
    .replace(/^(?:@|\/?u\/)/, "")
    .toLowerCase();
}

/** Whether the author is the contributor, by the handles they gave for this platform. */
export function isOwnAuthor(item: Item, settings: RedactionContext["settings"]): boolean {
  const own = settings.ownHandles[item.platform] ?? [];
  const handle = normalHandle(item.author.handle);
  return handle !== "" && own.some((candidate) => normalHandle(candidate) === handle);
}

/** Other people's author fields: the handle's pseudonym also serves as the name (it is what mentions show). */
export function pseudonymousAuthor(author: Author, secret: Uint8Array, platform: string): Author {
  const handle = author.handle === "" ? "" : pseudonymize(secret, platform, author.handle);
  return {
    id: author.id === "" ? "" : pseudonymize(secret, `${platform}:id`, author.id),
    handle,
    name: author.name === "" ? "" : handle || pseudonymize(secret, `${platform}:name`, author.name),
  };
}

function ownAuthor(author: Author): Author {
  return { ...author, name: redactText(author.name, { types: CONTACT_TYPES as PiiType[] }).text };
}

/** The last guard on links: a permalink, media link or endpoint the gate would refuse is dropped or blanked. */
function withoutResidualLinks(item: Item): Item {
  // Only the links are decided here, and their check reads neither the text (already clean: residualPasses) nor the
  // author's name, so those are not scanned a second time.
  const links = { ...item, text: "", author: { ...item.author, name: "" } };
  const fields = new Set(residualPiiInItem(links).map((residual) => residual.field));
  if (fields.size === 0) return item;
  return {
    ...item,
    url: fields.has("url") ? null : item.url,
    media: item.media.filter((_, index) => !fields.has(`media.${index}.url`)),
    source: fields.has("source.endpoint") ? { ...item.source, endpoint: "(redacted)" } : item.source,
  };
}

export function redactItem(item: Item, context: RedactionContext): RedactedItem {
  const { secret, settings } = context;
  const text = redactItemText(item.text, secret, item.platform);
  const own = settings.keepOwnIdentity && isOwnAuthor(item, settings);
  const author = own ? ownAuthor(item.author) : pseudonymousAuthor(item.author, secret, item.platform);
  const names: AuthorNames = { original: item.author, wire: author };
  const wire: Item = {
    ...item,
    text: text.text,
    author,
    url: own ? item.url : wirePermalink(item, names),
    media: own ? item.media : item.media.map((media) => ({ ...media, url: replaceAuthorInLink(media.url, names) })),
    source: { ...item.source, endpoint: wireEndpoint(item.platform, item.source.endpoint, names) },
  };
  return { item: withoutResidualLinks(wire), rawText: item.text, redactions: text.redactions };
}
