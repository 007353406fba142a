import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type BackstoryDb } from './db';
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
});
