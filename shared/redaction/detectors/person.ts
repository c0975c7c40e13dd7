// PERSON: names found by context ("my name is", "Mr./Dr.", "Name:", signatures, "says"), by given-name and surname
// dictionaries (with the surnames and initials that follow), by name-shaped word pairs (diacritics, surname endings),
// then the other names of a list holding one ("Usamov and Bowers"), then every other occurrence of a surname found.
import { GIVEN_NAMES } from "../given-names";
import { SURNAMES } from "../surnames";
import { inline, isCapitalised, type Token, tokenize } from "../tokens";
import { isLowerCaseText, type Traits } from "../traits";
import type { Candidate } from "../types";
import { COMMON, MAYBE_NOT_NAME, NOT_NAMES, PARTICLE, wordClass } from "../words";

const TITLE = wordClass(
  "mr mrs ms miss mx dr prof sir dame madam mme mlle herr frau sr sra srta señor señora signor signora dott".split(" "),
);
const GIVEN_NAME = wordClass(GIVEN_NAMES, "names");
const SURNAME = wordClass(SURNAMES, "names");
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
const STRONG_ENDINGS =
  "ov ova ev eva sky ski ska sson dóttir dottir vić ović escu enko poulos oglu ayev iyev wicz czyk yev yeva".split(" ");
const STRONG_SURNAME_ENDING = new RegExp(String.raw`\p{L}{2}(?:${STRONG_ENDINGS.join("|")})$`, "iu");
// The last word of each trigger above: the word before a name must be one of them before the pattern is tried.
const STRONG_LAST_WORD = wordClass(
  `name named called me is am i'm signed regards cheers sincerely xoxo says said by feat ft dear to nom nombre llamo
  heiße m'appelle se się chamo-me chiamo`.split(/\s+/),
);
const WEAK_LAST_WORD = wordClass(
  `with under by kid son daughter wife husband friend brother sister mom dad boss colleague meet met ask asked told tell
  cc producer hi hello hey thanks you`.split(/\s+/),
);

/** Whether a token holds a Latin letter with a diacritic (À–Ö, Ø–ö, ø–ɏ): what names of many locales are written with. */
function hasDiacritic(text: string, token: Token): boolean {
  const end = token.start + token.length;
  for (let i = token.start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) return true;
  }
  return false;
}

// The last two letters of STRONG_SURNAME_ENDING's endings, in lower case, where both are ASCII: a word ending in two
// ASCII code units that are no such pair is not tried against the pattern. (Non-ASCII code units are: case-blind
// Unicode matching reads the Kelvin sign as "k" and the long s as "s".)
const ENDING_PAIRS = new Uint8Array(128 * 128);
for (const ending of STRONG_ENDINGS) {
  const [first, second] = [ending.charCodeAt(ending.length - 2), ending.charCodeAt(ending.length - 1)];
  if (first < 128 && second < 128) ENDING_PAIRS[128 * first + second] = 1;
}

