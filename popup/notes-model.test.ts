import { describe, expect, test } from 'vitest';
import { entityFromHash, entityHash, entityName, noteLabel, withEntries } from './notes-model';
import { makeNote } from './test-fakes';

const names = new Map([['nato', { id: 'nato', name: 'NATO', kind: 'organisation' as const }]]);

describe('names', () => {
  test('an entity is named by the glossary, or by its id when the glossary no longer has it', () => {
    expect(entityName('nato', names)).toBe('NATO');
    expect(entityName('gone', names)).toBe('gone');
    expect(entityName(null, names)).toBe('Other passages');
  });

  test('a note is labelled by what it is about', () => {
    expect(noteLabel(makeNote({ entryId: 'nato', text: 'x' }), names)).toBe('Note on NATO');
    expect(noteLabel(makeNote({ entryId: null, text: 'x' }), names)).toBe('Note on a passage');
  });

  test('withEntries keeps the same map when it learns nothing new', () => {
    expect(withEntries(names, [names.get('nato')!])).toBe(names);
    const more = withEntries(names, [{ id: 'un', name: 'United Nations', kind: 'organisation' }]);
    expect([...more.keys()]).toEqual(['nato', 'un']);
  });
});

test('entity addresses go both ways, odd ids included', () => {
  expect(entityHash('nato')).toBe('#entity=nato');
  expect(entityFromHash(entityHash('a b&c'))).toBe('a b&c');
  expect(entityFromHash('#entity=')).toBeNull();
  expect(entityFromHash('#entity=%E0%A4%A')).toBeNull();
  expect(entityFromHash('')).toBeNull();
});
