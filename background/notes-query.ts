/**
 * Searching, filtering and sorting notes for the popup and the notes view. Pure: it gets the notes
 * and a way to look up glossary entries, because only the background knows entity names and kinds.
 */
import type { Kind } from '../glossary/schema';
import type { NoteSort, NotesPage, NotesQuery, RelatedEntry } from '../messaging/background-protocol';
import { normalizeTags, siteOf, type Note } from '../storage/note-model';

export type EntryLookup = (entryId: string) => RelatedEntry | undefined;

/** Lower case without accents, so "orban" finds "Orbán". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

const byNewest = (a: Note, b: Note) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1);
const byOldest = (a: Note, b: Note) => -byNewest(a, b);
/** Ties by id, as the `updatedAt` index orders them, so both ways of listing agree. */
const byUpdated = (a: Note, b: Note) => b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : -1);

export function createNotesQuery(lookup: EntryLookup) {
  /** What a note is searched by, folded once per version of the note (a new version is a new object). */
  const haystacks = new WeakMap<Note, string>();
  /** Sorted copies of one snapshot of the table (the store hands out a new array after each change). */
  const sortedCopies = new WeakMap<readonly Note[], Map<NoteSort, Note[]>>();

  const entityName = (note: Note) =>
    note.entryId === null ? '' : (lookup(note.entryId)?.name ?? note.entryId);

  function haystack(note: Note): string {
    let found = haystacks.get(note);
    if (found === undefined) {
      found = fold(
        [
          note.text,
          note.quote?.exact ?? '',
          note.pageTitle,
          entityName(note),
          note.tags.join(' '),
          siteOf(note.pageUrl),
        ].join('\n'),
      );
      haystacks.set(note, found);
    }
    return found;
  }

  function sorted(all: readonly Note[], sort: NoteSort): readonly Note[] {
    let copies = sortedCopies.get(all);
    if (!copies) sortedCopies.set(all, (copies = new Map()));
    let list = copies.get(sort);
    if (!list) {
      if (sort === 'entity') {
        // Selection notes (no entity) come last; within an entity, newest first.
        const names = new Map(all.map((n) => [n, entityName(n)]));
        list = [...all].sort((a, b) => {
          const na = names.get(a)!;
          const nb = names.get(b)!;
          if ((na === '') !== (nb === '')) return na === '' ? 1 : -1;
          return collator.compare(na, nb) || byNewest(a, b);
        });
      } else {
        list = [...all].sort(sort === 'oldest' ? byOldest : sort === 'updated' ? byUpdated : byNewest);
      }
      copies.set(sort, list);
    }
    return list;
  }

  /** `all` is the store's snapshot, in any order. */
  return function query(all: readonly Note[], q: NotesQuery): NotesPage {
    const words = fold(q.query ?? '')
      .split(/\s+/)
      .filter((w) => w !== '');
    const tag = q.tag === undefined ? undefined : (normalizeTags([q.tag])[0] ?? '');
    const kind: Kind | undefined = q.kind;
    const keep = (note: Note): boolean => {
      if (q.entryId !== undefined && note.entryId !== q.entryId) return false;
      if (tag !== undefined && !note.tags.includes(tag)) return false;
      if (q.site !== undefined && siteOf(note.pageUrl) !== q.site) return false;
      if (kind !== undefined && (note.entryId === null || lookup(note.entryId)?.kind !== kind)) return false;
      if (words.length > 0) {
        const text = haystack(note);
        return words.every((w) => text.includes(w));
      }
      return true;
    };
    const matching = sorted(all, q.sort ?? 'newest').filter(keep);
    const offset = q.offset ?? 0;
    const notes = matching.slice(offset, q.limit === undefined ? undefined : offset + q.limit);
    const entities = new Map<string, RelatedEntry>();
    for (const note of notes) {
      const entry = note.entryId === null ? undefined : lookup(note.entryId);
      if (entry) entities.set(entry.id, entry);
    }
    return { notes, total: matching.length, entities: [...entities.values()] };
  };
}