/** Lower-case code unit of an ASCII letter, else itself. */
function asciiLower(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/** STRONG_SURNAME_ENDING, tried only when the last two code units can end one of its endings. */
function hasStrongSurnameEnding(text: string, token: Token): boolean {
  // Two letters before an ending of two or more.
  if (token.length < 4) return false;
  const end = token.start + token.length;
  const last = text.charCodeAt(end - 1);
  const before = text.charCodeAt(end - 2);
  if (last < 128 && before < 128 && ENDING_PAIRS[128 * asciiLower(before) + asciiLower(last)] === 0) return false;
  return STRONG_SURNAME_ENDING.test(token.text);
}

function isNameShaped(token: Token | undefined, lowerText: boolean): boolean {
  if (token === undefined || token.kind !== "word") return false;
  const length = token.length;
  if (length < 2 || (!token.capitalised && !(lowerText && length >= 3))) return false;
  if (token.allCaps) return false; // ACRONYMS and CITIES
  const classes = token.classes;
  return (classes & COMMON) === 0 && ((classes & MAYBE_NOT_NAME) === 0 || !NOT_NAMES.has(token.text));
}

function isInitial(token: Token | undefined): boolean {
  return token !== undefined && token.kind === "word" && token.capitalised && token.length === 1;
}

function isLowerInitial(token: Token): boolean {
  if (token.length !== 1) return false;
  const code = token.text.charCodeAt(0);
  return code < 128 ? code >= 97 && code <= 122 : token.text !== token.text.toUpperCase();
}

/** Extends a name from token `first` over initials, particles and surnames on the same line; returns the last index. */
function extendName(text: string, tokens: readonly Token[], first: number, lowerText: boolean, limit = 3): number {
  let last = first;
  let added = 0;
  while (added < limit && last + 1 < tokens.length && inline(text, tokens[last]!, tokens[last + 1]!)) {
    const next = tokens[last + 1]!;
    if (isInitial(next) || (lowerText && isLowerInitial(next))) {
      if (!isNameShaped(tokens[last + 2], lowerText)) break;
    } else if (
      (next.classes & PARTICLE) !== 0 &&
      next.text === next.lower &&
      isNameShaped(tokens[last + 2], lowerText)
    ) {
      // "Willemine ten Pas"
    } else if (!isNameShaped(next, lowerText)) {
      break;
    }
    last++;
    added++;
  }
  return last;
}

/** Tokens glued to a handle, hashtag, email or URL are not names in prose. */
function isProse(text: string, token: Token): boolean {
  const before = text.charCodeAt(token.start - 1);
  // @ # / _ . \ : =
  if (before === 64 || before === 35 || before === 47 || before === 95 || before === 46) return false;
  if (before === 92 || before === 58 || before === 61) return false;
  const after = text.charCodeAt(token.end);
  if (after === 64 || after === 95 || after === 47 || after === 92) return false;
  return !(after === 46 && isAsciiWordUnit(text.charCodeAt(token.end + 1)));
}

function isAsciiWordUnit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** Whether the token before `t` is a word of class `lastWords` (a cheap test before a trigger pattern is tried). */
function followsWord(tokens: readonly Token[], t: number, lastWords: number): boolean {
  const previous = tokens[t - 1];
  return previous !== undefined && (previous.classes & lastWords) !== 0;
}

/** A line holding only a name (contact cards, signatures, quoted headers "> Anna Berg"): whether only spaces, tabs,
 * ">", "?" and "*" stand between the line start (or 8 units back) and `start`. */
function startsLine(text: string, start: number): boolean {
  const limit = Math.max(0, start - 8);
  for (let i = start - 1; i >= limit; i--) {
    const code = text.charCodeAt(i);
    if (code === 10) return true;
    if (code !== 32 && code !== 9 && code !== 62 && code !== 63 && code !== 42) return false;
  }
  return true;
}

/** Whether only spaces and tabs stand between `end` and the line end (or 4 units on). */
function endsLine(text: string, end: number): boolean {
  const limit = Math.min(text.length, end + 4);
  for (let i = end; i < limit; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) return true;
    if (code !== 32 && code !== 9) return false;
  }
  return true;
}

/** Whether a dash (after spaces) stands right before `start`: the signature "— Anna". */
function afterDash(text: string, start: number): boolean {
  for (let i = start - 1; i >= 0 && i >= start - 6; i--) {
    const code = text.charCodeAt(i);
    if (code === 45 || code === 0x2014 || code === 0x2013) return true;
    if (code !== 32 && code !== 9) return false;
  }
  return false;
}

/** Whether the words before token `t` are a trigger: `lastWords` holds each trigger's last word, tried first. */
function saysBeforeName(text: string, tokens: readonly Token[], t: number, lastWords: number, pattern: RegExp) {
  if (!followsWord(tokens, t, lastWords)) return false;
  const start = tokens[t]!.start;
  return pattern.test(text.slice(Math.max(0, start - 24), start));
}

function isTriggered(text: string, tokens: readonly Token[], t: number): boolean {
  const start = tokens[t]!.start;
  return (
    saysBeforeName(text, tokens, t, STRONG_LAST_WORD, STRONG_TRIGGER) ||
    (afterDash(text, start) && SIGNATURE_DASH.test(text.slice(Math.max(0, start - 6), start)))
  );
}

