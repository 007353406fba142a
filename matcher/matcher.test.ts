import { describe, expect, it } from 'vitest';
import type { CaseRule } from '../glossary/schema';
import { compileMatcher, cueKey, type Term } from './matcher';
import { findMentions } from './resolve';

// Entry indexes of the little glossary these tables use.
const NATO = 0;
const RUSSIA = 1;
const PUTIN = 2;
const ARTICLE5 = 3;
const COLD_WAR = 4;
const NRC = 5;
const NEW_YORK = 6;
const US = 7;

const t = (text: string, entry: number, rule: CaseRule = 'upper-ok', requires?: number[]): Term => ({
  text,
  entry,
  case: rule,
  ...(requires ? { requires } : {}),
});

const terms: Term[] = [
  t('NATO', NATO, 'exact'),
  t('Nato', NATO, 'exact'),
  t('Atlantic Alliance', NATO),
  t('Russia', RUSSIA),
  t('Vladimir Putin', PUTIN),
  t('Mr. Putin', PUTIN, 'upper-ok', [PUTIN]),
  t('Putin', PUTIN, 'upper-ok', [PUTIN]),
  t('Article 5', ARTICLE5, 'upper-ok', [NATO]),
  t('cold war', COLD_WAR, 'any'),
  t('NATO-Russia Council', NRC),
  t('New York', NEW_YORK),
  t('U.S.', US, 'exact'),
];
const matcher = compileMatcher(terms);

/** The mentions of `text` as [surface text, entry] pairs. */
function spot(text: string): [string, number][] {
  return findMentions(matcher, text).map((m) => [text.slice(m.start, m.end), m.entry]);
}

describe('word boundaries', () => {
  it.each<[string, [string, number][]]>([
    ['NATO met.', [['NATO', NATO]]],
    ['NATOs', []],
    ['preNATO', []],
    ['Russian officials', []],
    ['Russia.', [['Russia', RUSSIA]]],
    ['(Russia)', [['Russia', RUSSIA]]],
    ['«Russia»', [['Russia', RUSSIA]]],
    ['Russia1', []],
    ['Россия and Russia', [['Russia', RUSSIA]]],
    ['Russiaé', []],
    ['in the U.S. today', [['U.S.', US]]],
    ['New Yorker', []],
    // Beside characters outside the BMP: an emoji is a symbol, a mathematical letter a letter.
    ['😀NATO', [['NATO', NATO]]],
    ['NATO😀 met', [['NATO', NATO]]],
    ['🇺🇦Russia🇺🇦', [['Russia', RUSSIA]]],
    ['𝐀NATO', []],
    ['NATO𝐀', []],
    ['\udc00NATO\ud83d', [['NATO', NATO]]],
  ])('%j', (text, expected) => {
    expect(spot(text)).toEqual(expected);
  });
});

describe('possessives, hyphens and typography', () => {
  it.each<[string, [string, number][]]>([
    ["NATO's members", [['NATO', NATO]]],
    ['NATO’s members', [['NATO', NATO]]],
    [
      'the NATO-Russia relationship',
      [
        ['NATO', NATO],
        ['Russia', RUSSIA],
      ],
    ],
    ['the NATO-Russia Council met', [['NATO-Russia Council', NRC]]],
    ['the NATO‐Russia Council met', [['NATO‐Russia Council', NRC]]],
    ['Atlantic\n  Alliance', [['Atlantic\n  Alliance', NATO]]],
    ['Atlantic\u00a0Alliance', [['Atlantic\u00a0Alliance', NATO]]],
  ])('%j', (text, expected) => {
    expect(spot(text)).toEqual(expected);
  });
});

describe('longest match first', () => {
  it('prefers the longer term over its prefix', () => {
    expect(spot('Vladimir Putin spoke')).toEqual([['Vladimir Putin', PUTIN]]);
  });
  it('falls back to the shorter term when the longer does not end on a boundary', () => {
    expect(spot('NATO-Russia Councils and NATO')).toEqual([
      ['NATO', NATO],
      ['Russia', RUSSIA],
      ['NATO', NATO],
    ]);
  });
  it('never reports overlapping matches', () => {
    const found = findMentions(matcher, 'Vladimir Putin, Mr. Putin and Putin');
    for (let i = 1; i < found.length; i++) expect(found[i]!.start).toBeGreaterThanOrEqual(found[i - 1]!.end);
  });
});

