import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileMatcher, termsOf, type Term } from '../matcher/matcher';
import { findMentions } from '../matcher/resolve';
import { normaliseText } from '../matcher/text';
import { sharedPath } from '../test/shared';
import { compileIndex } from './compile';
import { loadGlossary } from './load';
import { packIndex, slugOf, unpackIndex } from './pack';

const index = compileIndex(loadGlossary());
const plain = (t: Term) =>
  JSON.stringify({ text: normaliseText(t.text), entry: t.entry, case: t.case, requires: t.requires ?? null });

describe('packed index', () => {
  const packed = packIndex(index);
  const unpacked = unpackIndex(JSON.parse(JSON.stringify(packed)));

  it('gives back the same ids, names and kinds', () => {
    expect(unpacked.ids).toEqual(index.ids);
    expect(unpacked.names).toEqual(index.names);
    expect(unpacked.kinds).toEqual(index.kinds);
  });

  it('gives back every term, normalised, in the order of their keys', () => {
    expect(termsOf(unpacked.terms).map(plain).sort()).toEqual(index.terms.map(plain).sort());
  });

  it('keeps glossary order among terms that share a key', () => {
    // Each unpacked term takes the first unused glossary position with the same content.
    const positions = new Map<string, number[]>();
    index.terms.forEach((t, i) => positions.set(plain(t), [...(positions.get(plain(t)) ?? []), i]));
    const terms = termsOf(unpacked.terms);
    const order = terms.map((t) => positions.get(plain(t))!.shift()!);
    for (let t = 1; t < terms.length; t++) {
      if (terms[t - 1]!.text.toLowerCase() !== terms[t]!.text.toLowerCase()) continue;
      expect(order[t - 1]!).toBeLessThan(order[t]!);
    }
  });

  it('finds what a trie built from the glossary terms finds, on the seed article', () => {
    const text = readFileSync(sharedPath('seeds', '000_ce88f3022db2b69b.txt'), 'utf8');
    const shipped = findMentions(compileMatcher(unpacked.terms), text).map((m) => [m.start, m.end, m.entry]);
    expect(shipped.length).toBeGreaterThan(10);
    expect(shipped).toEqual(
      findMentions(compileMatcher(index.terms), text).map((m) => [m.start, m.end, m.entry]),
    );
  });

  it('restores texts whose case differs from the key in any way', () => {
    const odd: Term[] = [
      'NATO',
      'McCain',
      'Straße',
      'STRASSE',
      'İstanbul',
      'al-Bashir',
      'K\u212a',
      'x',
      'District of Columbia',
      'iPhone X',
      'ǅemal',
    ].map((text, entry) => ({ text, entry, case: 'exact' }));
    const back = unpackIndex(packIndex({ ids: [], names: [], kinds: [], terms: odd }));
    expect(
      termsOf(back.terms)
        .map((t) => t.text)
        .sort(),
    ).toEqual(odd.map((t) => t.text).sort());
  });

  it('gives back entries and conditions of any size: many entries, cue words, own and other names', () => {
    const terms: Term[] = [
      { text: 'Putin', entry: 20_000, case: 'exact', requires: [20_000] },
      { text: 'Mr. Smith', entry: 3, case: 'upper-ok', requires: [3, 20_000] },
      { text: 'Georgia', entry: 7, case: 'exact', requires: [-5, -1] },
      { text: 'Jordan', entry: 9, case: 'exact', requires: [4] },
      { text: 'border', entry: -300, case: 'any' },
      { text: 'Zebra', entry: 0, case: 'any' },
    ];
    const ids = Array.from({ length: 20_001 }, (_, i) => `id-${i}`);
    const back = unpackIndex(
      JSON.parse(JSON.stringify(packIndex({ ids, names: ids, kinds: ids.map(() => 'person'), terms }))),
    );
    expect(termsOf(back.terms).map(plain).sort()).toEqual(terms.map(plain).sort());
  });

  it('gives back names written like no term and ids that are not their slug', () => {
    const terms: Term[] = [
      { text: 'Vladimir Putin', entry: 0, case: 'exact' },
      { text: 'Putin', entry: 0, case: 'exact' },
      { text: 'Georgia', entry: 1, case: 'exact' },
      { text: 'Xi’an', entry: 2, case: 'exact' },
    ];
    const names = ['Vladimir Putin', 'Georgia (U.S. state)', 'Xi’an'];
    const ids = ['vladimir-putin', 'georgia-us-state', 'xian'];
    const packed = packIndex({ ids, names, kinds: ['person', 'place', 'place'], terms });
    // Only the exceptions travel: Georgia's name, and its id.
    expect(packed.otherNames).toBe('Georgia (U.S. state)\nXi’an\n');
    expect(packed.otherIds.split('\n').filter(Boolean)).toHaveLength(1);
    const back = unpackIndex(JSON.parse(JSON.stringify(packed)));
    expect(back.names).toEqual(names);
    expect(back.ids).toEqual(ids);
    expect(back.kinds).toEqual(['person', 'place', 'place']);
  });
});

describe('slugOf', () => {
  it.each([
    ['Vladimir Putin', 'vladimir-putin'],
    ['N’Djamena', 'ndjamena'],
    ["St. George's, Grenada", 'st-georges-grenada'],
    ['Nukuʻalofa', 'nukualofa'],
    ['Élysée Palace', 'elysee-palace'],
    ['North Ossetia–Alania', 'north-ossetia-alania'],
    ['2008 financial crisis', '2008-financial-crisis'],
  ])('%s → %s', (name, slug) => {
    expect(slugOf(name)).toBe(slug);
  });
});