/** Whether the name-shaped words `first`…`last` (two or more) look like a name by their form alone. */
function looksLikeFullName(text: string, tokens: readonly Token[], first: number, last: number): boolean {
  for (let k = first + 1; k < last; k++) if (isInitial(tokens[k])) return true;
  return (
    hasDiacritic(text, tokens[first]!) ||
    hasDiacritic(text, tokens[last]!) ||
    SURNAME_ENDING.test(tokens[last]!.text) ||
    (tokens[last]!.nameClasses & GIVEN_NAME) !== 0
  );
}

export function findPersons(text: string, traits: Traits): Candidate[] {
  const lowerText = isLowerCaseText(text, traits);
  const tokens = tokenize(text);
  const found: Candidate[] = [];
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    if (token.kind !== "word") continue;
    // In mixed-case text a name starts with a capital, or after a title ("ms. Marcela") that is followed by one.
    if (!lowerText && !token.capitalised && (token.length > 7 || tokens[t + 1]?.capitalised !== true)) continue;
    if (!isProse(text, token)) continue;
    // "Mr. Baader", "Dr. Kyle Kuefer", "ms. Marcela"
    // (The title first: most words are none, and the next word is not looked at for them.)
    if (
      (token.classes & TITLE) !== 0 &&
      isNameShaped(tokens[t + 1], lowerText) &&
      inline(text, token, tokens[t + 1]!)
    ) {
      const last = extendName(text, tokens, t + 1, lowerText);
      found.push({ start: tokens[t + 1]!.start, end: tokens[last]!.end, type: "PERSON" });
      t = last;
      continue;
    }
    if (!isNameShaped(token, lowerText)) continue;
    const given = (token.nameClasses & GIVEN_NAME) !== 0;
    const last = extendName(text, tokens, t, lowerText);
    const words = last - t + 1;
    let person: boolean;
    if (lowerText) {
      // Lower-case posts: a dictionary given name (with a surname, or long enough to be no word), or a strong trigger.
      person =
        (given && (words >= 2 || token.length >= 4)) ||
        (words >= 2 && (tokens[last]!.nameClasses & SURNAME) !== 0) ||
        isTriggered(text, tokens, t) ||
        (words >= 2 && saysBeforeName(text, tokens, t, WEAK_LAST_WORD, WEAK_TRIGGER));
    } else {
      person =
        given ||
        (tokens[last]!.nameClasses & SURNAME) !== 0 ||
        hasStrongSurnameEnding(text, tokens[last]!) ||
        isTriggered(text, tokens, t) ||
        (words >= 2 &&
          (looksLikeFullName(text, tokens, t, last) ||
            saysBeforeName(text, tokens, t, WEAK_LAST_WORD, WEAK_TRIGGER) ||
            (startsLine(text, token.start) && endsLine(text, tokens[last]!.end))));
    }
    if (person) {
      found.push({ start: token.start, end: tokens[last]!.end, type: "PERSON" });
      t = last;
    }
  }
  if (found.length > 0 && !lowerText) addCoordinated(text, tokens, found);
  if (found.length > 0) addSecondMentions(text, tokens, found);
  return found;
}

// What joins the names of a list: "Morrison, Rogers and Torres", "Torpy & Salinas".
const LIST_JOINT = /^(?:,? (?:and|or|&|und|et|y|e|i|og|en) |, )$/;
const CONJUNCTIONS = new Set(["and", "or", "und", "et", "y", "e", "i", "og", "en"]);

/** The index of the list item after token `t` ("Usamov and Bowers"), or -1. */
function nextListItem(text: string, tokens: readonly Token[], t: number, step: 1 | -1): number {
  let k = t + step;
  // Every conjunction has at most three letters: longer words are not cut to be compared.
  if (k >= 0 && k < tokens.length && tokens[k]!.length <= 3 && CONJUNCTIONS.has(tokens[k]!.text)) k += step;
  if (k < 0 || k >= tokens.length) return -1;
  const left = step === 1 ? tokens[t]! : tokens[k]!;
  const right = step === 1 ? tokens[k]! : tokens[t]!;
  const gap = right.start - left.end;
  if (gap < 2 || gap > 6) return -1;
  // Every joint opens with a comma or a space and ends with a space.
  const opening = text.charCodeAt(left.end);
  if ((opening !== 44 && opening !== 32) || text.charCodeAt(right.start - 1) !== 32) return -1;
  return LIST_JOINT.test(text.slice(left.end, right.start)) ? k : -1;
}

