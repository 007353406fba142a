/**
 * Reading a notes file for import, and deciding what importing it would do. Pure: the background
 * runs `planImport` inside the transaction that writes, so what the preview promised and what is
 * written come from the same decision.
 *
 * Same id and same content: already present. Same id, other content: the newer version wins (by
 * `updatedAt`); when that is the file's, the version here goes into the note's history, so undo
 * brings it back and nothing is lost. Importing a file twice therefore changes nothing the second time.
 */
import * as v from 'valibot';
import { MAX_HISTORY, normalizeTags, type Note, type NoteVersion } from '../storage/note-model';
import { FORMAT_NAME, FORMAT_VERSION, noteForFile } from './json';
import { JsonSyntaxError, lineAndColumn, parseJson, type JsonValue } from './parse-json';
import { FIELD_NAMES, FileNoteSchema, type FileNote } from './schema';
import type { ImportPreview, ImportProblem } from './types';

export const MAX_IMPORT_NOTES = 100_000;
export const MAX_PROBLEMS = 100;

/** A valid note from the file, and where it was. */
export interface ReadNote {
  readonly note: Note;
  readonly index: number;
  readonly offset: number;
}

export interface ReadFile {
  readonly text: string;
  readonly total: number;
  readonly notes: readonly ReadNote[];
  /** Notes that can't be imported. */
  readonly invalid: number;
  readonly problems: readonly ImportProblem[];
  readonly moreProblems: number;
  readonly exportedAt: string | null;
}

/** A file that can't be imported at all, and why, in words for the reader. */
export interface UnreadableFile {
  readonly error: string;
}

const isObject = (value: JsonValue): value is { [key: string]: JsonValue } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function toNote(file: FileNote): Note {
  return {
    id: file.id,
    entryId: file.entryId,
    text: file.text,
    tags: normalizeTags(file.tags),
    createdAt: file.createdAt,
    updatedAt: file.updatedAt,
    pageUrl: file.pageUrl,
    pageTitle: file.pageTitle,
    pageDate: file.pageDate,
    quote: file.quote,
    history: file.history.map((h): NoteVersion =>
      h.tags === undefined
        ? { text: h.text, updatedAt: h.updatedAt }
        : { text: h.text, tags: normalizeTags(h.tags), updatedAt: h.updatedAt },
    ),
  };
}

/** A valibot issue in words: which field, and what is wrong with it. */
function describeIssue(issue: v.BaseIssue<unknown>): { path: string; message: string } {
  const path = v.getDotPath(issue) ?? '';
  const top = path.split('.')[0] ?? '';
  const field = path === '' ? 'the note' : (FIELD_NAMES[path] ?? path);
  if (issue.kind === 'schema' && issue.expected === 'never')
    return { path, message: `unknown field "${path}"` };
  if (issue.kind === 'schema' && issue.received === 'undefined') {
    return { path, message: `missing ${field}` };
  }
  if (path === '' || !(top in FIELD_NAMES) || path !== top) {
    return { path, message: path === '' ? `the note ${issue.message}` : `${field} ${issue.message}` };
  }
  return { path, message: `${field} ${issue.message}` };
}

/**
 * Parses and validates a notes file. Returns `{ error }` when the file as a whole can't be used
 * (not JSON, truncated, not a notes file, a newer format, too many notes); otherwise the valid notes
 * and a problem for each invalid one.
 */
