import { describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  checkReaderEntryInput,
  correctedSummary,
  describeReaderImport,
  exportReaderEntries,
  hiddenBundledIds,
  importReaderEntries,
  makeReaderId,
  parseReaderGlossary,
  readReaderEntries,
  readReaderEntriesFile,
  ReaderEntryError,
  removeReaderEntry,
  saveReaderEntry,
  setBundledChange,
  watchReaderEntries,
  type ReaderEntryInput,
} from './reader-entries';

/** A storage area in memory, shaped like browser.storage.local. */
function memoryArea() {
  const data: Record<string, unknown> = {};
  let writes = 0;
  return {
    data,
    writes: () => writes,
    get: async (key: string) => ({ [key]: structuredClone(data[key]) }),
    set: async (items: Record<string, unknown>) => {
      writes++;
      Object.assign(data, structuredClone(items));
    },
  };
}

const quad: ReaderEntryInput = {
  name: ' The Quad ',
  aliases: ['Quad', '', 'quad', 'Quadrilateral Security Dialogue'],
  kind: 'organisation',
  summary: 'A security dialogue between four countries.',
  qid: 'q2984479',
};

let clock = 1_700_000_000_000;
const tick = () => (clock += 1_000);

describe('checking what the reader typed', () => {
  test('trims, drops empty and repeated other names, upper-cases the QID', () => {
    const checked = checkReaderEntryInput(quad);
    expect(checked).toEqual({
      ok: true,
      value: {
        name: 'The Quad',
        aliases: ['Quad', 'Quadrilateral Security Dialogue'],
        kind: 'organisation',
        summary: quad.summary,
        qid: 'Q2984479',
      },
    });
  });

  test('names each field at fault', () => {
    const checked = checkReaderEntryInput({ ...quad, name: '  ', qid: 'X12' });
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.problems.map((p) => p.field)).toContain('name');
    const qid = checkReaderEntryInput({ ...quad, qid: 'X12' });
    expect(!qid.ok && qid.problems).toEqual([
      { field: 'qid', message: 'The Wikidata QID is a Q followed by digits, such as Q7184.' },
    ]);
    const long = checkReaderEntryInput({ ...quad, summary: 'x'.repeat(601) });
    expect(!long.ok && long.problems[0]?.field).toBe('summary');
  });

  test('an empty QID is none', () => {
    const checked = checkReaderEntryInput({ ...quad, qid: '  ' });
    expect(checked.ok && checked.value.qid).toBeNull();
  });
});

test('ids are readable, prefixed and unique', () => {
  expect(makeReaderId('Orbán’s party', new Set())).toBe('reader-orban-s-party');
  expect(makeReaderId('The Quad', new Set(['reader-the-quad']))).toBe('reader-the-quad-2');
  expect(makeReaderId('!!!', new Set())).toBe('reader-entry');
});

describe('storing', () => {
  test('adds, edits and removes entries', async () => {
    const area = memoryArea();
    const { entry } = await saveReaderEntry(quad, null, area, tick);
    expect(entry.id).toBe('reader-the-quad');
    expect(entry.createdAt).toBe(entry.updatedAt);
    const edited = await saveReaderEntry({ ...quad, summary: 'Four countries.' }, entry.id, area, tick);
    expect(edited.entry).toMatchObject({
      id: entry.id,
      summary: 'Four countries.',
      createdAt: entry.createdAt,
    });
    expect(edited.entry.updatedAt).toBeGreaterThan(entry.updatedAt);
    expect((await readReaderEntries(area)).entries).toHaveLength(1);
    await saveReaderEntry({ ...quad, name: 'The Quad' }, null, area, tick);
    expect((await readReaderEntries(area)).entries.map((e) => e.id)).toEqual([
      'reader-the-quad',
      'reader-the-quad-2',
    ]);
    await removeReaderEntry('reader-the-quad', area);
    expect((await readReaderEntries(area)).entries.map((e) => e.id)).toEqual(['reader-the-quad-2']);
  });

  test('refuses invalid input and edits of entries that are gone, writing nothing', async () => {
    const area = memoryArea();
    await expect(saveReaderEntry({ ...quad, name: '' }, null, area)).rejects.toBeInstanceOf(ReaderEntryError);
    await expect(saveReaderEntry(quad, 'reader-gone', area)).rejects.toThrow('no longer exists');
    expect(area.writes()).toBe(0);
  });

  test('hides and corrects bundled entries; a change back to nothing is dropped', async () => {
    const area = memoryArea();
    await setBundledChange('nato', { hidden: true }, area, tick);
    await setBundledChange('un', { summary: '  A corrected summary. ' }, area, tick);
    let glossary = await readReaderEntries(area);
    expect(hiddenBundledIds(glossary)).toEqual(new Set(['nato']));
    expect(correctedSummary(glossary, 'un')).toBe('A corrected summary.');
    await setBundledChange('un', { hidden: true }, area, tick);
    glossary = await readReaderEntries(area);
    expect(glossary.changes.find((c) => c.entryId === 'un')).toMatchObject({
      hidden: true,
      summary: 'A corrected summary.',
    });
    await setBundledChange('nato', { hidden: false }, area, tick);
    await setBundledChange('un', { hidden: false, summary: null }, area, tick);
    expect((await readReaderEntries(area)).changes).toEqual([]);
    await expect(setBundledChange('reader-x', { hidden: true }, area)).rejects.toBeInstanceOf(
      ReaderEntryError,
    );
  });

  test('broken stored items are left out one by one', () => {
    const good = {
      id: 'reader-a',
      name: 'A',
      aliases: [],
      kind: 'person',
      summary: '',
      qid: null,
      createdAt: 1,
      updatedAt: 1,
    };
    const parsed = parseReaderGlossary({
      entries: [good, { ...good, id: 'nato' }, { ...good, kind: 'planet' }, good, 'x'],
      changes: [
        { entryId: 'nato', hidden: true, summary: null, updatedAt: 2 },
        { entryId: 'reader-a', hidden: true, summary: null, updatedAt: 2 },
      ],
    });
    expect(parsed.entries).toEqual([good]);
    expect(parsed.changes.map((c) => c.entryId)).toEqual(['nato']);
    expect(parseReaderGlossary('nonsense')).toEqual({ entries: [], changes: [] });
  });

  test('watchReaderEntries reports changes to storage.local until aborted', async () => {
    fakeBrowser.reset();
    const seen: number[] = [];
    const controller = new AbortController();
    watchReaderEntries((g) => seen.push(g.entries.length), controller.signal);
    await saveReaderEntry(quad, null, undefined, tick);
    await saveReaderEntry({ ...quad, name: 'Other' }, null, undefined, tick);
    controller.abort();
    await saveReaderEntry({ ...quad, name: 'Third' }, null, undefined, tick);
    expect(seen).toEqual([1, 2]);
  });
});

