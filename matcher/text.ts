/**
 * Character classes and folding shared by the matcher and whoever builds its terms.
 * Pure string functions: no DOM, no browser APIs.
 */

const WORD_RE = /[\p{L}\p{N}\p{M}]/u;

const isSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdfff;

/**
 * A letter, digit or combining mark: what a word is made of, in any script. A surrogate half is
 * not one on its own: whether it belongs to a word depends on its pair (`isWordAt`).
 */
export function isWordUnit(code: number): boolean {
  if (code < 0x80) {
    return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  }
  if (isSurrogate(code)) return false;
  return WORD_RE.test(String.fromCharCode(code));
}

/**
 * Whether the unit at `i` of `text` is part of a word, judged by its whole code point: "😀NATO"
 * has a word boundary before "NATO" (an emoji is a symbol), "𝐀NATO" does not (a letter). A lone
 * surrogate half is no part of a word.
 */
export function isWordAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (!isSurrogate(code)) return isWordUnit(code);
  const start = code >= 0xdc00 ? i - 1 : i;
  const point = start >= 0 ? text.codePointAt(start) : undefined;
  return point !== undefined && point > 0xffff && WORD_RE.test(String.fromCodePoint(point));
}

export function isSpaceUnit(code: number): boolean {
  return (
    code === 0x20 ||
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    code === 0x0c ||
    code === 0xa0 ||
    code === 0x202f ||
    (code >= 0x2000 && code <= 0x200a)
  );
}

/**
 * Folds one UTF-16 unit to the unit the matcher compares: white space to a space, typographic
 * apostrophes and hyphens to ASCII, letters to lower case where that keeps the length.
 */
export function foldUnit(code: number): number {
  if (isSpaceUnit(code)) return 0x20;
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? code + 32 : code;
  if (code === 0x2019 || code === 0x2018 || code === 0x02bc) return 0x27;
  if (code === 0x2010 || code === 0x2011 || code === 0x2013) return 0x2d;
  const lower = String.fromCharCode(code).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : code;
}

/** Same as folding but keeping case: how an "exact" alias is compared. */
export function normaliseUnit(code: number): number {
  if (isSpaceUnit(code)) return 0x20;
  if (code < 0x80) return code;
  if (code === 0x2019 || code === 0x2018 || code === 0x02bc) return 0x27;
  if (code === 0x2010 || code === 0x2011 || code === 0x2013) return 0x2d;
  return code;
}

/** Collapses white space runs and maps typographic punctuation, keeping case. */
export function normaliseText(text: string): string {
  let out = '';
  let lastSpace = false;
  for (let i = 0; i < text.length; i++) {
    const code = normaliseUnit(text.charCodeAt(i));
    if (code === 0x20) {
      if (lastSpace) continue;
      lastSpace = true;
    } else lastSpace = false;
    out += String.fromCharCode(code);
  }
  return out.trim();
}

/** Folds a whole text the way the matcher compares it: normalised, then each unit folded. */
export function foldText(text: string): string {
  const n = normaliseText(text);
  let out = '';
  for (let i = 0; i < n.length; i++) out += String.fromCharCode(foldUnit(n.charCodeAt(i)));
  return out;
}

/* Lookup tables for the scan's inner loop. The class and fold of a unit outside ASCII cost a
   regular expression or a `toLowerCase`; they are worked out once per block of 256 units, when the
   first unit of that block is met, so an English page only ever fills a block or two. */

/** Bit set in `unitClass` for a word unit. */
export const WORD = 1;
/** Bit set in `unitClass` for a white space unit. */
export const SPACE = 2;
/** Bit set in `unitClass` for a surrogate half: ask `isWordAt`, which reads its pair. */
export const SURROGATE = 4;

const classBlocks: (Uint8Array | undefined)[] = [];
const foldBlocks: (Uint16Array | undefined)[] = [];

const WORD_ALL = /[\p{L}\p{N}\p{M}]/gu;

/** The 256 units of a block as one string. */
function blockText(high: number): string {
  const codes = new Array<number>(256);
  for (let low = 0; low < 256; low++) codes[low] = (high << 8) | low;
  return String.fromCharCode(...codes);
}

// A page in another script meets dozens of blocks at once (Wikipedia's list of languages): one
// regular expression and one `toLowerCase` over the block beat 256 of each.
function fillClassBlock(high: number): Uint8Array {
  const block = new Uint8Array(256);
  // Surrogate halves are classed by their pair (SURROGATE); other blocks are classified in one
  // pass, each word unit replaced by U+0001 (no unit of a block above ASCII is U+0001 itself).
  const surrogates = high >= 0xd8 && high <= 0xdf;
  const marked = surrogates || high === 0 ? '' : blockText(high).replace(WORD_ALL, '\u0001');
  for (let low = 0; low < 256; low++) {
    const code = (high << 8) | low;
    if (surrogates) {
      block[low] = SURROGATE;
      continue;
    }
    const word = marked.length === 256 ? marked.charCodeAt(low) === 1 : isWordUnit(code);
    block[low] = (word ? WORD : 0) | (isSpaceUnit(code) ? SPACE : 0);
  }
  classBlocks[high] = block;
  return block;
}

function fillFoldBlock(high: number): Uint16Array {
  const block = new Uint16Array(256);
  // Units that lower-casing the whole block leaves alone have no case: they fold to themselves
  // unless they are white space or punctuation the matcher maps. The others are folded one by one
  // (a unit's case can depend on its neighbours in a string: the Greek final sigma).
  const lower = blockText(high).toLowerCase();
  const aligned = lower.length === 256 && high > 0;
  for (let low = 0; low < 256; low++) {
    const code = (high << 8) | low;
    const caseless = aligned && lower.charCodeAt(low) === code;
    block[low] = caseless && !mapsPunctuation(code) ? code : foldUnit(code);
  }
  foldBlocks[high] = block;
  return block;
}

/**
 * `WORD`, `SPACE` or 0 for one UTF-16 unit, the same answers as `isWordUnit` and `isSpaceUnit`;
 * `SURROGATE` for a surrogate half.
 */
export function unitClass(code: number): number {
  const block = classBlocks[code >> 8] ?? fillClassBlock(code >> 8);
  return block[code & 0xff]!;
}

/** White space, apostrophes and hyphens: units `foldUnit` maps whatever their case. */
const mapsPunctuation = (code: number): boolean =>
  isSpaceUnit(code) ||
  code === 0x2019 ||
  code === 0x2018 ||
  code === 0x02bc ||
  code === 0x2010 ||
  code === 0x2011 ||
  code === 0x2013;

/** `foldUnit`, from a table. */
export function foldedUnit(code: number): number {
  const block = foldBlocks[code >> 8] ?? fillFoldBlock(code >> 8);
  return block[code & 0xff]!;
}
