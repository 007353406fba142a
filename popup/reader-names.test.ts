import { describe, expect, test, vi } from 'vitest';
import { fail, ok } from '../messaging/result';
import type { ReaderGlossary } from '../storage/reader-entries';
import { createReaderNames, withReaderCounts, withReaderEntities, withReaderEntries } from './reader-names';
import { makeNote } from './test-fakes';

const glossary: ReaderGlossary = {
  entries: [
    {
      id: 'reader-the-quad',
      name: 'The Quad',
      aliases: [],
      kind: 'organisation',
      summary: '',
      qid: null,
      createdAt: 1,
      updatedAt: 1,
    },
  ],
  changes: [],
};

describe('reader names', () => {
  test('are read once per time-to-live', async () => {
    const read = vi.fn(async () => glossary);
    let clock = 0;
    const names = createReaderNames(read, 1_000, () => clock);
    await names();
    await names();
    expect(read).toHaveBeenCalledTimes(1);
    clock = 2_000;
    expect((await names()).get('reader-the-quad')?.name).toBe('The Quad');
    expect(read).toHaveBeenCalledTimes(2);
  });

  test('a page of notes learns the names of the reader’s entries; others are left alone', async () => {
    const names = createReaderNames(async () => glossary);
    const page = ok({
      notes: [makeNote({ entryId: 'reader-the-quad', text: 'x' }), makeNote({ entryId: 'nato', text: 'y' })],
      total: 2,
      entities: [{ id: 'nato', name: 'NATO', kind: 'organisation' as const }],
    });
    const filled = await withReaderEntities(page, names);
    expect(filled.ok && filled.value.entities.map((e) => e.name)).toEqual(['NATO', 'The Quad']);
    const failed = fail('storage', 'x');
    expect(await withReaderEntities(failed, names)).toBe(failed);
  });

  test('entity counts and lookups too', async () => {
    const names = createReaderNames(async () => glossary);
    const counts = await withReaderCounts(
      ok([
        { entryId: 'reader-the-quad', name: 'reader-the-quad', kind: null, count: 2 },
        { entryId: 'reader-gone', name: 'reader-gone', kind: null, count: 1 },
      ]),
      names,
    );
    expect(counts.ok && counts.value.map((c) => [c.name, c.kind])).toEqual([
      ['The Quad', 'organisation'],
      ['reader-gone', null],
    ]);
    const found = await withReaderEntries(['nato', 'reader-the-quad'], ok([]), names);
    expect(found.ok && found.value.map((e) => e.id)).toEqual(['reader-the-quad']);
  });

  test('a storage failure leaves the ids as they are', async () => {
    const names = createReaderNames(async () => {
      throw new Error('no');
    });
    expect((await names()).size).toBe(0);
  });
});
