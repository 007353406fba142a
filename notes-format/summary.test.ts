import { describe, expect, it } from 'vitest';
import { describeImport } from './summary';
import type { ImportPreview } from './types';

const preview = (fields: Partial<ImportPreview>): ImportPreview => ({
  total: 0,
  toAdd: 0,
  toUpdate: 0,
  alreadyPresent: 0,
  keptNewer: 0,
  invalid: 0,
  problems: [],
  moreProblems: 0,
  unknownEntries: [],
  exportedAt: null,
  ...fields,
});

describe('describeImport', () => {
  it('says what an import will do, naming the first problem', () => {
    const p = preview({
      total: 212,
      toAdd: 208,
      alreadyPresent: 3,
      invalid: 1,
      problems: [
        { line: 40, column: 5, index: 7, noteId: 'x', path: 'entryId', message: 'missing entity (entryId)' },
      ],
    });
    expect(describeImport(p)).toBe(
      '212 notes: 208 new, 3 already present, 1 invalid (line 40: missing entity (entryId))',
    );
  });

  it('says what it did', () => {
    expect(describeImport(preview({ total: 3, toAdd: 1, toUpdate: 1, keptNewer: 1 }), true)).toBe(
      '3 notes: 1 added, 1 updated, 1 kept as here (newer)',
    );
    expect(describeImport(preview({ total: 1, alreadyPresent: 1 }), true)).toBe('1 note: 1 already present');
    expect(describeImport(preview({}))).toBe('0 notes');
  });
});