describe('the file', () => {
  test('export, then import into an empty browser, gives the same file', async () => {
    const area = memoryArea();
    await saveReaderEntry(quad, null, area, tick);
    await saveReaderEntry({ ...quad, name: 'Alpha', aliases: [], qid: null }, null, area, tick);
    await setBundledChange('nato', { summary: 'Mine.' }, area, tick);
    const file = exportReaderEntries(await readReaderEntries(area), Date.UTC(2026, 10, 27));
    expect(file.filename).toBe('backstory-my-entries-2026-11-27.json');
    const json = JSON.parse(file.text) as { entries: { id: string }[] };
    expect(json.entries.map((e) => e.id)).toEqual(['reader-alpha', 'reader-the-quad']);

    const fresh = memoryArea();
    const plan = await importReaderEntries(file.text, fresh);
    expect(describeReaderImport(plan, true)).toBe('3 items: 3 added');
    const again = exportReaderEntries(await readReaderEntries(fresh), Date.UTC(2026, 10, 27));
    expect(again.text).toBe(file.text);
    const twice = await importReaderEntries(file.text, fresh);
    expect(describeReaderImport(twice)).toBe('3 items: 3 already here');
  });

  test('the newer version of an entry wins', async () => {
    const area = memoryArea();
    const { entry } = await saveReaderEntry(quad, null, area, () => 1_000);
    const file = exportReaderEntries(await readReaderEntries(area), 5_000);
    await saveReaderEntry({ ...quad, summary: 'Edited here, later.' }, entry.id, area, () => 9_000);
    const plan = await importReaderEntries(file.text, area, false);
    expect(plan).toMatchObject({ keptNewer: 1, updated: 0 });

    const older = memoryArea();
    await saveReaderEntry({ ...quad, summary: 'Old.' }, null, older, () => 500);
    const plan2 = await importReaderEntries(file.text, older);
    expect(plan2).toMatchObject({ updated: 1 });
    expect((await readReaderEntries(older)).entries[0]?.summary).toBe(quad.summary);
  });

  test('a preview writes nothing; invalid items are named with their line', async () => {
    const area = memoryArea();
    const text = JSON.stringify(
      {
        format: 'backstory-reader-glossary',
        version: 1,
        exportedAt: '2026-11-27T12:00:00.000Z',
        entries: [
          {
            id: 'reader-a',
            name: 'A',
            aliases: [],
            kind: 'person',
            summary: '',
            qid: null,
            createdAt: '2026-01-01T00:00:00.000Z',
            updatedAt: '2026-01-01T00:00:00.000Z',
          },
          {
            id: 'reader-b',
            name: '',
            aliases: [],
            kind: 'person',
            summary: '',
            qid: null,
            createdAt: '2026-01-01T00:00:00.000Z',
            updatedAt: '2026-01-01T00:00:00.000Z',
          },
        ],
        changes: [],
      },
      null,
      2,
    );
    const plan = await importReaderEntries(text, area, false);
    expect(area.writes()).toBe(0);
    expect(plan.added).toBe(1);
    expect(plan.invalid).toBe(1);
    expect(plan.problems[0]).toEqual({ line: 16, message: 'entry 2: name is empty' });
  });

  test('refuses files that are not exports of the reader’s entries', () => {
    expect(readReaderEntriesFile('{"format":"backstory-notes","version":1}')).toMatchObject({ ok: false });
    expect(
      readReaderEntriesFile(
        '{"format": "backstory-reader-glossary", "version": 9, "entries": [], "changes": []}',
      ),
    ).toEqual({
      ok: false,
      error: 'This file was written by a newer Backstory; update Backstory to import it.',
    });
    const cut = readReaderEntriesFile('{"format": "backstory-reader-glossary", "entr');
    expect(!cut.ok && cut.error).toMatch(/^This is not a JSON file: .*line 1/);
    expect(readReaderEntriesFile('{"__proto__": {}}')).toMatchObject({ ok: false });
  });
});
