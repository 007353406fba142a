/**
 * The quick checks in front of the regular expressions change no answer: random texts of the words
 * that matter, compared with the expressions alone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEADS_AFTER, HEADS_BEFORE, insideLargerName } from './larger-name';

const WORDS_AFTER = /^(?:[ \t]+[\p{Lu}][\p{L}&.]*){1,3}/u;
const WORDS_BEFORE = /([\p{Lu}][\p{L}]*)(?:[ \t]+(of))?[ \t]+$/u;

/** The expressions alone, as larger-name.ts used them. */
function plain(text: string, start: number, end: number): boolean {
  const after = WORDS_AFTER.exec(text.slice(end, end + 60));
  if (
    after &&
    after[0]
      .trim()
      .split(/[ \t]+/)
      .some((w) => HEADS_AFTER.has(w.replace(/\.$/, '').toLowerCase()))
  )
    return true;
  const before = WORDS_BEFORE.exec(text.slice(Math.max(0, start - 40), start));
  if (!before) return false;
  return HEADS_BEFORE.has(before[2] ? `${before[1]!.toLowerCase()} of` : before[1]!.toLowerCase());
}

const WORDS = [
  ...['Air', 'air', 'AIR', 'chair', 'of', 'Of', 'Bank', 'University', 'Media', 'First', 'RADIO'],
  ...['Statistics', 'York', 'Stock', 'Exchange', 'exchange', 'Daily', 'Inc.', 'Ünited', 'élan', 'said'],
  ...['İstanbul', '\u212a', '&', 'Bank of', 'University of'],
];
const GAPS = [' ', ' ', ' ', '', '  ', '\t', '\n', '.', ', ', '\u00a0'];
/** Words with what follows each: mostly one space, as in prose. */
const words = (max: number) =>
  fc
    .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...GAPS)), { maxLength: max })
    .map((pairs) => pairs.map(([w, g]) => w + g).join(''));

describe('insideLargerName', () => {
  it('answers as the regular expressions alone do', () => {
    fc.assert(
      fc.property(words(6), words(2), fc.constantFrom(...GAPS), words(6), (before, match, gap, after) => {
        const start = before.length;
        const end = start + match.trimEnd().length;
        const text = before + match.trimEnd() + gap + after;
        expect(insideLargerName(text, start, end)).toBe(plain(text, start, end));
      }),
      { numRuns: 3000 },
    );
  });
});
