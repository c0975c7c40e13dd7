// STREET_ADDRESS: a house number with a street name and a street-type word (English, Romance, Germanic, Nordic,
// Finnic, Slavic, Hungarian forms: "14 Crown Street", "Rua do Arenque 1634", "Koskikatu 25", "Erzsébet tér 19."),
// military and P.O. box addresses, then an optional unit, city, region, country and postcode that follow.
import { saysBefore } from "../context";
import { matchesOf } from "../scan";
import { inline, type Token, tokenize } from "../tokens";
import { isLowerCaseText, type Traits } from "../traits";
import type { Candidate } from "../types";
import { COMMON, PARTICLE, wordClass } from "../words";

const list = (words: string) => new Set(words.split(/\s+/).filter((w) => w.length > 0));

// A type word after the name: "Crown Street", "Erzsébet tér", "Stensås terrasse".
const TYPE_AFTER = wordClass(
  list(`street st road rd avenue ave boulevard blvd lane ln drive dr court ct close place pl terrace
  way crescent cres highway hwy parkway pkwy square sq trail trl circle cir alley row walk grove gardens park mews parade
  esplanade quay wharf plaza loop pike path heights green greens union pass flats forks squares prairie islands island
  dale meadows meadow view ridge point shores springs valley village junction crossing route hill hills estate circuit
  causeway expressway freeway dam approach bend bluff bluffs bottom branch bridge brook brooks burg bypass camp
  canyon cape center centre cliff cliffs common corner corners course courts cove coves creek crest curve divide estates
  extension fall falls ferry field fields ford fords forest forge forges fork freeway garden gateway glen glens harbor
  harbors haven hollow inlet isle key keys knoll knolls lake lakes landing light lights lock locks lodge manor manors
  mill mills mission motorway mount mountain mountains neck orchard oval overpass pine pines plain plains port ports
  radial ramp ranch rapid rapids rest roads shoal shoals shore skyway spring spur stravenue stream summit throughway
  trace track trafficway tunnel turnpike underpass vista ville villages views vale wall ways well wells streets
  tér rkp u utca út útja kapu köz sor körút terrasse baan wei laan straat str weg gasse vej gade
  plads torv katu tie kuja ulica ul cesta ulice náměstí třída iela prospekt sokak caddesi cd sk allé vei veien gata gatan
  vägen väg
  flat junctions gate end bank rise croft drove mead chase yard garth fold wynd brae grange paddock brow lea copse glade
  burgs centers circles crossroad drives extensions fort groves parks parkways passage points ridges spurs unions
  valleys viaduct walks mall`),
);
// Type words written in lower case after a capitalised name ("Erzsébet tér", "Stensås terrasse").
const LOWER_CASE_TYPES = list(`tér u utca út útja kapu köz sor körút rkp terrasse baan wei laan straat str weg gasse vej
  gade plads torv katu tie kuja ulica ul cesta ulice náměstí třída iela prospekt sokak caddesi cd sk allé vei veien gata
  gatan vägen väg street st road rd`);
// A type word before the name: "Rua Igreja 25", "Via Franscini 71", "33 avenue de Provence".
const TYPE_BEFORE = wordClass(
  list(`rua via calle avenida avda av avenue rue piazza paseo strada viale corso largo praça praca
  travessa estrada alameda boulevard bd ul ulica carrer camino plaza plac aleja al chemin allée allee impasse quai route
  rambla ronda vicolo contrada rodovia avinguda carretera voie borgo quinta rotonda piazzale skwer aleja osiedle`),
);
// German "Am Jägerhof 51a", "Im Mühlenfeld 6": only capitalised, and only with a house number after the name.
const GERMAN_TYPE_BEFORE = new Set(["Am", "Im", "An", "Auf", "Zum", "Zur", "In"]);
// Street names written as one word with the type at the end: "Koskikatu", "Søndergade", "Hauptstraße".
const TYPE_SUFFIX =
  /(?:straße|strasse|str|gasse|weg|platz|allee|ring|damm|ufer|steig|pfad|gata|gatan|vägen|vagen|väg|gränd|stigen|stig|torget|gade|vej|stræde|straede|stræti|straeti|braut|vegur|veien|vegen|veg|katu|tie|kuja|polku|tori|kaari|laan|straat|gracht|kade|plein|singel|dijk|hove|wei|steeg|plantsoen|markt|dreef|park|hof|utca|iela|gatvė|tänav|terrasse|stien|vænget|bakken|haugen|lia|åsen)$/i;
