import { describe, expect, it } from 'vitest';
import { compileIndex } from '../glossary/compile';
import type { Entry } from '../glossary/schema';
import { compileMatcher, termsOf } from '../matcher/matcher';
import { resolveMentions, candidatesIn } from '../matcher/resolve';
import type { ReaderEntry } from '../storage/reader-entries';
import { withReaderEntries } from './reader-index';

const nato: Entry = {
  id: 'nato',
  qid: 'Q7184',
  kind: 'organisation',
  name: 'NATO',
  aliases: [],
  summary: 'An alliance.',
  facts: [],
  related: [],
  wikipedia: 'NATO',
  checked: '2026-11-26',
};
const mine: ReaderEntry = {
  id: 'reader-baltic-council',
  name: 'Baltic Council',
  aliases: ['the Council of the Baltic', 'Baltic Council'],
  kind: 'organisation',
  summary: '',
  qid: null,
  createdAt: 0,
  updatedAt: 0,
};

describe('withReaderEntries', () => {
  it('adds the reader entries after the bundled ones, and the matcher finds both', () => {
    const bundled = compileIndex([nato]);
    const index = withReaderEntries(bundled, [mine]);
    expect(index.ids).toEqual(['nato', 'reader-baltic-council']);
    expect(
      termsOf(index.terms)
        .filter((t) => t.entry === 1)
        .map((t) => t.text),
    ).toEqual(['Baltic Council', 'the Council of the Baltic']);
    const matcher = compileMatcher(index.terms);
    const text = 'NATO and the BALTIC COUNCIL met; the Council of the Baltic agreed.';
    const found = resolveMentions(index.terms, candidatesIn(matcher, text), new Set());
    expect(found.map((m) => [index.ids[m.entry], text.slice(m.start, m.end)])).toEqual([
      ['nato', 'NATO'],
      ['reader-baltic-council', 'BALTIC COUNCIL'],
      ['reader-baltic-council', 'the Council of the Baltic'],
    ]);
  });

  it('leaves the index as it is when the reader has no entries', () => {
    const bundled = compileIndex([nato]);
    expect(withReaderEntries(bundled, [])).toBe(bundled);
  });
});