export function readNotesFile(text: string): ReadFile | UnreadableFile {
  if (text.trim() === '') return { error: 'The file is empty.' };
  let parsed: ReturnType<typeof parseJson>;
  try {
    parsed = parseJson(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      const { line, column } = lineAndColumn(text, error.offset);
      return { error: `The file is not valid JSON: line ${line}, column ${column}: ${error.message}.` };
    }
    throw error;
  }
  const root = parsed.value;
  if (!isObject(root) || root.format !== FORMAT_NAME) {
    return { error: 'This is not a Backstory notes file (it has no "format": "backstory-notes").' };
  }
  if (typeof root.version !== 'number' || !Number.isInteger(root.version) || root.version < 1) {
    return { error: 'The file has no valid format version.' };
  }
  if (root.version > FORMAT_VERSION) {
    return {
      error: `The file was made by a newer Backstory (notes format version ${root.version}); update Backstory to import it.`,
    };
  }
  const extra = Object.keys(root).filter((k) => !['format', 'version', 'exportedAt', 'notes'].includes(k));
  if (extra.length > 0)
    return { error: `The file has fields a notes file does not have: ${extra.join(', ')}.` };
  if (!Array.isArray(root.notes)) return { error: 'The file has no list of notes ("notes").' };
  if (root.notes.length > MAX_IMPORT_NOTES) {
    return {
      error: `The file holds ${root.notes.length} notes; Backstory imports at most ${MAX_IMPORT_NOTES} at a time.`,
    };
  }
  const exportedAt = v.safeParse(v.pipe(v.string(), v.isoTimestamp()), root.exportedAt);

  const notes: ReadNote[] = [];
  const problems: ImportProblem[] = [];
  let moreProblems = 0;
  let invalid = 0;
  const firstIndex = new Map<string, number>();

  root.notes.forEach((raw, index) => {
    const offset = parsed.starts.get(raw as object) ?? 0;
    const noteProblems: { path: string; message: string }[] = [];
    const result = v.safeParse(FileNoteSchema, raw);
    if (!isObject(raw)) {
      noteProblems.push({ path: '', message: 'the note should be an object' });
    } else if (!result.success) {
      noteProblems.push(...result.issues.map(describeIssue));
    } else {
      const seen = firstIndex.get(result.output.id);
      if (seen !== undefined) {
        noteProblems.push({
          path: 'id',
          message: `id "${result.output.id}" is already used by note ${seen + 1} of the file`,
        });
      } else {
        firstIndex.set(result.output.id, index);
        notes.push({ note: toNote(result.output), index, offset });
      }
    }
    if (noteProblems.length === 0) return;
    invalid++;
    const noteId = isObject(raw) && typeof raw.id === 'string' ? raw.id.slice(0, 100) : null;
    for (const problem of noteProblems) {
      if (problems.length >= MAX_PROBLEMS) {
        moreProblems++;
        continue;
      }
      const { line, column } = lineAndColumn(text, offset);
      problems.push({ line, column, index, noteId, ...problem });
    }
  });

  return {
    text,
    total: root.notes.length,
    notes,
    invalid,
    problems,
    moreProblems,
    exportedAt: exportedAt.success ? exportedAt.output : null,
  };
}

/** Whether two notes say the same thing; history is left out, since importing merges it. */
export function sameContent(a: Note, b: Note): boolean {
  const withoutHistory = (n: Note) => JSON.stringify({ ...noteForFile(n), history: null });
  return withoutHistory(a) === withoutHistory(b);
}

/** The file's version of a note, with the version here added to its history unless already there. */
function merged(incoming: Note, here: Note): Note {
  const mine: NoteVersion = { text: here.text, tags: here.tags, updatedAt: here.updatedAt };
  const known = incoming.history.some((h) => h.text === mine.text && h.updatedAt === mine.updatedAt);
  const history = known
    ? incoming.history
    : [...incoming.history, mine].sort((a, b) => a.updatedAt - b.updatedAt).slice(-MAX_HISTORY);
  return { ...incoming, history };
}

export interface ImportPlan {
  /** Notes to write (added or replaced). */
  readonly writes: readonly Note[];
  readonly preview: ImportPreview;
}

/**
 * What importing `file` into a store holding `existing` (the stored notes with the file's ids) does.
 * `isKnownEntry` says whether the glossary has an entry; notes of unknown entries are imported all
 * the same and listed.
 */
export function planImport(
  file: ReadFile,
  existing: ReadonlyMap<string, Note>,
  isKnownEntry: (entryId: string) => boolean,
): ImportPlan {
  const writes: Note[] = [];
  let toAdd = 0;
  let toUpdate = 0;
  let alreadyPresent = 0;
  let keptNewer = 0;
  const unknown = new Set<string>();
  for (const { note } of file.notes) {
    if (note.entryId !== null && !isKnownEntry(note.entryId)) unknown.add(note.entryId);
    const here = existing.get(note.id);
    if (!here) {
      writes.push(note);
      toAdd++;
    } else if (sameContent(note, here)) {
      alreadyPresent++;
    } else if (note.updatedAt > here.updatedAt) {
      writes.push(merged(note, here));
      toUpdate++;
    } else {
      keptNewer++;
    }
  }
  return {
    writes,
    preview: {
      total: file.total,
      toAdd,
      toUpdate,
      alreadyPresent,
      keptNewer,
      invalid: file.invalid,
      problems: file.problems,
      moreProblems: file.moreProblems,
      unknownEntries: [...unknown].sort(),
      exportedAt: file.exportedAt,
    },
  };
}

/** The ids a plan needs to look up. */
export const idsOf = (file: ReadFile) => file.notes.map((n) => n.note.id);