/** The index of the token that starts at `start` (binary search: tokens are in text order), or -1. */
function tokenStartingAt(tokens: readonly Token[], start: number): number {
  let low = 0;
  let high = tokens.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const at = tokens[middle]!.start;
    if (at === start) return middle;
    if (at < start) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/**
 * Names listed with a name already found are names: "Usamov and Bowers", "our 3 founders: Morrison, Rogers and
 * Torres". Only single name-shaped words are added, on either side, until the list ends; `found` stays in text order.
 */
function addCoordinated(text: string, tokens: readonly Token[], found: Candidate[]): void {
  const added: Candidate[] = [];
  // Tokens inside a name, found or added: a list walk stops there, so each token is walked over at most twice.
  const taken = new Uint8Array(tokens.length);
  const spans: Array<[number, number]> = [];
  for (const span of found) {
    const first = tokenStartingAt(tokens, span.start);
    if (first < 0) continue;
    let last = first;
    while (last + 1 < tokens.length && tokens[last + 1]!.start < span.end) last++;
    taken.fill(1, first, last + 1);
    spans.push([first, last]);
  }
  for (const [first, last] of spans) {
    walkList(text, tokens, last, 1, taken, added);
    walkList(text, tokens, first, -1, taken, added);
  }
  if (added.length === 0) return;
  found.push(...added);
  found.sort((a, b) => a.start - b.start);
}

/** Adds the single names listed after (`step` 1) or before (-1) token `from`, until the list ends. */
function walkList(
  text: string,
  tokens: readonly Token[],
  from: number,
  step: 1 | -1,
  taken: Uint8Array,
  added: Candidate[],
): void {
  let t = from;
  for (let k = nextListItem(text, tokens, t, step); k >= 0; k = nextListItem(text, tokens, t, step)) {
    const item = tokens[k]!;
    if (taken[k] === 1 || !isNameShaped(item, false) || !isProse(text, item)) break;
    taken[k] = 1;
    added.push({ start: item.start, end: item.end, type: "PERSON" });
    t = k;
  }
}

/** Whether a code unit is white space as `\s` reads it. */
function isSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * Adds the ranges of the capitalised words of three or more code units (cut at white space) of `text[start, end)` to
 * `known` (start, end, start, end, …).
 */
function addWordsOf(text: string, start: number, end: number, known: number[]): void {
  let i = start;
  while (i < end) {
    while (i < end && isSpace(text.charCodeAt(i))) i++;
    const wordStart = i;
    while (i < end && !isSpace(text.charCodeAt(i))) i++;
    if (i - wordStart >= 3 && isCapitalised(text.slice(wordStart, wordStart + 1))) known.push(wordStart, i);
  }
}

/** Whether the token's text (without its trailing period) is one of the `known` ranges, compared in place. */
function isKnownWord(text: string, token: Token, known: readonly number[]): boolean {
  const length = token.length;
  for (let k = 0; k < known.length; k += 2) {
    const start = known[k]!;
    if (known[k + 1]! - start !== length) continue;
    let same = true;
    for (let i = 0; i < length && same; i++) same = text.charCodeAt(start + i) === text.charCodeAt(token.start + i);
    if (same) return true;
  }
  return false;
}

/** Second mentions: "Faina D. Yefremova … early Yefremova". */
function addSecondMentions(text: string, tokens: readonly Token[], found: Candidate[]): void {
  const known: number[] = [];
  for (const span of found) addWordsOf(text, span.start, span.end, known);
  if (known.length === 0) return;
  let next = 0;
  const spans = found.length;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    // Skip tokens inside a span found above (they are in text order).
    while (next < spans && found[next]!.end <= token.start) next++;
    if (next < spans && found[next]!.start <= token.start) continue;
    if (token.capitalised && isKnownWord(text, token, known) && isProse(text, token)) {
      found.push({ start: token.start, end: token.end, type: "PERSON" });
    }
  }
}
