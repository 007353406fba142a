/**
 * Every schema upgrade, tested from a database made by each earlier version: the database is made
 * with only the earlier versions declared (as that Backstory did), filled the way it filled it,
 * closed, and opened by the current code.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DB_VERSION, openDb, type BackstoryDb } from './db';
import { createNotes } from './notes';

const names: string[] = [];
const open: BackstoryDb[] = [];

function dbNamed(name: string, upTo?: number): BackstoryDb {
  const db = openDb(name, upTo);
  open.push(db);
  return db;
}

afterEach(async () => {
  for (const db of open.splice(0)) db.close();
  for (const name of names.splice(0)) await indexedDB.deleteDatabase(name);
});

function freshName() {
  const name = `upgrade-${crypto.randomUUID()}`;
  names.push(name);
  return name;
}

/** Notes exactly as version 1 stored them. */
const v1Notes = [
  {
    id: 'a1',
    entryId: 'nato',
    text: 'Summit in Vilnius',
    createdAt: 1_000,
    updatedAt: 2_000,
    pageUrl: 'https://www.news.example/world/nato?utm_source=feed#comments',
    pageTitle: 'NATO summit',
  },
  {
    id: 'a2',
    entryId: 'russia',
    text: 'Gas',
    createdAt: 3_000,
    updatedAt: 3_000,
    pageUrl: 'https://energy.example/gas',
    pageTitle: 'Gas',
  },
];

async function makeV1(name: string) {
  const v1 = dbNamed(name, 1);
  await v1.table('notes').bulkAdd(v1Notes);
  expect(v1.verno).toBe(1);
  v1.close();
}

describe('schema upgrades', () => {
  it('has as many versions as this test knows about', () => {
    // A new version needs its own "from version N" test below.
    expect(DB_VERSION).toBe(2);
  });

  it('upgrades a version 1 database: every note kept, new fields filled, new indexes usable', async () => {
    const name = freshName();
    await makeV1(name);

    const db = dbNamed(name);
    const notes = createNotes(db);
    const all = await notes.all();
    expect(db.verno).toBe(2);
    expect(all.map((n) => n.id)).toEqual(['a2', 'a1']);
    expect(all.find((n) => n.id === 'a1')).toEqual({
      ...v1Notes[0],
      tags: [],
      pageDate: null,
      quote: null,
      history: [],
    });
    // The indexes version 2 added find the upgraded notes.
    expect((await notes.forPage('https://www.news.example/world/nato')).map((n) => n.id)).toEqual(['a1']);
    expect(await db.notes.where('site').equals('news.example').primaryKeys()).toEqual(['a1']);
    expect(await notes.siteCounts()).toEqual([
      { site: 'energy.example', count: 1 },
      { site: 'news.example', count: 1 },
    ]);
    expect(await notes.tagCounts()).toEqual([]);
    // And the upgraded notes behave like new ones.
    const edited = await notes.update('a1', 'Summit in Vilnius, 2023', ['Summits']);
    expect(edited).toMatchObject({ tags: ['summits'], history: [{ text: 'Summit in Vilnius', tags: [] }] });
    expect(await db.notes.where('tags').equals('summits').primaryKeys()).toEqual(['a1']);
  });

  it('opens a version 2 database made by this version again without changes', async () => {
    const name = freshName();
    const first = createNotes(dbNamed(name));
    const note = await first.add({
      entryId: null,
      text: 'A passage',
      pageUrl: 'https://news.example/a',
      pageTitle: 'A',
      quote: { exact: 'words', prefix: 'some ', suffix: ' here' },
      tags: ['x'],
      pageDate: '2026-11-20',
    });
    open[0]!.close();
    const again = createNotes(dbNamed(name));
    expect(await again.all()).toEqual([note]);
  });
});
