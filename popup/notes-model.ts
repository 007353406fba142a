/** The notes list as the reader sees it: searched, sorted and grouped by entity. */
import { ok, type Result } from '../messaging/result';
import type { Note } from '../storage/notes';
import type { NotesApi } from './types';

export type Names = ReadonlyMap<string, string>;

export interface NoteGroup {
  /** `null`: notes on passages that are not glossary names. */
  readonly entryId: string | null;
  readonly name: string;
  /** Newest first. */
  readonly notes: readonly Note[];
}

/** The entity's name, or its id when the glossary no longer has it (a note outlives its entry). */
export function entityName(entryId: string | null, names: Names): string {
  if (entryId === null) return 'Other passages';
  return names.get(entryId) ?? entryId;
}

/** The same order the store uses, so a restored note lands where it was. */
export function newestFirst(notes: readonly Note[]): Note[] {
  return [...notes].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
}

/** Groups in order of their newest note; `notes` must already be newest first. */
export function groupNotes(notes: readonly Note[], names: Names): NoteGroup[] {
  const groups = new Map<string | null, Note[]>();
  for (const note of notes) {
    const group = groups.get(note.entryId);
    if (group) group.push(note);
    else groups.set(note.entryId, [note]);
  }
  return [...groups].map(([entryId, list]) => ({ entryId, name: entityName(entryId, names), notes: list }));
}

/**
 * The background matches text, page title and URL (`matched`); the entity name is only known here,
 * so a note also counts when its entity's name contains the query.
 */
export function filterNotes(
  all: readonly Note[],
  matched: ReadonlySet<string>,
  names: Names,
  query: string,
): Note[] {
  const needle = query.trim().toLocaleLowerCase();
  if (!needle) return [...all];
  return all.filter(
    (n) => matched.has(n.id) || entityName(n.entryId, names).toLocaleLowerCase().includes(needle),
  );
}

export interface LoadedNotes {
  readonly notes: Note[];
  /** `known` plus the names of any entities first seen in this load. */
  readonly names: Names;
}

/**
 * Fetches what the list shows for `query`. Missing names are not a failure: the notes still show,
 * headed by the entry id.
 */
export async function loadNotes(api: NotesApi, query: string, known: Names): Promise<Result<LoadedNotes>> {
  const needle = query.trim();
  const [all, matched] = await Promise.all([
    api.listNotes(),
    needle ? api.listNotes(needle) : Promise.resolve(null),
  ]);
  if (!all.ok) return all;
  if (matched && !matched.ok) return matched;

  const names = new Map(known);
  const missing = [...new Set(all.value.map((n) => n.entryId))].filter(
    (id): id is string => id !== null && !names.has(id),
  );
  if (missing.length > 0) {
    const entries = await api.getEntries(missing);
    if (entries.ok) for (const e of entries.value) names.set(e.id, e.name);
  }
  const matchedIds = new Set((matched?.value ?? []).map((n) => n.id));
  return ok({ notes: filterNotes(all.value, matchedIds, names, needle), names });
}
