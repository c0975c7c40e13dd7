// PERSON: names found by context ("my name is", "Mr./Dr.", "Name:", signatures, "says"), by a given-name dictionary
// followed by surnames and initials, by name-shaped word pairs (diacritics, surname endings), and then every other
// occurrence in the text of a surname already found.
import { GIVEN_NAMES } from "../given-names";
import { inline, isCapitalised, type Token, tokenize } from "../tokens";
import type { Candidate } from "../types";
import { COMMON_WORDS, NAME_PARTICLES, NOT_NAMES } from "../words";

const TITLES = new Set(
  "mr mrs ms miss mx dr prof sir dame madam mme mlle herr frau sr sra srta señor señora signor signora dott".split(" "),
);
// Words after which the next name-shaped word is a person, known or not: "My name is Rubija", "Directed By: Sari".
const STRONG_TRIGGER =
  /(?:\bname(?:'s| is|:|\?)|\bnamed|\bcalled|\bcall me|\bthis is|\bi am|\bi'm|\bsigned,?|\bregards,|\bcheers,|\bsincerely,|\bxoxo,?|\bsays|\bsaid|\bdirected by:?|\bwritten by:?|\bfeat\.?|\bft\.|\bdear|\bcorrect it to|\bnom|\bnombre|\bme llamo|\bich heiße|\bje m'appelle|\bjmenuji se|\bnazywam się|\bchamo-me|\bmi chiamo)[ \t]*[:,]?[ \t]*$/i;
// Words after which two name-shaped words are a person: "with Mathias Ruud", "under Miklós Hajdu".
const WEAK_TRIGGER =
  /(?:\bwith|\bunder|\bby|\bkid|\bson|\bdaughter|\bwife|\bhusband|\bfriend|\bbrother|\bsister|\bmom|\bdad|\bboss|\bcolleague|\bmeet|\bmet|\bask|\basked|\btold|\btell|\bcc|\bproducer|\bhi|\bhello|\bhey|\bthanks|\bthank you)[ \t]*[:,]?[ \t]*$/i;
// A line that is only a name, after a greeting-less signature dash: "— Anna".
const SIGNATURE_DASH = /(?:^|\n)[ \t]*(?:-{1,2}|—|–)[ \t]*$/;
const SURNAME_ENDING =
  /(?:ov|ova|ev|eva|in|ina|sky|ski|ska|skí|ská|son|sen|ssen|sson|dóttir|dottir|ić|vić|escu|ez|ini|elli|etti|enko|uk|yan|ian|poulos|akis|oglu|oğlu|berg|stein|mann|ová|ek|ák|ár|ás|ás|oui|aoui|ović|ovic|ski|icz|wicz|czyk|ata|ura|moto|uchi|ashi|ama|awa|ita|ayev|iyev|zade|iadis|idis|opoulos)$/i;
// Endings that make even a lone capitalised word a surname: "Sokolov", "Ásgeirsdóttir", "Živković".
const STRONG_SURNAME_ENDING =
  /\p{L}{2}(?:ov|ova|ev|eva|sky|ski|ska|sson|dóttir|dottir|vić|ović|escu|enko|poulos|oglu|ayev|iyev|wicz|czyk|yev|yeva)$/iu;
// A line holding only a name (contact cards, signatures, quoted headers "> Anna Berg").
const LINE_START = /(?:^|\n)[ \t>?*]*$/;
const LINE_END = /^[ \t]*(?:\n|$)/;
const DIACRITIC = /[À-ÖØ-öø-ɏ]/;

function isNameShaped(token: Token | undefined, lowerText: boolean): boolean {
  if (token === undefined || token.kind !== "word" || token.text.length < 2) return false;
  if (token.text.length > 1 && token.allCaps) return false; // ACRONYMS and CITIES
  if (NOT_NAMES.has(token.text) || COMMON_WORDS.has(token.lower)) return false;
  return token.capitalised || (lowerText && token.text.length >= 3);
}

function isInitial(token: Token | undefined): boolean {
  return token !== undefined && token.kind === "word" && /^\p{Lu}$/u.test(token.text);
}

/** Extends a name from token `first` over initials, particles and surnames on the same line; returns the last index. */
function extendName(text: string, tokens: readonly Token[], first: number, lowerText: boolean, limit = 3): number {
  let last = first;
  let added = 0;
  while (added < limit && last + 1 < tokens.length && inline(text, tokens[last]!, tokens[last + 1]!)) {
    const next = tokens[last + 1]!;
    if (isInitial(next) || (lowerText && /^\p{Ll}$/u.test(next.text))) {
      if (!isNameShaped(tokens[last + 2], lowerText)) break;
    } else if (NAME_PARTICLES.has(next.text) && isNameShaped(tokens[last + 2], lowerText)) {
      // "Willemine ten Pas"
    } else if (
      !isNameShaped(next, lowerText) ||
      (lowerText && GIVEN_NAMES.has(next.text) === false && COMMON_WORDS.has(next.text))
    ) {
      break;
    }
    last++;
    added++;
  }
  return last;
}

/** Tokens glued to a handle, hashtag, email or URL are not names in prose. */
function isProse(text: string, token: Token): boolean {
  const before = text[token.start - 1] ?? " ";
  const after = text[token.end] ?? " ";
  return (
    !/[@#/_.\\:=]/.test(before) && !/[@_/\\]/.test(after) && !(after === "." && /\w/.test(text[token.end + 1] ?? ""))
  );
}

export function findPersons(text: string): Candidate[] {
  const lowerText = !/\p{Lu}/u.test(text);
  const tokens = tokenize(text);
  const found: Candidate[] = [];
  const taken = new Set<number>();
  const add = (first: number, last: number) => {
    for (let k = first; k <= last; k++) taken.add(k);
    found.push({ start: tokens[first]!.start, end: tokens[last]!.end, type: "PERSON" });
  };
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    if (token.kind !== "word" || taken.has(t) || !isProse(text, token)) continue;
    const lower = token.lower;
    // "Mr. Baader", "Dr. Kyle Kuefer", "ms. Marcela"
    if (TITLES.has(lower) && isNameShaped(tokens[t + 1], lowerText) && inline(text, token, tokens[t + 1]!)) {
      const last = extendName(text, tokens, t + 1, lowerText);
      add(t + 1, last);
      t = last;
      continue;
    }
    if (!isNameShaped(token, lowerText)) continue;
    const given = GIVEN_NAMES.has(lower);
    const before = text.slice(Math.max(0, token.start - 24), token.start);
    const triggered =
      STRONG_TRIGGER.test(before) || SIGNATURE_DASH.test(text.slice(Math.max(0, token.start - 6), token.start));
    const last = extendName(text, tokens, t, lowerText);
    const words = last - t + 1;
    const weaklyTriggered = words >= 2 && WEAK_TRIGGER.test(before);
    const ownLine =
      words >= 2 &&
      LINE_START.test(text.slice(Math.max(0, token.start - 8), token.start)) &&
      LINE_END.test(text.slice(tokens[last]!.end, tokens[last]!.end + 4));
    if (lowerText) {
      // Lower-case posts: a dictionary given name (with a surname, or long enough to be no word), or a strong trigger.
      if ((given && (words >= 2 || lower.length >= 4)) || triggered || weaklyTriggered) {
        add(t, last);
        t = last;
      }
      continue;
    }
    const lastWord = tokens[last]!.text;
    const hasInitial = tokens.slice(t + 1, last).some((k) => isInitial(k));
    const nameShaped =
      words >= 2 && (hasInitial || DIACRITIC.test(token.text + lastWord) || SURNAME_ENDING.test(lastWord));
    const surname = STRONG_SURNAME_ENDING.test(lastWord);
    if (
      given ||
      triggered ||
      weaklyTriggered ||
      ownLine ||
      nameShaped ||
      surname ||
      (words >= 2 && GIVEN_NAMES.has(tokens[last]!.lower))
    ) {
      add(t, last);
      t = last;
    }
  }
  // Second mentions: "Faina D. Yefremova … early Yefremova".
  const known = new Set<string>();
  for (const span of found) {
    for (const part of text.slice(span.start, span.end).split(/\s+/))
      if (part.length >= 3 && isCapitalised(part)) known.add(part);
  }
  if (known.size > 0) {
    for (let t = 0; t < tokens.length; t++) {
      const token = tokens[t]!;
      if (!taken.has(t) && token.kind === "word" && known.has(token.text) && isProse(text, token)) {
        taken.add(t);
        found.push({ start: token.start, end: token.end, type: "PERSON" });
      }
    }
  }
  return found;
}
