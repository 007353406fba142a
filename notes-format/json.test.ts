import { describe, expect, it } from 'vitest';
import type { Note } from '../storage/note-model';
import { planImport, readNotesFile, type ReadFile } from './import';
import { toJsonFile } from './json';
import { EXPORTED_AT, sampleNotes } from './test-notes';

function read(text: string): ReadFile {
  const file = readNotesFile(text);
  if ('error' in file) throw new Error(file.error);
  return file;
}

describe('JSON export', () => {
  it('writes the versioned envelope and every field in a fixed order, oldest note first', () => {
    const text = toJsonFile(sampleNotes(), EXPORTED_AT);
    const parsed = JSON.parse(text) as { notes: Record<string, unknown>[] } & Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['format', 'version', 'exportedAt', 'notes']);
    expect(parsed).toMatchObject({
      format: 'backstory-notes',
      version: 1,
      exportedAt: '2026-11-27T12:00:00.000Z',
    });
    expect(parsed.notes.map((n) => n.id)).toEqual([
      'a0000000-2222-4c1e-9a53-0d3c2f9e4a33',
      '5b1c0a7e-3f7d-4c1e-9a53-0d3c2f9e4a11',
      '0f6f1c7e-1111-4c1e-9a53-0d3c2f9e4a22',
    ]);
    expect(Object.keys(parsed.notes[1]!)).toEqual([
      'id',
      'entryId',
      'text',
      'tags',
      'createdAt',
      'updatedAt',
      'pageUrl',
      'pageTitle',
      'pageDate',
      'quote',
      'history',
    ]);
    expect(parsed.notes[1]).toMatchObject({
      createdAt: '2026-11-20T09:30:00.125Z',
      quote: { exact: 'two percent', prefix: 'spend at least ', suffix: ' of their' },
      history: [{ text: 'Budget target', tags: ['defence'], updatedAt: '2026-11-20T09:30:00.125Z' }],
    });
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('gives the same bytes whatever order the notes come in', () => {
    const notes = sampleNotes();
    expect(toJsonFile([...notes].reverse(), EXPORTED_AT)).toBe(toJsonFile(notes, EXPORTED_AT));
  });

  it('round-trips byte for byte: export, import into an empty store, export again', () => {
    const first = toJsonFile(sampleNotes(), EXPORTED_AT);
    const plan = planImport(read(first), new Map(), () => true);
    expect(plan.preview).toMatchObject({ total: 3, toAdd: 3, invalid: 0, problems: [] });
    const second = toJsonFile(plan.writes, EXPORTED_AT);
    expect(second).toBe(first);
  });

  it('keeps what the import read equal to the notes that were exported', () => {
    const notes = sampleNotes();
    const imported = read(toJsonFile(notes, EXPORTED_AT)).notes.map((n) => n.note);
    const byId = (list: readonly Note[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(byId(imported)).toEqual(byId(notes));
  });
});
