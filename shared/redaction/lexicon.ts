// A word → class-bits table looked up straight from a range of a text: no substring is cut and no string hashed per
// word, which is most of what a Map lookup costs for the dozens of words of a post.

/** Lower-case code unit of `code` when it is ASCII, else itself. */
export function asciiLower(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

export const HASH_SEED = 0x811c9dc5 | 0;

/**
 * The hash of `source[start, end)` folded to lower case code by code (see `Lexicon.getRange`): the same for every
 * lexicon, so a word looked up in two of them is hashed once.
 */
export function hashRange(source: string, start: number, end: number): number {
  let hash = HASH_SEED;
  for (let i = start; i < end; i++) hash = hashStep(hash, asciiLower(source.charCodeAt(i)));
  return hash;
}

export class Lexicon {
  private keys: string[] = [];
  private values: number[] = [];
  /**
   * Open addressing: slot `s` is `slots[2s]`, a key index + 1 (0 when empty), and `slots[2s + 1]`, the key's hash, which
   * a probe compares before reading the key (a string elsewhere in memory); both share a cache line.
   */
  private slots = new Int32Array(32);
  private mask = 15;

  /** ORs `bits` into the classes of the lower-case `word`. */
  add(word: string, bits: number): void {
    const found = this.indexOf(word);
    if (found >= 0) {
      this.values[found]! |= bits;
      return;
    }
    this.keys.push(word);
    this.values.push(bits);
    if (this.keys.length * 2 > this.mask) this.rebuild();
    else this.place(this.keys.length - 1);
  }

  /** The classes of a lower-case word (0 when unknown). */
  get(word: string): number {
    const found = this.indexOf(word);
    return found >= 0 ? this.values[found]! : 0;
  }

  /**
   * The classes of `lower[start, end)`, where `lower` is a text already in lower case, or (when `lower` is null) of
   * `text[start, end)` folded to lower case code by code, which callers only ask for ASCII ranges.
   */
  getRange(text: string, lower: string | null, start: number, end: number): number {
    const source = lower ?? text;
    return this.getHashed(hashRange(source, start, end), source, start, end);
  }

  /** `getRange` of `source[start, end)` whose `hashRange` is `hash`. */
  getHashed(hash: number, source: string, start: number, end: number): number {
    const length = end - start;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.slots[2 * slot]!;
      if (entry === 0) return 0;
      if (this.slots[2 * slot + 1] !== hash) continue;
      const key = this.keys[entry - 1]!;
      if (key.length !== length) continue;
      let same = true;
      for (let k = 0; k < length; k++) {
        if (key.charCodeAt(k) !== asciiLower(source.charCodeAt(start + k))) {
          same = false;
          break;
        }
      }
      if (same) return this.values[entry - 1]!;
    }
  }

  private indexOf(word: string): number {
    let hash = HASH_SEED;
    for (let i = 0; i < word.length; i++) hash = hashStep(hash, word.charCodeAt(i));
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.slots[2 * slot]!;
      if (entry === 0) return -1;
      if (this.keys[entry - 1] === word) return entry - 1;
    }
  }

  private place(index: number): void {
    const word = this.keys[index]!;
    let hash = HASH_SEED;
    for (let i = 0; i < word.length; i++) hash = hashStep(hash, word.charCodeAt(i));
    let slot = hash & this.mask;
    while (this.slots[2 * slot] !== 0) slot = (slot + 1) & this.mask;
    this.slots[2 * slot] = index + 1;
    this.slots[2 * slot + 1] = hash;
  }

  private rebuild(): void {
    const size = (this.mask + 1) * 4;
    this.slots = new Int32Array(2 * size);
    this.mask = size - 1;
    for (let index = 0; index < this.keys.length; index++) this.place(index);
  }
}
