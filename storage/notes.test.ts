import { afterEach, describe, expect, it, vi } from 'vitest';
import { DatabaseBlockedError, ensureOpen, openDb, type BackstoryDb } from './db';
import { createNotes } from './notes';

let db: BackstoryDb;
let clock = 1_000;
const tick = () => (clock += 1_000);

function fresh() {
  db = openDb(`test-${crypto.randomUUID()}`);
  return createNotes(db, tick);
}

afterEach(async () => {
  await db.delete();
});

const page = { pageUrl: 'https://news.example/a', pageTitle: 'A story' } as const;

describe('notes', () => {
  it('adds a note and finds it by entry, newest first', async () => {
    const notes = fresh();
    const first = await notes.add({ entryId: 'nato', text: 'first', ...page });
    const second = await notes.add({ entryId: 'nato', text: 'second', ...page });
    await notes.add({ entryId: 'russia', text: 'other', ...page });
    expect(first.id).not.toBe(second.id);
    expect((await notes.forEntry('nato')).map((n) => n.text)).toEqual(['second', 'first']);
  });

  it('survives reopening the database', async () => {
    const notes = fresh();
    await notes.add({ entryId: 'nato', text: 'kept', ...page });
    const name = db.name;
    db.close();
    db = openDb(name);
    expect((await createNotes(db).forEntry('nato')).map((n) => n.text)).toEqual(['kept']);
  });

  it('lists all notes newest first, and keeps the list current after writes', async () => {
    const notes = fresh();
    const a = await notes.add({ entryId: 'nato', text: 'Alliance budget', ...page });
    expect((await notes.all()).map((n) => n.text)).toEqual(['Alliance budget']);
    const b = await notes.add({
      entryId: null,
      text: 'Gas deal',
      ...page,
      quote: { exact: 'gas', prefix: '', suffix: '' },
    });
    expect((await notes.all()).map((n) => n.id)).toEqual([b.id, a.id]);
    await notes.update(a.id, 'Alliance budget, revised');
    await notes.remove(b.id);
    expect((await notes.all()).map((n) => n.text)).toEqual(['Alliance budget, revised']);
  });

  it('updates text and time, keeps the rest', async () => {
    const notes = fresh();
    const note = await notes.add({ entryId: 'nato', text: 'draft', ...page });
    const updated = await notes.update(note.id, 'final');
    expect(updated).toMatchObject({ id: note.id, text: 'final', createdAt: note.createdAt });
    expect(updated!.updatedAt).toBeGreaterThan(note.updatedAt);
    expect(await notes.update('missing', 'x')).toBeNull();
  });

  it('removes a note and restores it exactly (undo)', async () => {
    const notes = fresh();
    const note = await notes.add({ entryId: 'nato', text: 'undo me', ...page });
    const removed = await notes.remove(note.id);
    expect(removed).toEqual(note);
    expect(await notes.forEntry('nato')).toEqual([]);
    expect(await notes.remove(note.id)).toBeNull();
    await notes.restore(removed!);
    expect(await notes.forEntry('nato')).toEqual([note]);
  });

  it.each([0, 1, 2, 3, 5, 8, 13])(
    'does not lose writes that commit while the table is being loaded (%i ticks in)',
    async (ticks) => {
      const notes = fresh();
      const gone = await notes.add({ entryId: 'nato', text: 'to delete', ...page });
      const edited = await notes.add({ entryId: 'nato', text: 'to edit', ...page });
      const loading = notes.all();
      for (let i = 0; i < ticks; i++) await Promise.resolve();
      const [added] = await Promise.all([
        notes.add({ entryId: 'nato', text: 'during the load', ...page }),
        notes.remove(gone.id),
        notes.update(edited.id, 'edited during the load'),
      ]);
      await loading;
      expect((await notes.all()).map((n) => n.text).sort()).toEqual([
        'during the load',
        'edited during the load',
      ]);
      expect(added.text).toBe('during the load');
    },
  );

  it('keeps each edit in the history and undoes edits one by one', async () => {
    const notes = fresh();
    const note = await notes.add({ entryId: 'nato', text: 'one', tags: ['a'], ...page });
    await notes.update(note.id, 'two');
    const third = await notes.update(note.id, 'three', ['#B', 'b ', 'A']);
    expect(third).toMatchObject({ text: 'three', tags: ['b', 'a'] });
    expect(third!.history.map((h) => [h.text, h.tags])).toEqual([
      ['one', ['a']],
      ['two', ['a']],
    ]);
    // Saving what is already there is not an edit.
    expect((await notes.update(note.id, 'three', ['b', 'a']))!.history).toHaveLength(2);

    const back = await notes.undo(note.id);
    expect('note' in back && back.note).toMatchObject({
      text: 'two',
      tags: ['a'],
      history: [{ text: 'one' }],
    });
    const first = await notes.undo(note.id);
    expect('note' in first && first.note).toMatchObject({ text: 'one', history: [] });
    expect(await notes.undo(note.id)).toEqual({ missing: 'history' });
    expect(await notes.undo('nope')).toEqual({ missing: 'note' });
    expect((await notes.get(note.id))!.text).toBe('one');
  });

  it('finds the notes of a page whatever its fragment or tracking parameters', async () => {
    const notes = fresh();
    const a = await notes.add({ entryId: 'nato', text: 'x', ...page, pageUrl: 'https://news.example/a#top' });
    await notes.add({ entryId: 'nato', text: 'y', ...page, pageUrl: 'https://news.example/b' });
    expect((await notes.forPage('https://news.example/a?utm_source=mail#c')).map((n) => n.id)).toEqual([
      a.id,
    ]);
    expect(await notes.forPage('')).toEqual([]);
  });

  it('counts tags and sites from the indexes', async () => {
    const notes = fresh();
    await notes.add({ entryId: 'nato', text: 'x', tags: ['energy', 'gas'], ...page });
    await notes.add({
      entryId: 'nato',
      text: 'y',
      tags: ['Energy'],
      pageUrl: 'https://www.other.example/',
      pageTitle: '',
    });
    await notes.add({ entryId: 'nato', text: 'z', pageUrl: '', pageTitle: '' });
    expect(await notes.tagCounts()).toEqual([
      { tag: 'energy', count: 2 },
      { tag: 'gas', count: 1 },
    ]);
    expect(await notes.siteCounts()).toEqual([
      { site: '', count: 1 },
      { site: 'news.example', count: 1 },
      { site: 'other.example', count: 1 },
    ]);
  });

  it('writes a batch all or nothing', async () => {
    const notes = fresh();
    const kept = await notes.add({ entryId: 'nato', text: 'kept', ...page });
    const make = (id: string) => ({ ...kept, id, text: `new ${id}` });
    await expect(
      notes.writeBatch(['n1', 'n2'], () => ({
        // The second record has no key: IndexedDB refuses it and the whole transaction is undone.
        writes: [make('n1'), { ...make('n2'), id: undefined as unknown as string }],
        result: null,
      })),
    ).rejects.toThrow();
    expect((await notes.all()).map((n) => n.id)).toEqual([kept.id]);
    expect(await db.notes.count()).toBe(1);

    await expect(
      notes.writeBatch(['n1'], () => {
        throw new Error('decided not to');
      }),
    ).rejects.toThrow('decided not to');
    expect(await db.notes.count()).toBe(1);

    const result = await notes.writeBatch([kept.id, 'n1'], (existing) => ({
      writes: [make('n1')],
      result: [...existing.keys()],
    }));
    expect(result).toEqual([kept.id]);
    expect((await notes.all()).map((n) => n.id).sort()).toEqual([kept.id, 'n1'].sort());
  });

  it('says so instead of waiting forever when an older open copy blocks the upgrade', async () => {
    const name = `blocked-${crypto.randomUUID()}`;
    // A raw connection at version 1 that, unlike Dexie, does not close when asked to.
    const raw = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 10);
      request.onupgradeneeded = () => request.result.createObjectStore('notes', { keyPath: 'id' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    // Dexie warns on the console about the blocked upgrade; that is expected here.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    db = openDb(name);
    // Dexie multiplies versions by 10 internally; version 2 is 20 on disk.
    await expect(ensureOpen(db, 100)).rejects.toBeInstanceOf(DatabaseBlockedError);
    raw.close();
    await ensureOpen(db);
    expect(db.isOpen()).toBe(true);
    warn.mockRestore();
  });
});