// Suffixes that also end ordinary words: only with a house number before, or address words nearby.
const WEAK_SUFFIX = /(?:ring|tie|wei|veg|str|hove|lia|stig|kade|park|hof|markt)$/i;
const UNIT =
  /^[ \t]*,?[ \t]*(?:apt|apartment|suite|ste|unit|flat|floor|fl|room|rm|bldg|building|#)\.?[ \t]*#?\d{1,6}[A-Za-z]?\b/iu;
const ADDRESS_WORDS =
  /(?:address|addresses|adresse|dirección|direccion|endereço|live|lives|living|lived|located|location|meet me|meet you|sent to|send it to|ship|shipping|ship it to|ship to|mail it to|moved to|moving to|deliver|delivery|moved|return to|arrived at|drops you off|drop me|pick me up|office is|is at|is on|in|on|at|from)[ :]*$/;
const MILITARY =
  /\b(?:(?:PSC|Unit|CMR) \d{3,5},? Box \d{3,5}|(?:USNS|USNV|USS|USCGC) \p{Lu}[\p{L}'-]{1,30})[ \t]*\n?[>?\s]{0,6}(?:APO|DPO|FPO) (?:AA|AE|AP) \d{5}\b/giu;
const MILITARY_HINT = /[ADF]PO /i;
const PO_BOX_HINT = /box/i;
// Both hints at once: most texts hold neither, and are looked through once (one pattern call costs less than a loop
// over the code units in JavaScript).
const ANY_HINT = /[ADF]PO |box/i;
// How far (in tokens) from its type word the number of an address can be.
const NUMBER_REACH = 7;
const PO_BOX = /(?<![\p{L}\p{N}])(?:\d{1,6} )?P\.? ?O\.? Box \d{1,6}\b/giu;
// "the corner of Kuusiku 7 and Alexander Flat"
const CORNER = /\bcorner of ([\p{L}\p{N} .'-]{3,60}) and \p{Lu}[\p{L}'-]*(?: \p{Lu}[\p{L}'-]*){0,3}/gu;
// What may follow on the next line or after a comma: a city, a region code, a country, a postcode.
const PLACE_WORD = String.raw`(?:\p{Lu}[\p{L}'’.\-]*|nan|de|del|do|da|am|an|im|nad|pod|upon|on|of|sur|en)`;
const PLACE_PIECE = new RegExp(
  String.raw`^(?:[ \t]*,[ \t]*|[ \t]*\n[\s>?]{0,8})(?:${PLACE_WORD}(?:[ \t](?:${PLACE_WORD}|\([^)\n]{1,30}\))){0,4}(?:[ \t,]{1,2}(?:\d{3,6}(?:[ -]\d{2,4})?|\p{Lu}{1,2}\d[\p{Lu}\d]? ?\d\p{Lu}{2}))?(?![\p{L}\p{N}]|[ \t\-.]\d)|(?:\d{3,6}(?:[ -]\d{2,4})?|\p{Lu}\d\p{Lu} ?\d\p{Lu}\d|\p{Lu}{1,2}\d[\p{Lu}\d]? ?\d\p{Lu}{2})(?=[ \t]*(?:$|\n|,)))`,
  "u",
);
const LOWER_PLACE_PIECE = /^(?:[ \t]*,?[ \t]*|[ \t]*\n[\s>?]{0,8})((?:\p{Ll}{3,}[ \t]?){1,3})(?=$|[\n,.])/u;
const SPACED_PLACE =
  /^[ \t]((?:\p{Lu}{2,}[\p{Lu}-]*|\p{Lu}\p{Ll}+)(?:[ \t](?:\p{Lu}{2,}[\p{Lu}-]*|\p{Lu}\p{Ll}+|nan|[A-Z]{2,3}))*(?:[ \t]\d{4,6})?)(?=$|[\n,.?!])/u;
const POSTCODE_AFTER = /^[ \t]+\d{4,6}(?![\p{L}\p{N}])/u;

function isNameWord(token: Token, lowerText: boolean): boolean {
  if (token.kind !== "word") return false;
  const classes = token.classes;
  if ((classes & PARTICLE) !== 0) return true;
  if ((classes & COMMON) !== 0) return false;
  return token.capitalised || lowerText;
}

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Whether token `k` is a number on the same line as token `from`, right after it. */
function numberAt(text: string, tokens: readonly Token[], k: number, from: number): boolean {
  return k < tokens.length && tokens[k]!.kind === "number" && inline(text, tokens[from]!, tokens[k]!);
}

// Each piece an address extends over opens in a way one or two code units tell: most ends of an address are followed
// by none, and the patterns (a regular-expression call each, on a cut of the text) are only tried where one can match.

/** The index of the first code unit from `at` that is no space or tab. */
function skipBlanks(text: string, at: number): number {
  let i = at;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i;
}

/** Whether UNIT can match at `at`: blanks, maybe a comma and blanks, then the first letter of a unit word or "#". */
function unitMayStart(text: string, at: number): boolean {
  let i = skipBlanks(text, at);
  if (text.charCodeAt(i) === 44) i = skipBlanks(text, i + 1);
  const code = text.charCodeAt(i);
  if (code >= 128) return true; // case-blind Unicode matching reads "ſ" as "s"
  const folded = code | 32;
  return (
    code === 35 ||
    folded === 97 ||
    folded === 115 ||
    folded === 117 ||
    folded === 102 ||
    folded === 114 ||
    folded === 98
  );
}

/** Whether PLACE_PIECE can match at `at`: blanks, then a comma or a line break. */
function placeMayStart(text: string, at: number): boolean {
  const code = text.charCodeAt(skipBlanks(text, at));
  return code === 44 || code === 10;
}

/** Whether LOWER_PLACE_PIECE can match at `at`: blanks, then a comma, a line break or a lower-case letter. */
function lowerPlaceMayStart(text: string, at: number): boolean {
  const code = text.charCodeAt(skipBlanks(text, at));
  return code === 44 || code === 10 || (code >= 97 && code <= 122) || code >= 128;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

/** Extends a core address over units, place lines and a postcode; returns the new end. */
function extend(text: string, end: number, lowerText: boolean): number {
  let at = end;
  let placeLines = 0;
  let extended = false;
  for (let step = 0; step < 8; step++) {
    // SPACED_PLACE and POSTCODE_AFTER open with a blank.
    const blank = isBlank(text.charCodeAt(at));
    const unitMay = unitMayStart(text, at);
    const placeMay = placeLines < 4 && (placeMayStart(text, at) || (lowerText && lowerPlaceMayStart(text, at)));
    if (!unitMay && !placeMay && !blank) break;
    const rest = text.slice(at, at + 120);
    const unit = unitMay ? UNIT.exec(rest) : null;
    if (unit) {
      at += unit[0].length;
      extended = true;
      continue;
    }
    if (placeLines < 4) {
      const piece = placeMay ? (PLACE_PIECE.exec(rest) ?? (lowerText ? LOWER_PLACE_PIECE.exec(rest) : null)) : null;
      if (piece && !/[:@]/.test(piece[0])) {
        at += piece[0].length;
        placeLines++;
        extended = true;
        continue;
      }
      const spaced = blank && (extended || placeLines > 0) ? SPACED_PLACE.exec(rest) : null;
      if (spaced) {
        at += spaced[0].length;
        placeLines++;
        continue;
      }
    }
    const postcode = blank ? POSTCODE_AFTER.exec(rest) : null;
    if (postcode) at += postcode[0].length;
    break;
  }
  return at;
}

/** Numbers directly before `index` on the same line (house numbers, sometimes two: "5533 119 Countess Close"). */
function numbersBefore(text: string, tokens: readonly Token[], index: number): number {
  let first = index;
  for (let k = index - 1; k >= 0 && k >= index - 2; k--) {
    if (tokens[k]!.kind !== "number" || !inline(text, tokens[k]!, tokens[first]!)) break;
    first = k;
  }
  return first;
}

/** Adds the core spans of the addresses among `tokens` to `found`. */
function addCores(text: string, tokens: readonly Token[], lowerText: boolean, found: Array<[number, number]>): void {
  // Every shape below has a number within NUMBER_REACH tokens of its type word: other words are not looked up.
  // The last number token before the current one, and the first after it (tokens.length when none is left).
  let previousNumber = -1 - NUMBER_REACH;
  let nextNumber = -1;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    if (token.kind !== "word") {
      previousNumber = t;
      continue;
    }
    if (nextNumber < t) {
      nextNumber = t + 1;
      while (nextNumber < tokens.length && tokens[nextNumber]!.kind !== "number") nextNumber++;
    }
    const near = (nextNumber < tokens.length && nextNumber - t <= NUMBER_REACH) || t - previousNumber <= NUMBER_REACH;
    if (!near) continue;
    const classes = token.classes;
    // "<number> <Name…> Street [number]" and "<Name…> tér 19."
    if ((classes & TYPE_AFTER) !== 0 && t > 0) {
      let first = t;
      let lowerWords = 0;
      while (first > 0 && t - first < 4 && inline(text, tokens[first - 1]!, tokens[first]!)) {
        const word = tokens[first - 1]!;
        if (isNameWord(word, lowerText)) first--;
        else if (lowerWords === 0 && word.kind === "word" && (word.classes & COMMON) === 0) {
          lowerWords++;
          first--;
        } else break;
      }
      if (first < t && isNameWord(tokens[first]!, lowerText)) {
        const withNumber = numbersBefore(text, tokens, first);
        const numberAfter = numberAt(text, tokens, t + 1, t);
        const capitalType = token.capitalised || lowerText || LOWER_CASE_TYPES.has(token.lower);
        if ((withNumber < first || numberAfter) && capitalType) {
          found.push([tokens[withNumber]!.start, numberAfter ? tokens[t + 1]!.end : token.end]);
          continue;
        }
      }
    }
    // "[number] Rua do Arenque 1634", "33 avenue de Provence"
    const germanType = token.capitalised && token.length <= 3 && GERMAN_TYPE_BEFORE.has(token.text);
    if (((classes & TYPE_BEFORE) !== 0 || germanType) && t + 1 < tokens.length) {
      let last = t;
      while (
        last + 1 < tokens.length &&
        last - t < 5 &&
        isNameWord(tokens[last + 1]!, true) &&
        inline(text, tokens[last]!, tokens[last + 1]!)
      ) {
        last++;
      }
      if (last > t && tokens[last]!.capitalised !== false) {
        const withNumber = numbersBefore(text, tokens, t);
        const numberAfter = numberAt(text, tokens, last + 1, last);
        if (numberAfter || (withNumber < t && !germanType)) {
          found.push([tokens[withNumber]!.start, numberAfter ? tokens[last + 1]!.end : tokens[last]!.end]);
          continue;
        }
      }
    }
    // "[number] [Name] Koskikatu 25"
    if (
      token.length >= 6 &&
      (token.capitalised || lowerText) &&
      numberAt(text, tokens, t + 1, t) &&
      TYPE_SUFFIX.test(token.text)
    ) {
      let first = t;
      while (
        first > 0 &&
        t - first < 2 &&
        isNameWord(tokens[first - 1]!, lowerText) &&
        tokens[first - 1]!.capitalised &&
        inline(text, tokens[first - 1]!, tokens[first]!)
      ) {
        first--;
      }
      const withNumber = numbersBefore(text, tokens, first);
      // A house number with a letter ("Wagenaarpark 753c") is an address's, not a count's.
      const lettered = !isDigitCode(text.charCodeAt(tokens[t + 1]!.end - (tokens[t + 1]!.dotted ? 2 : 1)));
      if (
        WEAK_SUFFIX.test(token.text) &&
        !token.dotted &&
        !lettered &&
        withNumber === first &&
        !saysBefore(text, tokens[first]!.start, ADDRESS_WORDS)
      )
        continue;
      found.push([tokens[withNumber]!.start, tokens[t + 1]!.end]);
    }
  }
  // "<number> <Name> <number>" followed by a unit or a place line, or after address words: "20789 Allika 46\n Suite 501".
  for (let t = 0; t + 2 < tokens.length; t++) {
    if (tokens[t]!.kind !== "number") continue;
    let last = t;
    while (
      last + 1 < tokens.length &&
      last - t < 3 &&
      isNameWord(tokens[last + 1]!, lowerText) &&
      inline(text, tokens[last]!, tokens[last + 1]!)
    ) {
      last++;
    }
    if (last === t || !numberAt(text, tokens, last + 1, last)) continue;
    const end = tokens[last + 1]!.end;
    const rest = unitMayStart(text, end) || placeMayStart(text, end) ? text.slice(end, end + 80) : "";
    if (
      (rest !== "" && (UNIT.test(rest) || PLACE_PIECE.test(rest))) ||
      saysBefore(text, tokens[t]!.start, ADDRESS_WORDS, 24)
    ) {
      found.push([tokens[t]!.start, end]);
    }
  }
}

export function findStreetAddresses(text: string, traits: Traits): Candidate[] {
  const spans: Array<[number, number]> = [];
  const lowerText = isLowerCaseText(text, traits);
  // Every shape but the street corner holds a number; most posts hold none, and skip the rest.
  if (traits.digits > 0) {
    addCores(text, tokenize(text), lowerText, spans);
    if (ANY_HINT.test(text)) {
      if (MILITARY_HINT.test(text))
        for (const match of matchesOf(MILITARY, text)) spans.push([match.index, match.index + match[0].length]);
      if (PO_BOX_HINT.test(text))
        for (const match of matchesOf(PO_BOX, text)) spans.push([match.index, match.index + match[0].length]);
    }
  }
  if (text.includes("corner of")) {
    for (const match of matchesOf(CORNER, text)) spans.push([match.index + 10, match.index + match[0].length]);
  }
  return spans.map(([start, end]) => ({ start, end: extend(text, end, lowerText), type: "STREET_ADDRESS" }));
}
