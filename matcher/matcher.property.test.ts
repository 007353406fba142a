import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASE_RULES } from '../glossary/schema';
import {
  buildTermTrie,
  buildTrie,
  CHAR_BASE,
  charAt,
  digitsFor,
  forEachTermKey,
  keyOfNode,
  keyText,
  nodeOfTerm,
  packTrie,
  readDigits,
  toChars,
  unpackTrie,
  VarintReader,
  writeDigits,
  writeVarint,
  type Trie,
} from './automaton';
import { compileMatcher, createMatcher, type Term } from './matcher';
import { referenceScan } from './reference';
import { foldedUnit, foldUnit, isSpaceUnit, isWordUnit, SPACE, SURROGATE, unitClass, WORD } from './text';

// Small alphabets, so random terms and texts actually meet: letters in both cases, accents, digits,
// the white space, apostrophes and hyphens the matcher folds, and a non-BMP character.
const UNITS = [
  ...'aAbBnNoOtT',
  'é',
  'É',
  'ß',
  'İ',
  '1',
  ' ',
  '  ',
  '\n',
  '\u00a0',
  '.',
  "'",
  '’',
  '-',
  '‐',
  ',',
  '😀',
];
const unit = fc.constantFrom(...UNITS);
const word = fc
  .array(fc.constantFrom(...'aAbBnNoOtTéÉ1'), { minLength: 1, maxLength: 4 })
  .map((a) => a.join(''));
const termText = fc.oneof(
  fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')),
  fc.array(unit, { minLength: 1, maxLength: 6 }).map((a) => a.join('')),
  fc.array(word, { minLength: 2, maxLength: 3 }).map((w) => w.join('-') + '.'),
);
const term = fc.record({
  text: termText.filter((t) => t.trim().length > 0),
  entry: fc.integer({ min: -3, max: 20 }),
  case: fc.constantFrom(...CASE_RULES),
}) as fc.Arbitrary<Term>;
const terms = fc.array(term, { minLength: 0, maxLength: 40 });
const text = fc.oneof(
  fc.array(unit, { maxLength: 80 }).map((a) => a.join('')),
  fc.array(fc.oneof(word, unit), { maxLength: 40 }).map((a) => a.join('')),
);

/** Texts built from the terms themselves, so that matches are common rather than lucky. */
const termsAndText = terms.chain((list) =>
  fc.tuple(
    fc.constant(list),
    fc
      .array(
        fc.oneof(
          text,
          list.length > 0 ? fc.constantFrom(...list.map((t) => t.text)) : text,
          list.length > 0 ? fc.constantFrom(...list.map((t) => t.text.toUpperCase())) : text,
        ),
        { maxLength: 12 },
      )
      .chain((parts) =>
        fc
          .array(fc.constantFrom(' ', '', '-', ', ', '\n', 'x'), {
            minLength: parts.length,
            maxLength: parts.length,
          })
          .map((seps) => parts.map((p, i) => p + seps[i]).join('')),
      ),
  ),
);

