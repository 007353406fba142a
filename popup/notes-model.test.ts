import { describe, expect, test } from 'vitest';
import { entityName, filterNotes, groupNotes, loadNotes, newestFirst } from './notes-model';
import { FakeNotesApi, makeNote } from './test-fakes';

const names = new Map([
  ['nato', 'NATO'],
  ['un', 'United Nations'],
]);

describe('groupNotes', () => {
  test('groups by entity in order of each group’s newest note, keeping note order', () => {
    const a = makeNote({ entryId: 'nato', text: 'a', createdAt: 30 });
    const b = makeNote({ entryId: 'un', text: 'b', createdAt: 20 });
    const c = makeNote({ entryId: 'nato', text: 'c', createdAt: 10 });
    const groups = groupNotes([a, b, c], names);
    expect(groups.map((g) => g.name)).toEqual(['NATO', 'United Nations']);
    expect(groups[0]!.notes).toEqual([a, c]);
    expect(groups[1]!.notes).toEqual([b]);
  });

  test('falls back to the entry id for unknown entities', () => {
    const groups = groupNotes([makeNote({ entryId: 'gone', text: 'x' })], names);
    expect(groups[0]!.name).toBe('gone');
    expect(entityName('nato', names)).toBe('NATO');
  });
});

test('newestFirst sorts by creation time, then id', () => {
  const a = makeNote({ entryId: 'nato', text: 'a', createdAt: 5, id: 'a' });
  const b = makeNote({ entryId: 'nato', text: 'b', createdAt: 9, id: 'b' });
  const c = makeNote({ entryId: 'nato', text: 'c', createdAt: 5, id: 'c' });
  expect(newestFirst([a, b, c]).map((n) => n.id)).toEqual(['b', 'c', 'a']);
});

describe('filterNotes', () => {
  const a = makeNote({ entryId: 'nato', text: 'alliance' });
  const b = makeNote({ entryId: 'un', text: 'general assembly' });
  test('keeps notes the background matched, and notes whose entity name matches', () => {
    expect(filterNotes([a, b], new Set([b.id]), names, 'assembly')).toEqual([b]);
    expect(filterNotes([a, b], new Set(), names, 'united')).toEqual([b]);
    expect(filterNotes([a, b], new Set(), names, 'NaTo')).toEqual([a]);
  });
  test('an empty or blank query keeps everything', () => {
    expect(filterNotes([a, b], new Set(), names, '  ')).toEqual([a, b]);
  });
});

describe('loadNotes', () => {
  test('returns matching notes and fetches only the names it does not know', async () => {
    const a = makeNote({ entryId: 'nato', text: 'alliance', createdAt: 2 });
    const b = makeNote({ entryId: 'un', text: 'assembly', createdAt: 1 });
    const api = new FakeNotesApi([a, b], { nato: 'NATO', un: 'United Nations' });
    const first = await loadNotes(api, '', new Map());
    expect(first.ok && first.value.notes).toEqual([a, b]);
    expect(api.calls.filter((c) => c.method === 'getEntries')).toHaveLength(1);

    const known = first.ok ? first.value.names : new Map();
    const second = await loadNotes(api, 'united', known);
    expect(second.ok && second.value.notes).toEqual([b]);
    expect(api.calls.filter((c) => c.method === 'getEntries')).toHaveLength(1);
    expect(api.calls.some((c) => c.method === 'listNotes' && c.args[0] === 'united')).toBe(true);
  });

  test('a failed list is a failure; failed names are not', async () => {
    const api = new FakeNotesApi([makeNote({ entryId: 'nato', text: 'x' })]);
    api.failNext.getEntries = { code: 'internal', message: 'no names' };
    const loaded = await loadNotes(api, '', new Map());
    expect(loaded.ok && loaded.value.notes).toHaveLength(1);

    api.failNext.listNotes = { code: 'storage', message: 'disk full' };
    const failed = await loadNotes(api, '', new Map());
    expect(failed).toEqual({ ok: false, error: { code: 'storage', message: 'disk full' } });
  });
});
