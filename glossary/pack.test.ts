import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileMatcher, type Term } from '../matcher/matcher';
import { findMentions } from '../matcher/resolve';
import { normaliseText } from '../matcher/text';
import { sharedPath } from '../test/shared';
import { compileIndex } from './compile';
import { loadGlossary } from './load';
import { packIndex, unpackIndex } from './pack';

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
    expect(unpacked.terms.map(plain).sort()).toEqual(index.terms.map(plain).sort());
  });

  it('keeps glossary order among terms that share a key', () => {
    // Each unpacked term takes the first unused glossary position with the same content.
    const positions = new Map<string, number[]>();
    index.terms.forEach((t, i) => positions.set(plain(t), [...(positions.get(plain(t)) ?? []), i]));
    const order = unpacked.terms.map((t) => positions.get(plain(t))!.shift()!);
    for (let t = 1; t < unpacked.terms.length; t++) {
      if (unpacked.terms[t - 1]!.text.toLowerCase() !== unpacked.terms[t]!.text.toLowerCase()) continue;
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
    expect(back.terms.map((t) => t.text).sort()).toEqual(odd.map((t) => t.text).sort());
  });
});