describe('packed matcher against the reference', () => {
  it('finds the same candidates', () => {
    fc.assert(
      fc.property(termsAndText, ([list, input]) => {
        expect(compileMatcher(list).scan(input)).toEqual(referenceScan(list, input));
      }),
      { numRuns: 2000 },
    );
  });

  it('never overlaps and keeps offsets inside the text', () => {
    fc.assert(
      fc.property(termsAndText, ([list, input]) => {
        let last = 0;
        for (const c of compileMatcher(list).scan(input)) {
          expect(c.start).toBeGreaterThanOrEqual(last);
          expect(c.end).toBeGreaterThan(c.start);
          expect(c.end).toBeLessThanOrEqual(input.length);
          expect(c.terms.length).toBeGreaterThan(0);
          last = c.end;
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('a packed trie whose labels hold units beyond Latin-1', () => {
  // Wide units ("ğ", "ł") are shipped as C1 control codes, which a text may hold too.
  const wideWord = fc
    .array(fc.constantFrom(...'aAéğĞłŁ '), { minLength: 1, maxLength: 4 })
    .map((a) => a.join(''))
    .filter((t) => t.trim().length > 0);
  const wideTerms = fc.array(
    fc.record({
      text: wideWord,
      entry: fc.integer({ min: 0, max: 5 }),
      case: fc.constantFrom(...CASE_RULES),
    }),
    { maxLength: 12 },
  ) as fc.Arbitrary<Term[]>;
  const wideText = fc
    .array(fc.constantFrom(...'aAğĞłŁ\u0080\u0081\u0100 .'), { maxLength: 40 })
    .map((a) => a.join(''));

  it('finds the same candidates as the reference', () => {
    fc.assert(
      fc.property(wideTerms, wideText, (list, input) => {
        const packed = packTrie(buildTermTrie({ length: list.length, at: (t) => list[t] }));
        const matcher = createMatcher({ length: list.length, at: (t) => list[t] }, unpackTrie(packed));
        expect(matcher.scan(input)).toEqual(referenceScan(list, input));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the labels as they are when a name holds a C1 control code', () => {
    const list: Term[] = ['Erdoğan', 'a\u0080b'].map((text, entry) => ({ text, entry, case: 'any' }));
    const terms = { length: list.length, at: (t: number) => list[t] };
    const packed = packTrie(buildTermTrie(terms));
    expect(packed.wideUnits).toBe('');
    const found = createMatcher(terms, unpackTrie(packed)).scan('a\u0080b and erdoğan');
    expect(found.map((c) => c.start)).toEqual([0, 8]);
  });

  it('ships the labels in Latin-1 when no name holds a C1 control code', () => {
    const list: Term[] = ['Erdoğan', 'Łódź', 'Ankara'].map((text, entry) => ({
      text,
      entry,
      case: 'upper-ok',
    }));
    const terms = { length: list.length, at: (t: number) => list[t] };
    const packed = packTrie(buildTermTrie(terms));
    expect([...packed.labels].every((c) => c.charCodeAt(0) <= 0xff)).toBe(true);
    expect(packed.wideUnits).toBe('ğłź');
    const trie = unpackTrie(packed);
    const keys: string[] = [];
    forEachTermKey(trie, (t, key) => (keys[t] = key));
    expect(keys).toEqual(['erdoğan', 'łódź', 'ankara']);
    expect(keyOfNode(trie, nodeOfTerm(trie, 1))).toBe('łódź');
    const found = createMatcher(terms, trie).scan('Erdoğan in ŁÓDŹ, not Erdo\u0080an');
    expect(found.map((c) => c.start)).toEqual([0, 11]);
  });
});

describe('packing', () => {
  it('round-trips varints', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 2 ** 40 })), (values) => {
        const reader = new VarintReader(values.map(writeVarint).join(''));
        expect(values.map(() => reader.read())).toEqual(values);
        expect(reader.done).toBe(true);
      }),
    );
  });

  it('round-trips fixed-width digits, read from anywhere in the list', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 2 ** 30 }), { minLength: 1 }), (values) => {
        const digits = digitsFor(Math.max(...values));
        const text = values.map((v) => writeDigits(v, digits)).join('');
        expect(text).toMatch(/^[#-~]*$/);
        expect(values.map((_, i) => readDigits(text, i * digits, digits))).toEqual(values);
      }),
    );
    expect(digitsFor(CHAR_BASE - 1)).toBe(1);
    expect(digitsFor(CHAR_BASE)).toBe(2);
    expect(() => writeDigits(CHAR_BASE, 1)).toThrow(RangeError);
  });

  it('writes counts as one character each, or says they do not fit', () => {
    const values = Array.from({ length: CHAR_BASE }, (_, i) => i);
    const text = toChars(values)!;
    expect(text).toHaveLength(CHAR_BASE);
    expect(text).not.toContain('"');
    expect(values.map((_, i) => charAt(text, i))).toEqual(values);
    expect(toChars([0, CHAR_BASE])).toBeNull();
    expect(toChars([-1])).toBeNull();
  });

  const shape = (trie: Trie) => ({
    labels: keyText(trie, 0, trie.labels.length),
    labelStart: [...trie.labelStart],
    next: [...trie.next],
    children: [...trie.children],
    endStart: [...trie.endStart],
    fat: [...trie.fat],
  });

  it('gives back the trie it packed, nodes with many children and many ends included', () => {
    // The root has 36 children and "x" ends five terms.
    const keys = [...'abcdefghijklmnopqrstuvwxyz0123456789', 'x', 'x', 'x', 'x', 'xy', 'xz'];
    const trie = buildTrie(keys);
    expect(shape(unpackTrie(JSON.parse(JSON.stringify(packTrie(trie)))))).toEqual(shape(trie));
    // Counts too large for one character each: 200 children, a 120-unit label, 100 ends.
    const many = [
      ...Array.from({ length: 200 }, (_, i) => String.fromCharCode(0x100 + i)),
      'q'.repeat(120),
      ...Array.from({ length: 100 }, () => 'z'),
    ];
    const big = buildTrie(many);
    const packed = packTrie(big);
    expect(packed.wide).toEqual({ labelLength: true, children: true, endCount: true });
    expect(shape(unpackTrie(JSON.parse(JSON.stringify(packed))))).toEqual(shape(big));
    fc.assert(
      fc.property(terms, (list) => {
        const built = buildTermTrie(list);
        expect(shape(unpackTrie(packTrie(built)))).toEqual(shape(built));
      }),
    );
  });

  it('keeps every term reachable, and only once', () => {
    fc.assert(
      fc.property(terms, (list) => {
        const trie = unpackTrie(JSON.parse(JSON.stringify(packTrie(buildTermTrie(list)))));
        const ends = trie.ends ?? Array.from({ length: trie.endStart[trie.size]! }, (_, i) => i);
        expect([...ends].sort((a, b) => a - b)).toEqual(
          list.map((_, i) => i).filter((i) => list[i]!.text.trim() !== ''),
        );
      }),
    );
  });
});

describe('the generators', () => {
  it('produce texts where terms are found, so the comparison means something', () => {
    const samples = fc.sample(termsAndText, { numRuns: 500, seed: 1 });
    const withMatches = samples.filter(([list, input]) => referenceScan(list, input).length > 0);
    expect(withMatches.length).toBeGreaterThan(samples.length / 3);
  });
});

describe('the scan tables', () => {
  it('agree with the plain functions for every UTF-16 unit', () => {
    for (let code = 0; code < 0x10000; code++) {
      const surrogate = code >= 0xd800 && code <= 0xdfff;
      const expected = surrogate
        ? SURROGATE
        : (isWordUnit(code) ? WORD : 0) | (isSpaceUnit(code) ? SPACE : 0);
      if (unitClass(code) !== expected) expect([code, unitClass(code)]).toEqual([code, expected]);
      if (foldedUnit(code) !== foldUnit(code))
        expect([code, foldedUnit(code)]).toEqual([code, foldUnit(code)]);
    }
  });
});
