/** The notes table: what a reader wrote about an entry, and where. */
import type { BackstoryDb } from './db';

export interface Note {
  /** A random UUID; stable across export and import. */
  readonly id: string;
  readonly entryId: string;
  readonly text: string;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  readonly updatedAt: number;
  /** The page the note was written on, as the browser reported it. */
  readonly pageUrl: string;
  readonly pageTitle: string;
}

export interface NewNote {
  readonly entryId: string;
  readonly text: string;
  readonly pageUrl: string;
  readonly pageTitle: string;
}

const newestFirst = (a: Note, b: Note) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1);

export function createNotes(db: BackstoryDb, now: () => number = Date.now) {
  return {
    async add(input: NewNote): Promise<Note> {
      const time = now();
      const note: Note = { ...input, id: crypto.randomUUID(), createdAt: time, updatedAt: time };
      await db.notes.add(note);
      return note;
    },

    async forEntry(entryId: string): Promise<Note[]> {
      const notes = await db.notes.where('entryId').equals(entryId).toArray();
      return notes.sort(newestFirst);
    },

    /** All notes, newest first; `query` keeps those whose text, page title or URL contains it. */
    async list(query?: string): Promise<Note[]> {
      const needle = query?.trim().toLocaleLowerCase();
      const notes = await db.notes.orderBy('createdAt').reverse().toArray();
      if (!needle) return notes;
      return notes.filter((n) =>
        [n.text, n.pageTitle, n.pageUrl].some((field) => field.toLocaleLowerCase().includes(needle)),
      );
    },

    /** Returns the updated note, or null when there is no note with that id. */
    async update(id: string, text: string): Promise<Note | null> {
      return db.transaction('rw', db.notes, async () => {
        const old = await db.notes.get(id);
        if (!old) return null;
        const note: Note = { ...old, text, updatedAt: Math.max(now(), old.updatedAt) };
        await db.notes.put(note);
        return note;
      });
    },

    /** Returns the deleted note, so that it can be restored, or null when there was none. */
    async remove(id: string): Promise<Note | null> {
      return db.transaction('rw', db.notes, async () => {
        const old = await db.notes.get(id);
        if (!old) return null;
        await db.notes.delete(id);
        return old;
      });
    },

    /** Puts a deleted note back exactly as it was (undo). */
    async restore(note: Note): Promise<Note> {
      await db.notes.put(note);
      return note;
    },
  };
}

export type NotesStore = ReturnType<typeof createNotes>;
