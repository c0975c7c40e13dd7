// The PII check of a whole wire item, field by field: the server's gate, and the device's last look before a batch.
import type { Item } from "./item";
import { findPii, findResidualPii, PII_TYPES, type PiiType } from "./redaction/index";

export interface ResidualPii {
  field: string;
  type: PiiType;
}

/** Stable pseudonyms written by the extension (`user_<12 hex>`), alone or after a "@" or "u/". */
const PSEUDONYM = /^(?:@|\/?u\/)?user_[0-9a-f]{12}$/;

// Author fields hold a name or a handle by definition: a pseudonym, or the contributor's own identity by their choice.
// What must never be there is contact or payment data ("Bob 555 0100 1234").
const IDENTITY_TYPES: ReadonlySet<PiiType> = new Set(["PERSON", "HANDLE"]);

function outside(types: PiiType[], allowed: ReadonlySet<PiiType>): PiiType[] {
  return types.filter((type) => !allowed.has(type));
}

/**
 * The values an item's own links may repeat: the post ids (and their last path segment, a Bluesky record key) and the
 * author's id and handle, which the item carries in its own fields anyway.
 */
function disclosedValues(item: Item): Set<string> {
  const values = new Set<string>();
  const add = (value: string | null) => {
    if (!value) return;
    const lower = value.toLowerCase();
    values.add(lower);
    const last = lower.split("/").pop();
    if (last) values.add(last);
  };
  for (const value of [item.id, item.originalId, item.replyToId, item.author.id, item.author.handle]) add(value);
  return values;
}

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** PII in a link: URL parts that identify someone, unless they repeat what the item discloses or are pseudonyms. */
function linkPii(link: string, disclosed: ReadonlySet<string>, fileIdsAllowed: boolean): PiiType[] {
  const found = new Set<PiiType>();
  for (const span of findPii(link)) {
    if (span.type === "URL") {
      if (fileIdsAllowed) continue;
      const part = decoded(link.slice(span.start, span.end)).toLowerCase().replace(/^@/, "");
      if (disclosed.has(part) || PSEUDONYM.test(part)) continue;
    }
    found.add(span.type);
  }
  return PII_TYPES.filter((type) => found.has(type));
}

/**
 * Every piece of personal data the redaction detector still finds in the fields an item sends: the text, the author
 * fields (names and handles allowed there), the permalink, media links (file ids allowed) and the capture endpoint.
 */
export function residualPiiInItem(item: Item): ResidualPii[] {
  const found: ResidualPii[] = [];
  const report = (field: string, types: PiiType[]) => {
    for (const type of types) found.push({ field, type });
  };
  report("text", findResidualPii(item.text));
  report("author.name", outside(findResidualPii(item.author.name), IDENTITY_TYPES));
  // A fediverse handle is "name@server": an address of an account, not an email.
  report("author.handle", outside(findResidualPii(item.author.handle.replace(/@[^@\s]+$/, "")), IDENTITY_TYPES));
  report("author.id", outside(findResidualPii(item.author.id), IDENTITY_TYPES));
  const disclosed = disclosedValues(item);
  if (item.url !== null) report("url", linkPii(item.url, disclosed, false));
  for (const [index, media] of item.media.entries()) report(`media.${index}.url`, linkPii(media.url, disclosed, true));
  report("source.endpoint", linkPii(`https://endpoint.invalid${item.source.endpoint}`, disclosed, true));
  return found;
}
