/**
 * The JSON notes file, version 1 (documented in README.md): what `exportNotes` writes and the only
 * format `previewImport`/`applyImport` read. Keys are always written in the same order and notes
 * oldest first, so exporting the same notes twice gives the same bytes.
 */
import type { Note, NoteVersion } from '../storage/note-model';

export const FORMAT_NAME = 'backstory-notes';
export const FORMAT_VERSION = 1;

/** A time as the file writes it: ISO 8601 in UTC with milliseconds. */
export const isoTime = (ms: number) => new Date(ms).toISOString();

/** Oldest first, ties by id: a file grows at its end as the reader writes. */
export const fileOrder = (a: Note, b: Note) =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function versionForFile(version: NoteVersion) {
  return version.tags === undefined
    ? { text: version.text, updatedAt: isoTime(version.updatedAt) }
    : { text: version.text, tags: [...version.tags], updatedAt: isoTime(version.updatedAt) };
}

/** One note as the file writes it; the key order here is the file's key order. */
export function noteForFile(note: Note) {
  return {
    id: note.id,
    entryId: note.entryId,
    text: note.text,
    tags: [...note.tags],
    createdAt: isoTime(note.createdAt),
    updatedAt: isoTime(note.updatedAt),
    pageUrl: note.pageUrl,
    pageTitle: note.pageTitle,
    pageDate: note.pageDate,
    quote: note.quote && { exact: note.quote.exact, prefix: note.quote.prefix, suffix: note.quote.suffix },
    history: note.history.map(versionForFile),
  };
}

export function toJsonFile(notes: readonly Note[], exportedAt: number): string {
  const file = {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    exportedAt: isoTime(exportedAt),
    notes: [...notes].sort(fileOrder).map(noteForFile),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
