import { describe, expect, test } from 'vitest';
import type { Entry } from '../glossary/schema';
import { openDb } from '../storage/db';
import { createNotes } from '../storage/notes';
import { createBackgroundService } from './service';

const entry = (id: string, name: string, aliases: string[] = []): Entry => ({
  id,
  qid: null,
  kind: 'organisation',
  name,
  aliases: aliases.map((text) => ({ text })),
  summary: `About ${name}.`,
  facts: [],
  related: [],
  wikipedia: name,
  checked: '2026-11-26',
});

const service = createBackgroundService({
  entries: [
    entry('un', 'United Nations', ['UN']),
    entry('uk', 'United Kingdom', ['Britain']),
    entry('nato', 'North Atlantic Treaty Organization', ['NATO', 'Atlantic Alliance']),
    entry('viktor-orban', 'Viktor Orbán', ['Orbán']),
  ],
  notes: createNotes(openDb(`search-${crypto.randomUUID()}`)),
  openNotesTab: async () => {},
});
const search = (query: string, limit = 10) =>
  service.searchEntries({ query, limit }, {}).then((found) => found.map((e) => e.id));

describe('searchEntries', () => {
  test('names starting with the query first, then names containing it, then aliases', async () => {
    expect(await search('unit')).toEqual(['uk', 'un']);
    expect(await search('atlantic')).toEqual(['nato']);
    expect(await search('britain')).toEqual(['uk']);
  });

  test('every word must match; accents and case do not matter', async () => {
    expect(await search('orban viktor')).toEqual(['viktor-orban']);
    expect(await search('united britain')).toEqual(['uk']);
    expect(await search('united zzz')).toEqual([]);
  });

  test('an empty query finds nothing; the limit is kept', async () => {
    expect(await search('  ')).toEqual([]);
    expect(await search('n', 1)).toHaveLength(1);
  });
});
