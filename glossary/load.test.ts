import { describe, expect, it } from 'vitest';
import { checkEntries, GlossaryError, loadGlossary, parseGlossaryFile } from './load';
import type { Entry } from './schema';

const entry = (over: Partial<Entry>): Entry => ({
  id: 'nato',
  qid: 'Q7184',
  kind: 'organisation',
  name: 'NATO',
  aliases: [],
  summary: 'A military alliance.',
  facts: [],
  related: [],
  wikipedia: 'NATO',
  checked: '2026-11-26',
  ...over,
});

describe('glossary files', () => {
  it('names the file and field of a schema error', () => {
    const bad = JSON.stringify({ format: 1, entries: [{ ...entry({}), kind: 'planet' }] });
    expect(() => parseGlossaryFile('orgs.json', bad)).toThrow(/orgs\.json: entries\.0\.kind/);
  });
  it('rejects an unknown format version and broken JSON', () => {
    expect(() => parseGlossaryFile('a.json', JSON.stringify({ format: 2, entries: [] }))).toThrow(
      GlossaryError,
    );
    expect(() => parseGlossaryFile('a.json', '{"format": 1,')).toThrow(/not valid JSON/);
  });
  it('rejects malformed QIDs and dates', () => {
    expect(() =>
      parseGlossaryFile('a.json', JSON.stringify({ format: 1, entries: [entry({ qid: '7184' })] })),
    ).toThrow(/qid/);
    expect(() =>
      parseGlossaryFile(
        'a.json',
        JSON.stringify({
          format: 1,
          entries: [entry({ facts: [{ label: 'x', value: 'y', from: '1 May' }] })],
        }),
      ),
    ).toThrow(/from/);
  });
});

describe('cross-entry checks', () => {
  it('accepts a sound glossary', () => {
    expect(
      checkEntries([entry({}), entry({ id: 'eu', qid: 'Q458', name: 'European Union', related: ['nato'] })]),
    ).toEqual([]);
  });
  it('finds duplicate ids and QIDs, dangling related ids and conditions', () => {
    const problems = checkEntries([
      entry({}),
      entry({ name: 'Other' }),
      entry({
        id: 'eu',
        name: 'EU',
        related: ['atlantis'],
        aliases: [{ text: 'Union', requires: ['nowhere'] }],
      }),
    ]);
    expect(problems).toEqual(
      expect.arrayContaining([
        'duplicate id "nato"',
        expect.stringContaining('share QID Q7184'),
        '"eu" is related to unknown id "atlantis"',
        '"eu" alias "Union" requires unknown id "nowhere"',
      ]),
    );
  });
  it('refuses an alias claimed by two entries unless a rule tells them apart', () => {
    const city = entry({
      id: 'washington-dc',
      qid: 'Q61',
      name: 'Washington, D.C.',
      aliases: [{ text: 'Washington' }],
    });
    const state = entry({
      id: 'washington-state',
      qid: 'Q1223',
      name: 'Washington State',
      aliases: [{ text: 'washington' }],
    });
    expect(checkEntries([city, state]).join()).toMatch(
      /"washington" is claimed by washington-dc, washington-state/,
    );
    const ruled = entry({
      ...state,
      aliases: [{ text: 'Washington', requires: ['washington-dc'] }],
    });
    expect(checkEntries([city, ruled])).toEqual([]);
  });
});

describe('the shipped glossary', () => {
  it('loads and passes every check', () => {
    const entries = loadGlossary();
    expect(entries.length).toBeGreaterThanOrEqual(60);
    for (const e of entries) {
      const sentences = e.summary.split(/(?<=[.!?])\s+(?=[A-Z0-9"“])/).length;
      expect(sentences, `${e.id} summary`).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('conditional names', () => {
  it('lets an alias with conditions stand in for a name that is also another thing', () => {
    const country = entry({
      id: 'georgia-country',
      qid: 'Q230',
      name: 'Georgia',
      aliases: [{ text: 'Georgia', cues: ['Tbilisi'] }],
    });
    const state = entry({
      id: 'georgia-state',
      qid: 'Q1428',
      name: 'Georgia',
      aliases: [{ text: 'Georgia', cues: ['Atlanta'] }],
    });
    expect(checkEntries([country, state])).toEqual([]);
  });
});
