// The seed article, read from ../shared at test time, through the shipped glossary and matcher.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileIndex } from '../glossary/compile';
import { loadGlossary } from '../glossary/load';
import { compileMatcher } from '../matcher/matcher';
import { findMentions } from '../matcher/resolve';
import { sharedPath } from './shared';

const text = readFileSync(sharedPath('seeds', '000_ce88f3022db2b69b.txt'), 'utf8');
const index = compileIndex(loadGlossary());
const mentions = findMentions(compileMatcher(index.terms), text).map((m) => ({
  text: text.slice(m.start, m.end),
  id: index.ids[m.entry],
}));

describe('the seed article', () => {
  it.each([
    ['NATO', 'nato'],
    ['Atlantic Alliance', 'nato'],
    ['Russia', 'russia'],
    ['Vladimir Putin', 'vladimir-putin'],
    ['Mr. Putin', 'vladimir-putin'],
    ['President Putin', 'vladimir-putin'],
    ['George Robertson', 'george-robertson'],
    ['Mr. Robertson', 'george-robertson'],
    ['European Union', 'european-union'],
    ['Brussels', 'brussels'],
    ['Moscow', 'moscow'],
    ['New York', 'new-york-city'],
    ['Washington', 'washington-dc'],
    ['Paris', 'paris'],
    ['Berlin', 'berlin'],
    ['Article 5', 'north-atlantic-treaty-article-5'],
    ['United States', 'united-states'],
    ['enlargement of NATO', 'nato-enlargement'],
  ])('marks "%s" as %s', (surface, id) => {
    expect(mentions).toContainEqual({ text: surface, id });
  });

  it('marks "Robertson\'s" without the possessive', () => {
    expect(text).toContain("Mr. Robertson's proposal");
    expect(mentions.filter((m) => m.text === 'Mr. Robertson')).toHaveLength(3);
  });
});

describe('names that are also other things', () => {
  const spot = (text: string) =>
    findMentions(compileMatcher(index.terms), text).map((m) => [
      text.slice(m.start, m.end),
      index.ids[m.entry],
    ]);
  it('marks Georgia the country only with words of the Caucasus on the page', () => {
    expect(spot('Georgia and Russia fought over South Ossetia; Tbilisi blamed Moscow.')).toContainEqual([
      'Georgia',
      'georgia-country',
    ]);
    expect(spot('Georgia on my mind.')).toEqual([]);
  });
  it('marks Article 5 only where NATO is named, Mr. Robertson only after his full name', () => {
    expect(spot('Article 5 of the constitution protects speech.')).toEqual([]);
    expect(spot('Mr. Robertson said so.')).toEqual([]);
    expect(spot('George Robertson spoke. Mr. Robertson said so.').map(([t]) => t)).toEqual([
      'George Robertson',
      'Mr. Robertson',
    ]);
  });
  it('reads "Moscow still has differences with NATO" as both names', () => {
    expect(spot('Moscow still has differences with NATO')).toEqual([
      ['Moscow', 'moscow'],
      ['NATO', 'nato'],
    ]);
  });
});
