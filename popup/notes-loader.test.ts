import { describe, expect, test } from 'vitest';
import type { NotesPage } from '../messaging/background-protocol';
import { ok, type Result } from '../messaging/result';
import { NotesLoader, type ListView } from './notes-loader';
import { FakeNotesApi, makeNote } from './test-fakes';
import type { NotesListRequest } from './types';

const many = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    makeNote({
      id: `n${String(i).padStart(4, '0')}`,
      entryId: 'nato',
      text: `note ${i}`,
      createdAt: 100_000 - i,
    }),
  );

function setup(api: FakeNotesApi, pageSize = 10) {
  const views: ListView[] = [];
  const loader = new NotesLoader(api, (v) => views.push(v), { sort: 'newest' }, pageSize);
  return { loader, views, last: () => views.at(-1)! };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const ids = (view: ListView) => view.items.map((n) => n?.id ?? null);

describe('NotesLoader', () => {
  test('asks for the first page only, always with a limit', async () => {
    const api = new FakeNotesApi(many(35), { nato: 'NATO' });
    const { loader, last } = setup(api);
    loader.setQuery({ sort: 'newest' });
    await settle();
    expect(last().status).toBe('ready');
    expect(last().total).toBe(35);
    expect(ids(last()).filter(Boolean)).toHaveLength(10);
    expect(last().names.get('nato')?.name).toBe('NATO');
    for (const call of api.calls) expect((call.args[0] as NotesListRequest).limit).toBe(10);
  });

  test('fetches the pages of the rows asked for, once each', async () => {
    const api = new FakeNotesApi(many(35));
    const { loader, last } = setup(api);
    loader.setQuery({ sort: 'newest' });
    await settle();
    loader.ensure(15, 32);
    loader.ensure(16, 33);
    await settle();
    const offsets = api.calls.map((c) => (c.args[0] as NotesListRequest).offset);
    expect(offsets).toEqual([0, 10, 20, 30]);
    expect(ids(last()).every(Boolean)).toBe(true);
    expect(last().items[34]?.id).toBe('n0034');
  });

  test('while a query is answered, the newest one waits and the ones between are skipped', async () => {
    const api = new FakeNotesApi(many(5));
    api.delayMs = 20;
    const { loader, last } = setup(api);
    loader.setQuery({ sort: 'newest', query: 'n' });
    loader.setQuery({ sort: 'newest', query: 'no' });
    loader.setQuery({ sort: 'newest', query: 'note 3' });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(api.calls.map((c) => (c.args[0] as NotesListRequest).query)).toEqual(['n', 'note 3']);
    expect(last().shown?.query).toBe('note 3');
    expect(ids(last())).toEqual(['n0003']);
  });

  test('pages asked before a note was removed are dropped and asked again', async () => {
    const api = new FakeNotesApi(many(25));
    const { loader, last } = setup(api);
    loader.setQuery({ sort: 'newest' });
    await settle();
    api.delayMs = 10;
    loader.ensure(0, 20);
    api.delayMs = 0;
    await api.deleteNote('n0002');
    api.delayMs = 10;
    const index = loader.remove('n0002');
    expect(index).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(last().total).toBe(24);
    expect(ids(last()).slice(0, 20)).toEqual(
      many(25)
        .map((n) => n.id)
        .filter((id) => id !== 'n0002')
        .slice(0, 20),
    );
  });

  test('a removed note goes back where it was; a replaced one keeps its place', async () => {
    const api = new FakeNotesApi(many(5));
    const { loader, last } = setup(api);
    loader.setQuery({ sort: 'newest' });
    await settle();
    const note = last().items[1]!;
    loader.remove(note.id);
    expect(ids(last())).toEqual(['n0000', 'n0002', 'n0003', 'n0004']);
    loader.insert(1, note);
    expect(ids(last())).toEqual(['n0000', 'n0001', 'n0002', 'n0003', 'n0004']);
    loader.replace({ ...note, text: 'changed' });
    expect(last().items[1]?.text).toBe('changed');
  });

  test('a failed answer is shown, and the results before it stay', async () => {
    const api = new FakeNotesApi(many(3));
    const { loader, last } = setup(api);
    loader.setQuery({ sort: 'newest' });
    await settle();
    api.failNext.listNotes = { code: 'unreachable', message: 'No answer.' };
    loader.setQuery({ sort: 'oldest' });
    await settle();
    expect(last()).toMatchObject({ status: 'failed', error: 'No answer.', total: 3 });
    expect(last().shown?.sort).toBe('newest');
  });

  test('reload keeps the place: the first page and the rows in view', async () => {
    const api = new FakeNotesApi(many(40));
    const { loader, last } = setup(api);
    loader.setQuery({ sort: 'newest' });
    await settle();
    loader.ensure(30, 40);
    await settle();
    api.calls.length = 0;
    loader.reload();
    await settle();
    await settle();
    expect(api.calls.map((c) => (c.args[0] as NotesListRequest).offset)).toEqual([0, 30]);
    expect(last().items[35]).toBeDefined();
  });

  test('a total that changed meanwhile (another tab) is taken from the answer', async () => {
    const notes = many(30);
    const api = new FakeNotesApi(notes);
    const { loader, last } = setup(api);
    loader.setQuery({ sort: 'newest' });
    await settle();
    const real = api.listNotes.bind(api);
    api.listNotes = async (request): Promise<Result<NotesPage>> => {
      const page = await real(request);
      return page.ok ? ok({ ...page.value, total: 28 }) : page;
    };
    loader.ensure(20, 30);
    await settle();
    expect(last().total).toBe(28);
    expect(last().items).toHaveLength(28);
  });
});
