/**
 * Whether a match is only part of a longer proper name the glossary does not know: "New York" in
 * "New York Cotton Exchange", "France" in "Air France", "Michigan" in "University of Michigan". Such
 * a match names something else, so it is better left unmarked. Pure string inspection.
 */

/** Capitalised words that end an organisation's name: "<place> Stock Exchange", "<place> Daily". */
const HEADS_AFTER = new Set(
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
const HEADS_BEFORE = new Set(['air', 'statistics', 'media', 'first', 'radio', 'bank of', 'university of']);

/** Up to three capitalised words right after the match: "<place> Cotton Exchange". */
const WORDS_AFTER = /^(?:[ \t]+[\p{Lu}][\p{L}&.]*){1,3}/u;
const WORDS_BEFORE = /([\p{Lu}][\p{L}]*)(?:[ \t]+(of))?[ \t]+$/u;

export function insideLargerName(text: string, start: number, end: number): boolean {
  const after = WORDS_AFTER.exec(text.slice(end, end + 60));
  if (after) {
    const words = after[0].trim().split(/[ \t]+/);
    if (words.some((w) => HEADS_AFTER.has(w.replace(/\.$/, '').toLowerCase()))) return true;
  }
  const before = WORDS_BEFORE.exec(text.slice(Math.max(0, start - 40), start));
  if (before) {
    const head = before[2] ? `${before[1]!.toLowerCase()} of` : before[1]!.toLowerCase();
    if (HEADS_BEFORE.has(head)) return true;
  }
  return false;
}
