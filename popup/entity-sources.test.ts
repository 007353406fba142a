import { describe, expect, test } from 'vitest';
import { groupSources, loadSources } from './entity-sources';
import { FakeNotesApi, makeNote } from './test-fakes';
import type { NotesListRequest } from './types';

describe('groupSources', () => {
  test('one source per page, tracking parameters and fragments aside; most notes first', () => {
    const notes = [
      makeNote({
        entryId: 'nato',
        text: 'a',
        pageUrl: 'https://a.example/x?utm_source=feed',
        pageTitle: 'Old title',
        createdAt: 1,
      }),
      makeNote({
        entryId: 'nato',
        text: 'b',
        pageUrl: 'https://a.example/x#p3',
        pageTitle: 'New title',
        createdAt: 5,
        pageDate: '2026-01-02',
      }),
      makeNote({
        entryId: 'nato',
        text: 'c',
        pageUrl: 'https://www.b.example/y',
        pageTitle: 'B',
        createdAt: 9,
      }),
      makeNote({ entryId: 'nato', text: 'd', pageUrl: '', pageTitle: '', createdAt: 10 }),
    ];
    expect(groupSources(notes)).toEqual([
      {
        url: 'https://a.example/x#p3',
        title: 'New title',
        site: 'a.example',
        pageDate: '2026-01-02',
        count: 2,
        latest: 5,
      },
      { url: 'https://www.b.example/y', title: 'B', site: 'b.example', pageDate: null, count: 1, latest: 9 },
    ]);
  });
});

describe('loadSources', () => {
  const notes = Array.from({ length: 12 }, (_, i) =>
    makeNote({
      entryId: i < 11 ? 'nato' : 'un',
      text: `n${i}`,
      pageUrl: `https://a.example/${i % 3}`,
      createdAt: i + 1,
    }),
  );

  test('reads the entity’s notes a page at a time', async () => {
    const api = new FakeNotesApi(notes);
    const result = await loadSources(api, 'nato', { pageSize: 4 });
    expect(result.ok && result.value.counted).toBe(11);
    expect(result.ok && result.value.sources.map((s) => s.count)).toEqual([4, 4, 3]);
    const requests = api.calls.map((c) => c.args[0] as NotesListRequest);
    expect(requests.map((r) => [r.offset, r.limit, r.entryId])).toEqual([
      [0, 4, 'nato'],
      [4, 4, 'nato'],
      [8, 4, 'nato'],
    ]);
  });

  test('stops at the limit and says how many it looked at', async () => {
    const result = await loadSources(new FakeNotesApi(notes), 'nato', { pageSize: 4, max: 6 });
    expect(result.ok && [result.value.counted, result.value.total]).toEqual([6, 11]);
  });

  test('a failure is passed on', async () => {
    const api = new FakeNotesApi(notes);
    api.failNext.listNotes = { code: 'storage', message: 'Closed.' };
    expect(await loadSources(api, 'nato')).toEqual({
      ok: false,
      error: { code: 'storage', message: 'Closed.' },
    });
  });
});
