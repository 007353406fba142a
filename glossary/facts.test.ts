import { describe, expect, it } from 'vitest';
import { describeFacts, factsAsOf, formatDay, wikipediaUrl } from './facts';
import type { Fact } from './schema';

const members: Fact[] = [
  { label: 'Founded', value: '1949', from: '1949-04-04' },
  { label: 'Members', value: '19', from: '1999-03-12', until: '2004-03-29' },
  { label: 'Members', value: '32', from: '2024-03-07' },
  { label: 'Headquarters', value: 'Brussels' },
];

describe('factsAsOf', () => {
  it('keeps what still holds when no date is given', () => {
    expect(factsAsOf(members).map((f) => f.value)).toEqual(['1949', '32', 'Brussels']);
  });
  it('speaks for a date', () => {
    expect(factsAsOf(members, '2001-10-03').map((f) => f.value)).toEqual(['1949', '19', 'Brussels']);
  });
  it('treats year-only dates as the whole year', () => {
    const f: Fact[] = [{ label: 'Office', value: 'x', from: '2000', until: '2001' }];
    expect(factsAsOf(f, '2001-12-31')).toHaveLength(1);
    expect(factsAsOf(f, '2002-01-01')).toHaveLength(0);
    expect(factsAsOf(f, '1999-12-31')).toHaveLength(0);
  });
});

describe('wikipediaUrl', () => {
  it('builds an English Wikipedia link from a title', () => {
    expect(wikipediaUrl('Washington, D.C.')).toBe('https://en.wikipedia.org/wiki/Washington%2C_D.C.');
  });
});

describe('describeFacts', () => {
  const robertson: Fact[] = [
    { label: 'Born', value: '12 April 1946, Port Ellen, Scotland', from: '1946-04-12' },
    {
      label: 'NATO Secretary General',
      value: '10th Secretary General',
      from: '1999-10-14',
      until: '2003-12-31',
    },
  ];
  it('speaks for the page date, with the term of an office held then', () => {
    expect(describeFacts(robertson, '2026-11-26', '2001-10-03')).toEqual([
      { label: 'Born', value: '12 April 1946, Port Ellen, Scotland', when: undefined },
      { label: 'NATO Secretary General', value: '10th Secretary General', when: 'since 1999, until 2003' },
    ]);
  });
  it('says what a changed fact is today', () => {
    const lines = describeFacts(members, '2026-11-26', '2001-10-03');
    expect(lines.find((l) => l.label === 'Members')).toEqual({
      label: 'Members',
      value: '19',
      when: 'since 1999, until 2004',
      today: '32',
    });
  });
  it('speaks for today without a page date, and keeps past offices out', () => {
    expect(describeFacts(robertson, '2026-11-26').map((l) => l.label)).toEqual(['Born']);
    expect(describeFacts(members, '2026-11-26').find((l) => l.label === 'Members')).toEqual({
      label: 'Members',
      value: '32',
      when: 'since 2024',
    });
  });
});

describe('formatDay', () => {
  it('writes a day in words', () => {
    expect(formatDay('2001-10-03')).toBe('3 October 2001');
    expect(formatDay('1949-04')).toBe('1 April 1949');
    expect(formatDay('2024')).toBe('1 January 2024');
  });

  it("writes every day of a leap year as the engine's English date format does", () => {
    const english = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      expect(formatDay(day)).toBe(english.format(t));
    }
  });
});
