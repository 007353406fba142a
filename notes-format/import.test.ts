import { describe, expect, it } from 'vitest';
import type { Note } from '../storage/note-model';
import { MAX_IMPORT_NOTES, planImport, readNotesFile, type ReadFile } from './import';
import { toJsonFile } from './json';
import { EXPORTED_AT, sampleNotes } from './test-notes';

function read(text: string): ReadFile {
  const file = readNotesFile(text);
  if ('error' in file) throw new Error(file.error);
  return file;
}
const errorOf = (text: string) => {
  const file = readNotesFile(text);
  return 'error' in file ? file.error : null;
};

type RawFile = { notes: Record<string, unknown>[] } & Record<string, unknown>;
const raw = (): RawFile => JSON.parse(toJsonFile(sampleNotes(), EXPORTED_AT)) as RawFile;
const text = (file: unknown) => `${JSON.stringify(file, null, 2)}\n`;
const known = () => true;

/** The 1-based line on which the `index`-th note of a pretty-printed file starts. */
function lineOfNote(file: string, index: number): number {
  const lines = file.split('\n');
  let seen = -1;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === '    {' && ++seen === index) return i + 1;
  }
  throw new Error('no such note');
}

describe('reading a notes file', () => {
  it('counts notes and explains each invalid one with its line', () => {
    const file = raw();
    delete file.notes[1]!.entryId;
    file.notes[2]!.text = 42;
    file.notes[2]!.colour = 'red';
    const content = text(file);
    const read = readNotesFile(content);
    if ('error' in read) throw new Error(read.error);
    expect(read.total).toBe(3);
    expect(read.invalid).toBe(2);
    expect(read.notes.map((n) => n.index)).toEqual([0]);
    expect(read.problems).toEqual([
      {
        line: lineOfNote(content, 1),
        column: 5,
        index: 1,
        noteId: '5b1c0a7e-3f7d-4c1e-9a53-0d3c2f9e4a11',
        path: 'entryId',
        message: 'missing entity (entryId)',
      },
      expect.objectContaining({ index: 2, path: 'text', message: 'text should be text' }),
      expect.objectContaining({ index: 2, path: 'colour', message: 'unknown field "colour"' }),
    ]);
  });

  it.each<[string, (n: Record<string, unknown>) => void, string]>([
    [
      'a note with neither entity nor quote',
      (n) => Object.assign(n, { entryId: null, quote: null }),
      'the note has neither an entity (entryId) nor a quote, so it belongs nowhere',
    ],
    ['an empty text', (n) => (n.text = '   '), 'text is empty'],
    [
      'a bad time',
      (n) => (n.createdAt = 'yesterday'),
      'creation time (createdAt) should be a date and time like 2026-11-27T09:30:00.000Z',
    ],
    [
      'an impossible time',
      (n) => (n.createdAt = '2026-02-30T99:00:00Z'),
      'creation time (createdAt) is not a real date and time',
    ],
    [
      'edited before written',
      (n) => (n.updatedAt = '2000-01-01T00:00:00.000Z'),
      'the note was updated before it was created (updatedAt < createdAt)',
    ],
    [
      'a javascript: address',
      (n) => (n.pageUrl = 'javascript:alert(1)'),
      'page address (pageUrl) should be an http, https or file address, or empty',
    ],
    ['a bad page date', (n) => (n.pageDate = '19 Nov'), 'page date (pageDate) should be YYYY-MM-DD or null'],
    [
      'an id with odd characters',
      (n) => (n.id = '../../etc'),
      'id should be letters, digits and "-", at most 100',
    ],
    ['a quote without exact', (n) => (n.quote = { prefix: '', suffix: '' }), 'missing quote.exact'],
  ])('reports %s', (_name, spoil, message) => {
    const file = raw();
    spoil(file.notes[0]!);
    const read = readNotesFile(text(file));
    if ('error' in read) throw new Error(read.error);
    expect(read.invalid).toBe(1);
    expect(read.problems[0]!.message).toBe(message);
  });

  it('reports notes that are not objects', () => {
    const read = readNotesFile(text({ format: 'backstory-notes', version: 1, notes: [42, 'x', null, []] }));
    if ('error' in read) throw new Error(read.error);
    expect(read.invalid).toBe(4);
    expect(new Set(read.problems.map((p) => p.message))).toEqual(new Set(['the note should be an object']));
  });

  it('refuses a note whose id is used by an earlier note of the file', () => {
    const file = raw();
    file.notes[2]!.id = file.notes[0]!.id;
    const read = readNotesFile(text(file));
    if ('error' in read) throw new Error(read.error);
    expect(read.problems).toEqual([
      expect.objectContaining({
        index: 2,
        message: 'id "a0000000-2222-4c1e-9a53-0d3c2f9e4a33" is already used by note 1 of the file',
      }),
    ]);
  });

  it.each<[string, string, string]>([
    ['an empty file', '  \n', 'The file is empty.'],
    [
      'a truncated file',
      toJsonFile(sampleNotes(), EXPORTED_AT).slice(0, 700),
      'The file is not valid JSON: line',
    ],
    ['another JSON file', '{"hello": "world"}', 'This is not a Backstory notes file'],
    ['a JSON list', '[1, 2]', 'This is not a Backstory notes file'],
    [
      'a newer format',
      '{"format": "backstory-notes", "version": 2, "notes": []}',
      'made by a newer Backstory (notes format version 2)',
    ],
    [
      'a broken version',
      '{"format": "backstory-notes", "version": "1", "notes": []}',
      'no valid format version',
    ],
    ['no notes list', '{"format": "backstory-notes", "version": 1, "notes": {}}', 'no list of notes'],
    [
      'extra fields',
      '{"format": "backstory-notes", "version": 1, "notes": [], "x": 1}',
      'fields a notes file does not have: x',
    ],
    [
      'prototype pollution',
      '{"format": "backstory-notes", "version": 1, "notes": [{"__proto__": {"admin": true}}]}',
      'the key "__proto__" is not allowed',
    ],
    [
      'deep nesting',
      `{"format": "backstory-notes", "version": 1, "notes": [${'['.repeat(5000)}`,
      'nested more than 16 levels deep',
    ],
  ])('refuses %s as a whole, with a clear message', (_name, content, message) => {
    expect(errorOf(content)).toContain(message);
  });

  it('refuses more notes than it imports at a time', () => {
    const many = `{"format":"backstory-notes","version":1,"notes":[${'0,'.repeat(MAX_IMPORT_NOTES)}0]}`;
    expect(errorOf(many)).toBe(
      `The file holds ${MAX_IMPORT_NOTES + 1} notes; Backstory imports at most ${MAX_IMPORT_NOTES} at a time.`,
    );
  });

  it('caps the list of problems and counts the rest', () => {
    const notes = Array.from({ length: 150 }, () => ({}));
    const read = readNotesFile(text({ format: 'backstory-notes', version: 1, notes }));
    if ('error' in read) throw new Error(read.error);
    expect(read.invalid).toBe(150);
    expect(read.problems).toHaveLength(100);
    expect(read.moreProblems).toBeGreaterThan(50);
  });
});

