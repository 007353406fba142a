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

const page = { pageUrl: 'https://news.example/a', pageTitle: 'A story' };

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

  it('lists all notes newest first and searches text, title and URL case-insensitively', async () => {
    const notes = fresh();
    await notes.add({ entryId: 'nato', text: 'Alliance budget', ...page });
    await notes.add({
      entryId: 'russia',
      text: 'Gas deal',
      pageUrl: 'https://x.example/energy',
      pageTitle: 'Energy',
    });
    expect((await notes.list()).map((n) => n.text)).toEqual(['Gas deal', 'Alliance budget']);
    expect((await notes.list('BUDGET')).map((n) => n.text)).toEqual(['Alliance budget']);
    expect((await notes.list('energy')).map((n) => n.text)).toEqual(['Gas deal']);
    expect((await notes.list('a story')).map((n) => n.text)).toEqual(['Alliance budget']);
    expect(await notes.list('nowhere')).toEqual([]);
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
