/**
 * The notes table: what a reader wrote, about which entry, and where. Every change that reads before
 * it writes runs in one transaction, so a failure leaves the table as it was.
 *
 * The store keeps the whole table in memory once a list is asked for (`all`), updated by its own
 * writes after they commit: searching 10,000 notes as the reader types then costs no IndexedDB reads.
 * Only the background opens the database, so no other writer can make that copy stale. Requests a
 * page makes (a card, a page's notes) use indexes and never load the whole table.
 */
import type { BackstoryDb, NoteRecord } from './db';
import { ensureOpen } from './db';
import {
  MAX_HISTORY,
  normalizeTags,
  pageKey,
  siteOf,
  type Note,
  type NoteVersion,
  type TextQuoteSelector,
} from './note-model';

export type { Note, NoteVersion, TextQuoteSelector } from './note-model';

export interface NewNote {
  readonly entryId: string | null;
  readonly text: string;
  readonly pageUrl: string;
  readonly pageTitle: string;
  readonly pageDate?: string | null;
  readonly quote?: TextQuoteSelector | null;
  readonly tags?: readonly string[];
}

export interface TagCount {
  readonly tag: string;
  readonly count: number;
}
export interface SiteCount {
  readonly site: string;
  readonly count: number;
}

/** What `undo` found. */
export type UndoOutcome = { readonly note: Note } | { readonly missing: 'note' | 'history' };

/** Newest first; ties by id so that the order is total and a restored note lands where it was. */
export const newestFirst = (a: Note, b: Note) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1);

/** The stored record: the note plus the keys it is indexed under. */
export function toRecord(note: Note): NoteRecord {
  return { ...note, pageKey: pageKey(note.pageUrl), site: siteOf(note.pageUrl) };
}

/** The note without its index keys, with fields later versions added filled in. */
export function fromRecord(record: NoteRecord): Note {
  return {
    id: record.id,
    entryId: record.entryId ?? null,
    text: record.text,
    tags: record.tags ?? [],
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    pageUrl: record.pageUrl,
    pageTitle: record.pageTitle,
    pageDate: record.pageDate ?? null,
    quote: record.quote ?? null,
    history: record.history ?? [],
  };
}

const sameTags = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((t, i) => t === b[i]);

