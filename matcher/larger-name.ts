/**
 * Whether a match is only part of a longer proper name the glossary does not know: "New York" in
 * "New York Cotton Exchange", "France" in "Air France", "Michigan" in "University of Michigan". Such
 * a match names something else, so it is better left unmarked. Pure string inspection.
 */

/** Capitalised words that end an organisation's name: "<place> Stock Exchange", "<place> Daily". */
export const HEADS_AFTER: ReadonlySet<string> = new Set(
  [
    'exchange',
    'stock',
    'bank',
    'bancorp',
    'university',
    'college',
    'institute',
    'airport',
    'airlines',
    'airways',
    'daily',
    'times',
    'herald',
    'tribune',
    'gazette',
    'journal',
    'corporation',
    'corp',
    'inc',
    'ltd',
    'plc',
    'holdings',
    'group',
    'foundation',
    'hospital',
    'museum',
    'orchestra',
    'railways',
    'railway',
    'television',
    'fc',
    'telecom',
    'petroleum',
    'motors',
  ].map((w) => w.toLowerCase()),
);

/** Capitalised words that begin one: "Air France", "Statistics Canada", "First Chicago". */
export const HEADS_BEFORE: ReadonlySet<string> = new Set([
  'air',
  'statistics',
  'media',
  'first',
  'radio',
  'bank of',
  'university of',
]);

/** Up to three capitalised words right after the match: "<place> Cotton Exchange". */
const WORDS_AFTER = /^(?:[ \t]+[\p{Lu}][\p{L}&.]*){1,3}/u;
const WORDS_BEFORE = /([\p{Lu}][\p{L}]*)(?:[ \t]+(of))?[ \t]+$/u;

const isBlank = (c: number): boolean => c === 0x20 || c === 0x09;

/**
 * Whether a capitalised word follows the match across spaces or tabs, as WORDS_AFTER needs: told
 * from a few units, so most matches (followed by punctuation or a lower-case word) skip the
 * regular expression.
 */
function capitalAfter(text: string, end: number): boolean {
  if (!isBlank(text.charCodeAt(end))) return false;
  let i = end + 1;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  if (i >= text.length) return false;
  const c = text.charCodeAt(i);
  // ASCII capitals are A-Z; beyond ASCII the regular expression decides.
  return c >= 0x80 || (c >= 0x41 && c <= 0x5a);
}

/** Whether text ending at `last` (inclusive) ends with `word`, ASCII letters compared without case. */
function endsWith(text: string, last: number, word: string, anyCase: boolean): boolean {
  const from = last - word.length + 1;
  if (from < 0) return false;
  for (let k = 0; k < word.length; k++) {
    let c = text.charCodeAt(from + k);
    if (anyCase && c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== word.charCodeAt(k)) return false;
  }
  return true;
}

/** The single words of HEADS_BEFORE, and the "of" that the others end with. */
const HEAD_WORDS = [...HEADS_BEFORE].filter((h) => !h.includes(' '));

/**
 * Whether the words before the match could end in a head of HEADS_BEFORE, as WORDS_BEFORE would
 * capture it: spaces or tabs, then one of the single-word heads or "of".
 */
function headBefore(text: string, start: number): boolean {
  if (start === 0 || !isBlank(text.charCodeAt(start - 1))) return false;
  let j = start - 2;
  while (j >= 0 && isBlank(text.charCodeAt(j))) j--;
  if (j < 0) return false;
  if (endsWith(text, j, 'of', false)) return true;
  // A loop, not `some`: this runs for most names, mostly unoptimised, and a closure a call adds up.
  for (let h = 0; h < HEAD_WORDS.length; h++) if (endsWith(text, j, HEAD_WORDS[h]!, true)) return true;
  return false;
}

export function insideLargerName(text: string, start: number, end: number): boolean {
  const after = capitalAfter(text, end) ? WORDS_AFTER.exec(text.slice(end, end + 60)) : null;
  if (after) {
    const words = after[0].trim().split(/[ \t]+/);
    if (words.some((w) => HEADS_AFTER.has(w.replace(/\.$/, '').toLowerCase()))) return true;
  }
  const before = headBefore(text, start)
    ? WORDS_BEFORE.exec(text.slice(Math.max(0, start - 40), start))
    : null;
  if (before) {
    const head = before[2] ? `${before[1]!.toLowerCase()} of` : before[1]!.toLowerCase();
    if (HEADS_BEFORE.has(head)) return true;
  }
  return false;
}