describe('planning an import', () => {
  const file = () => read(toJsonFile(sampleNotes(), EXPORTED_AT));
  const stored = (notes: readonly Note[]) => new Map(notes.map((n) => [n.id, n]));

  it('adds new notes and leaves notes already present alone', () => {
    const [a] = sampleNotes();
    const plan = planImport(file(), stored([a!]), known);
    expect(plan.preview).toMatchObject({ total: 3, toAdd: 2, alreadyPresent: 1, toUpdate: 0, keptNewer: 0 });
    expect(plan.writes.map((n) => n.id)).not.toContain(a!.id);
  });

  it('is idempotent: importing the same file again into the result adds nothing', () => {
    const first = planImport(file(), new Map(), known);
    const again = planImport(file(), stored(first.writes), known);
    expect(again.writes).toEqual([]);
    expect(again.preview).toMatchObject({ toAdd: 0, alreadyPresent: 3 });
  });

  it('takes the newer version of a note, keeping the older one in its history', () => {
    const [a] = sampleNotes();
    const older: Note = { ...a!, text: 'my older text', updatedAt: a!.updatedAt - 1_000, history: [] };
    const plan = planImport(file(), stored([older]), known);
    expect(plan.preview).toMatchObject({ toUpdate: 1, toAdd: 2 });
    const written = plan.writes.find((n) => n.id === a!.id)!;
    expect(written.text).toBe(a!.text);
    expect(written.history.map((h) => h.text)).toEqual(['Budget target', 'my older text']);
    // And importing again changes nothing more.
    const again = planImport(file(), stored(plan.writes), known);
    expect(again.preview).toMatchObject({ toUpdate: 0, toAdd: 0, alreadyPresent: 3 });
  });

  it('keeps a note here that is as new or newer than the file’s', () => {
    const [a] = sampleNotes();
    const newer: Note = { ...a!, text: 'edited since', updatedAt: a!.updatedAt + 1_000 };
    const plan = planImport(file(), stored([newer]), known);
    expect(plan.preview).toMatchObject({ keptNewer: 1, toAdd: 2 });
    expect(plan.writes.map((n) => n.id)).not.toContain(a!.id);
  });

  it('imports notes of entries the glossary does not have, and lists those entries', () => {
    const plan = planImport(file(), new Map(), (id) => id !== 'eu');
    expect(plan.preview.unknownEntries).toEqual(['eu']);
    expect(plan.preview.toAdd).toBe(3);
  });

  it('reads the export time when it is valid', () => {
    expect(planImport(file(), new Map(), known).preview.exportedAt).toBe('2026-11-27T12:00:00.000Z');
  });
});