describe('case rules', () => {
  it.each<[string, [string, number][]]>([
    ['nato', []],
    ['Nato summit', [['Nato', NATO]]],
    ['NaTo', []],
    ['RUSSIA WARNS', [['RUSSIA', RUSSIA]]],
    ['russia', []],
    ['the Cold War ended', [['Cold War', COLD_WAR]]],
    ['after the cold war', [['cold war', COLD_WAR]]],
    ['ATLANTIC ALLIANCE', [['ATLANTIC ALLIANCE', NATO]]],
    ['u.s.', []],
  ])('%j', (text, expected) => {
    expect(spot(text)).toEqual(expected);
  });
});

describe('conditional terms', () => {
  it('counts "Mr. Putin" only after the full name appears on the page', () => {
    expect(spot('Mr. Putin said no.')).toEqual([]);
    expect(spot('Vladimir Putin came. Mr. Putin said no.')).toEqual([
      ['Vladimir Putin', PUTIN],
      ['Mr. Putin', PUTIN],
    ]);
  });
  it('counts the condition anywhere on the page, also before the full name', () => {
    expect(spot('Mr. Putin, that is Vladimir Putin')).toEqual([
      ['Mr. Putin', PUTIN],
      ['Vladimir Putin', PUTIN],
    ]);
  });
  it('marks Article 5 only where NATO is named', () => {
    expect(spot('under Article 5 of the constitution')).toEqual([]);
    expect(spot('NATO invoked Article 5 of its founding treaty')).toEqual([
      ['NATO', NATO],
      ['Article 5', ARTICLE5],
    ]);
  });
  it('does not let a conditional mention satisfy another condition', () => {
    const lone = compileMatcher([t('Putin', PUTIN, 'upper-ok', [PUTIN])]);
    expect(findMentions(lone, 'Putin and Putin')).toEqual([]);
  });
});

describe('offsets', () => {
  it('are UTF-16 offsets into the original text', () => {
    const text = '😀 NATO and 𝔘 Russia';
    for (const m of findMentions(matcher, text)) {
      expect(text.slice(m.start, m.end)).toMatch(/^(NATO|Russia)$/);
    }
  });
  it('handles empty and term-free text', () => {
    expect(spot('')).toEqual([]);
    expect(spot('nothing to see here')).toEqual([]);
  });
});

describe('cues', () => {
  const GEORGIA = 0;
  const GEORGIA_STATE = 1;
  const cueTerms: Term[] = [
    t('Georgia', GEORGIA, 'upper-ok', [cueKey(0), cueKey(1)]),
    t('Georgia', GEORGIA_STATE, 'upper-ok', [cueKey(2), cueKey(3)]),
    { text: 'Tbilisi', entry: cueKey(0), case: 'upper-ok' },
    { text: 'Caucasus', entry: cueKey(1), case: 'upper-ok' },
    { text: 'Atlanta', entry: cueKey(2), case: 'upper-ok' },
    { text: 'governor', entry: cueKey(3), case: 'any' },
  ];
  const cued = compileMatcher(cueTerms);
  const spotCued = (text: string) =>
    findMentions(cued, text).map((m): [string, number] => [text.slice(m.start, m.end), m.entry]);

  it('decides an ambiguous name from words on the page', () => {
    expect(spotCued('Georgia and Russia argue over the Caucasus.')).toEqual([['Georgia', GEORGIA]]);
    expect(spotCued('The Governor of Georgia spoke in Atlanta.')).toEqual([['Georgia', GEORGIA_STATE]]);
  });
  it('marks nothing where the page gives no clue', () => {
    expect(spotCued('Georgia on my mind.')).toEqual([]);
  });
  it('never marks the cue words themselves', () => {
    expect(spotCued('Tbilisi and Atlanta')).toEqual([]);
  });
});