function countBy<K>(keys: Iterable<K>): Map<K, number> {
  const counts = new Map<K, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

const mostFirst =
  <T extends { count: number }>(name: (t: T) => string) =>
  (a: T, b: T) =>
    b.count - a.count || name(a).localeCompare(name(b));

export function createNotes(db: BackstoryDb, now: () => number = Date.now) {
  /** The whole table, once loaded; `null` until a list is asked for. */
  let cache: Map<string, Note> | null = null;
  let sorted: Note[] | null = null;

  /** Writes that commit while the table is being read, replayed on what was read (it may miss them). */
  let journal: { notes: readonly Note[]; removed: readonly string[] }[] | null = null;
  let loading: Promise<void> | null = null;

  function apply(target: Map<string, Note>, notes: readonly Note[], removed: readonly string[]) {
    for (const id of removed) target.delete(id);
    for (const note of notes) target.set(note.id, note);
  }

  function remember(notes: readonly Note[], removed: readonly string[] = []) {
    if (cache) {
      apply(cache, notes, removed);
      sorted = null;
    } else {
      journal?.push({ notes, removed });
    }
  }

  async function run<T>(work: () => Promise<T>): Promise<T> {
    await ensureOpen(db);
    return work();
  }

  /** A later time than `previous`, even when the clock went back. */
  const after = (previous: number) => Math.max(now(), previous + 1);

  const store = {
    async add(input: NewNote): Promise<Note> {
      const time = now();
      const note: Note = {
        id: crypto.randomUUID(),
        entryId: input.entryId,
        text: input.text,
        tags: normalizeTags(input.tags ?? []),
        createdAt: time,
        updatedAt: time,
        pageUrl: input.pageUrl,
        pageTitle: input.pageTitle,
        pageDate: input.pageDate ?? null,
        quote: input.quote ?? null,
        history: [],
      };
      await run(() => db.notes.add(toRecord(note)));
      remember([note]);
      return note;
    },

    async get(id: string): Promise<Note | null> {
      const record = await run(() => db.notes.get(id));
      return record ? fromRecord(record) : null;
    },

    /** The notes with these ids that exist, by id. */
    async getMany(ids: readonly string[]): Promise<Map<string, Note>> {
      const records = await run(() => db.notes.bulkGet([...ids]));
      const found = new Map<string, Note>();
      for (const record of records) if (record) found.set(record.id, fromRecord(record));
      return found;
    },

    /** The notes of one entry, newest first. */
    async forEntry(entryId: string): Promise<Note[]> {
      const records = await run(() => db.notes.where('entryId').equals(entryId).toArray());
      return records.map(fromRecord).sort(newestFirst);
    },

    /** The notes written on a page (compared by `pageKey`), newest first. */
    async forPage(url: string): Promise<Note[]> {
      const key = pageKey(url);
      if (key === '') return [];
      const records = await run(() => db.notes.where('pageKey').equals(key).toArray());
      return records.map(fromRecord).sort(newestFirst);
    },

    /** Every note, newest first. The array is shared: don't change it. */
    async all(): Promise<readonly Note[]> {
      if (!cache) {
        loading ??= (async () => {
          journal = [];
          try {
            const records = await run(() => db.notes.toArray());
            const loaded = new Map(records.map((r) => [r.id, fromRecord(r)]));
            for (const change of journal) apply(loaded, change.notes, change.removed);
            cache = loaded;
            sorted = null;
          } finally {
            journal = null;
            loading = null;
          }
        })();
        await loading;
      }
      if (!cache) throw new Error('the notes could not be loaded');
      sorted ??= [...cache.values()].sort(newestFirst);
      return sorted;
    },

    /** Whether `all` has the table in memory already. */
    loaded(): boolean {
      return cache !== null;
    },

    /**
     * One page of notes in time order, read through an index without loading the table: what the
     * notes view shows first, before the reader filters anything.
     */
    async timePage(
      order: 'newest' | 'oldest' | 'updated',
      offset: number,
      limit: number | undefined,
    ): Promise<{ notes: Note[]; total: number }> {
      return run(() =>
        db.transaction('r', db.notes, async () => {
          const index = order === 'updated' ? 'updatedAt' : 'createdAt';
          let collection = db.notes.orderBy(index);
          if (order !== 'oldest') collection = collection.reverse();
          collection = collection.offset(offset);
          if (limit !== undefined) collection = collection.limit(limit);
          const [records, total] = await Promise.all([collection.toArray(), db.notes.count()]);
          return { notes: records.map(fromRecord), total };
        }),
      );
    },

    async count(): Promise<number> {
      return cache ? cache.size : run(() => db.notes.count());
    },

    /**
     * New text and, when given, tags. The version it replaces goes to the history, unless nothing
     * changed. Returns null when there is no note with that id.
     */
    async update(id: string, text: string, tags?: readonly string[]): Promise<Note | null> {
      const note = await run(() =>
        db.transaction('rw', db.notes, async () => {
          const record = await db.notes.get(id);
          if (!record) return null;
          const old = fromRecord(record);
          const newTags = tags === undefined ? old.tags : normalizeTags(tags);
          if (text === old.text && sameTags(newTags, old.tags)) return old;
          const version: NoteVersion = { text: old.text, tags: old.tags, updatedAt: old.updatedAt };
          const updated: Note = {
            ...old,
            text,
            tags: newTags,
            updatedAt: after(old.updatedAt),
            history: [...old.history, version].slice(-MAX_HISTORY),
          };
          await db.notes.put(toRecord(updated));
          return updated;
        }),
      );
      if (note) remember([note]);
      return note;
    },

    /** Puts back the version before the last edit; that edit is dropped (undo again goes further back). */
    async undo(id: string): Promise<UndoOutcome> {
      const outcome = await run(() =>
        db.transaction('rw', db.notes, async (): Promise<UndoOutcome> => {
          const record = await db.notes.get(id);
          if (!record) return { missing: 'note' };
          const old = fromRecord(record);
          const previous = old.history.at(-1);
          if (!previous) return { missing: 'history' };
          const restored: Note = {
            ...old,
            text: previous.text,
            tags: previous.tags ?? old.tags,
            updatedAt: after(old.updatedAt),
            history: old.history.slice(0, -1),
          };
          await db.notes.put(toRecord(restored));
          return { note: restored };
        }),
      );
      if ('note' in outcome) remember([outcome.note]);
      return outcome;
    },

    /** Returns the deleted note, so that it can be restored, or null when there was none. */
    async remove(id: string): Promise<Note | null> {
      const note = await run(() =>
        db.transaction('rw', db.notes, async () => {
          const record = await db.notes.get(id);
          if (!record) return null;
          await db.notes.delete(id);
          return fromRecord(record);
        }),
      );
      if (note) remember([], [note.id]);
      return note;
    },

    /** Puts a deleted note back exactly as it was (undo of a delete). */
    async restore(note: Note): Promise<Note> {
      const clean = fromRecord(toRecord(note));
      await run(() => db.notes.put(toRecord(clean)));
      remember([clean]);
      return clean;
    },

    /** Tags in use, most used first (read from the `tags` index, not from the notes). */
    async tagCounts(): Promise<TagCount[]> {
      const keys = await run(() => db.notes.orderBy('tags').keys());
      return [...countBy(keys.map(String))]
        .map(([tag, count]) => ({ tag, count }))
        .sort(mostFirst((t) => t.tag));
    },

    /** Sites notes were written on, most notes first ('' for notes written in the notes view). */
    async siteCounts(): Promise<SiteCount[]> {
      const keys = await run(() => db.notes.orderBy('site').keys());
      return [...countBy(keys.map(String))]
        .map(([site, count]) => ({ site, count }))
        .sort(mostFirst((s) => s.site));
    },

    /**
     * Reads the notes with these ids and writes what `decide` returns, in one transaction: if any
     * write fails, none is kept. `decide` must not wait on anything but its own work.
     */
    async writeBatch<R>(
      ids: readonly string[],
      decide: (existing: ReadonlyMap<string, Note>) => {
        readonly writes: readonly Note[];
        readonly result: R;
      },
    ): Promise<R> {
      const { writes, result } = await run(() =>
        db.transaction('rw', db.notes, async () => {
          const found = await db.notes.bulkGet([...ids]);
          const existing = new Map<string, Note>();
          for (const record of found) if (record) existing.set(record.id, fromRecord(record));
          const decision = decide(existing);
          if (decision.writes.length > 0) await db.notes.bulkPut(decision.writes.map(toRecord));
          return decision;
        }),
      );
      remember(writes);
      return result;
    },
  };
  return store;
}

export type NotesStore = ReturnType<typeof createNotes>;
