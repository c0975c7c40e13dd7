// Small word lists shared by the heuristic detectors (addresses, names): what is never part of a name.
import { Lexicon } from "./lexicon";

/** Function words and frequent sentence words: never a street or person name on their own. */
export const COMMON_WORDS = new Set(
  `a an the and or but if then so of to in on at by for from with without into onto over under about after before
  is are was were be been being am do does did done have has had having will would can could should may might must
  shall i me my mine you your yours he him his she her hers it its we us our ours they them their theirs this that
  these those there here where when what who whom whose which why how all any some no not nor only own same too very
  just also again once more most other such than each few both up down out off via per please thanks thank hello hi
  hey dear yes yeah ok okay new old next last first second third one two three four five six seven eight nine ten
  today tomorrow yesterday tonight now soon later week weekend month year day days time times ago left right back
  near north south east west street road avenue lane drive way place court my we'll i'm i've i'd it's that's
  said says saying told tell asked`
    .split(/\s+/)
    .filter((w) => w.length > 0),
);

/** Lower-case particles inside names of people and streets ("Rua do Arenque", "Willemine ten Pas"). */
export const NAME_PARTICLES = new Set(
  "de da do dos das del della dei di du des la le les van von der den ten ter te y e al el bin ibn af av zu".split(" "),
);

/** Capitalised words that start sentences or label things but are not names. */
export const NOT_NAMES = new Set(
  `I I'm I've I'd I'll A An The This That These Those There Here Where When What Who Why How Hello Hi Hey Dear Thanks
  Thank Please Yes No Ok Okay My Your His Her Our Their We You He She It They Mr Mrs Ms Dr Prof Sir Madam Monday Tuesday
  Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October
  November December Today Tomorrow Yesterday Street Road Avenue Lane Drive Apt Suite Unit Box Phone Email Mobile Fax
  Desk Office Name Address Date Website Personal Info Info Website Bot User Mom Dad God Lord Jesus Christmas Easter
  Internet Google Facebook Twitter Instagram Reddit Youtube YouTube TikTok Bluesky Mastodon Discord Amazon Apple
  Microsoft Netflix Spotify North South East West New Old Big Great Good Best Happy Great Just Also But And Or So If
  Then Now Not All Any Some Every Each One Two Three Four Five Six Seven Eight Nine Ten Maybe Also Still Even Only
  Please Sorry Love Lol Omg Wow Ok RT Re Fwd AM PM ATM CEO CTO USA UK EU UN NASA FBI Check Follow Join Read Watch
  Listen Click Buy Get Learn See Happy Merry New Year Birthday Breaking Update Thread Live Just Today Tonight Weekly
  Daily News Via Source Credit Photo Video Link Bio Team Club City State Country University College School Hospital
  Bank Company Inc Ltd LLC Corp Group Project Game Music Album Song Movie Film Book Art Science Health World Earth`
    .split(/\s+/)
    .filter((w) => w.length > 0),
);

// Two lexicons for every word list above and in the detectors: a token's lower-case form is looked up once per
// lexicon, and each list is a bit of the answer (a post has dozens of words, each was looked up in up to eight sets).
// The short lists (function words, street types, triggers) live apart from the ten thousands of names, so the
// lookup every word needs stays in a small, cache-friendly table.
const LEXICONS = { words: new Lexicon(), names: new Lexicon() };
let nextClass = 1;

/** Adds a list of lower-case words to a lexicon as one class; returns the class's bit. */
export function wordClass(words: Iterable<string>, lexicon: keyof typeof LEXICONS = "words"): number {
  if (nextClass === 1 << 30) throw new Error("the lexicons hold at most 30 word classes");
  const bit = nextClass;
  nextClass <<= 1;
  const table = LEXICONS[lexicon];
  for (const word of words) table.add(word, bit);
  return bit;
}

/** The classes (bits) of a lower-case word among the short lists. */
export function classesOf(lower: string): number {
  return LEXICONS.words.get(lower);
}

/** The classes (bits) of a lower-case word among the name lists. */
export function nameClassesOf(lower: string): number {
  return LEXICONS.names.get(lower);
}

/**
 * `classesOf` of `source[start, end)` read in place — `source` in lower case, or ASCII folded code by code (see
 * `Lexicon.getRange`) — whose `hashRange` is `hash`.
 */
export function classesOfHashed(hash: number, source: string, start: number, end: number): number {
  return LEXICONS.words.getHashed(hash, source, start, end);
}

/** `nameClassesOf` of `source[start, end)` read in place, as `classesOfHashed`. */
export function nameClassesOfHashed(hash: number, source: string, start: number, end: number): number {
  return LEXICONS.names.getHashed(hash, source, start, end);
}

export const COMMON = wordClass(COMMON_WORDS);
export const PARTICLE = wordClass(NAME_PARTICLES);
/** The lower-case form of a word of NOT_NAMES (which is case-sensitive: check it when this bit is set). */
export const MAYBE_NOT_NAME = wordClass([...NOT_NAMES].map((word) => word.toLowerCase()));
