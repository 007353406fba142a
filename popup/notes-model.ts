/** How the notes view names things: entities, notes, filters. Pure. */
import type { Kind } from '../glossary/schema';
import type { NoteSort, RelatedEntry } from '../messaging/background-protocol';
import type { Note } from '../storage/notes';

/** The glossary entries the view has been told about, by id. */
export type Names = ReadonlyMap<string, RelatedEntry>;

export const OTHER_PASSAGES = 'Other passages';

/** The entity's name, or its id when the glossary no longer has it (a note outlives its entry). */
export function entityName(entryId: string | null, names: Names): string {
  if (entryId === null) return OTHER_PASSAGES;
  return names.get(entryId)?.name ?? entryId;
}

/** A note's accessible name: what it is about. */
export function noteLabel(note: Note, names: Names): string {
  return note.entryId === null ? 'Note on a passage' : `Note on ${entityName(note.entryId, names)}`;
}

export function withEntries(names: Names, entries: readonly RelatedEntry[]): Names {
  if (entries.every((e) => names.get(e.id) === e)) return names;
  const next = new Map(names);
  for (const e of entries) next.set(e.id, e);
  return next;
}

export const SORT_LABELS: Record<NoteSort, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  updated: 'Recently edited',
  entity: 'By name',
};

export const KIND_LABELS: Record<Kind, string> = {
  organisation: 'Organisations',
  person: 'People',
  place: 'Places',
  treaty: 'Treaties',
  event: 'Events',
  concept: 'Concepts',
};

/** The notes view's address for one entity's page. */
export function entityHash(entryId: string): string {
  return `#entity=${encodeURIComponent(entryId)}`;
}

/** The entity a notes-view address is about, or null for the list of all notes. */
export function entityFromHash(hash: string): string | null {
  const match = /^#entity=([^&]+)/.exec(hash);
  if (!match) return null;
  try {
    const id = decodeURIComponent(match[1]!);
    return id === '' ? null : id;
  } catch {
    return null;
  }
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export const formatTime = (ms: number) => dateTime.format(new Date(ms));

export const KIND_SINGULAR: Record<Kind, string> = {
  organisation: 'Organisation',
  person: 'Person',
  place: 'Place',
  treaty: 'Treaty',
  event: 'Event',
  concept: 'Concept',
};
