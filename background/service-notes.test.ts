/** The notes requests of the background (version 2 of the note model), end to end over fake-indexeddb. */
import type { Runtime } from 'webextension-polyfill';
import { afterEach, describe, expect, it } from 'vitest';
import type { Entry, Kind } from '../glossary/schema';
import { backgroundRequests, type BackgroundResults, type Note } from '../messaging/background-protocol';
import { createDispatcher } from '../messaging/channel';
import type { Result } from '../messaging/result';
import { openDb, type BackstoryDb } from '../storage/db';
import { createNotes } from '../storage/notes';
import { createSenderPolicy } from './senders';
import { createBackgroundService } from './service';

const OWN_ID = 'backstory-id';
const ORIGIN = 'chrome-extension://backstory-id/';
const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);

const entry = (id: string, name: string, kind: Kind): Entry => ({
  id,
  qid: null,
  kind,
  name,
  aliases: [],
  summary: `About ${name}.`,
  facts: [],
  related: [],
  wikipedia: name,
  checked: '2026-11-26',
});
const entries = [
  entry('nato', 'NATO', 'organisation'),
  entry('orban', 'Viktor Orbán', 'person'),
  entry('kyiv', 'Kyiv', 'place'),
];

const dbs: BackstoryDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

type Ask = <K extends keyof BackgroundResults>(
  type: K,
  params: unknown,
  sender?: Runtime.MessageSender,
) => Promise<Result<BackgroundResults[K]>>;

function setup(db: BackstoryDb = openDb(`svc2-${crypto.randomUUID()}`)): { ask: Ask; db: BackstoryDb } {
  dbs.push(db);
  let clock = NOW - 1_000_000;
  const dispatch = createDispatcher({
    schemas: backgroundRequests,
    handlers: createBackgroundService({
      entries,
      notes: createNotes(db, () => (clock += 1_000)),
      openNotesTab: async () => {},
      now: () => NOW,
      storageFigures: async () => ({ persisted: true, usage: 1_000, quota: 10_000 }),
    }),
    allow: createSenderPolicy(OWN_ID, ORIGIN),
  });
  const ask: Ask = async (type, params, sender = popup) =>
    (await dispatch({ channel: 'backstory', type, params }, sender)) as Result<never>;
  return { ask, db };
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

const tab = { id: 3, index: 0, highlighted: false, active: true, pinned: false, incognito: false };
const pageAt = (url: string): Runtime.MessageSender => ({ id: OWN_ID, url, tab });
const story = pageAt('https://www.news.example/story#section-2');
const popup: Runtime.MessageSender = { id: OWN_ID, url: `${ORIGIN}popup.html` };
const quote = { exact: 'the alliance', prefix: 'said ', suffix: ' would' };

async function seed(ask: Ask) {
  const add = async (params: object, sender: Runtime.MessageSender) =>
    value(await ask('addNote', params, sender));
  return {
    budget: await add(
      {
        entryId: 'nato',
        text: 'Budget of two percent',
        pageTitle: 'Summit',
        tags: ['Money'],
        quote,
        pageDate: '2026-11-19',
      },
      story,
    ),
    veto: await add(
      { entryId: 'orban', text: 'Veto threat', pageTitle: 'Budapest talks', tags: ['eu', 'money'] },
      pageAt('https://other.example/hu'),
    ),
    passage: await add(
      {
        entryId: null,
        text: 'Remember this',
        pageTitle: 'Summit',
        quote: { exact: 'a long peace', prefix: '', suffix: '' },
      },
      story,
    ),
    city: await add({ entryId: 'kyiv', text: 'Capital, spelled Kyiv', pageTitle: '' }, popup),
  };
}

describe('notes from a page', () => {
  it('stores quote, page date and tags, with the page URL from the sender', async () => {
    const { ask } = setup();
    const { budget, city } = await seed(ask);
    expect(budget).toMatchObject({
      entryId: 'nato',
      pageUrl: 'https://www.news.example/story#section-2',
      pageDate: '2026-11-19',
      quote,
      tags: ['money'],
      history: [],
    });
    // Written in an extension page: on no page.
    expect(city).toMatchObject({ pageUrl: '', pageTitle: '' });
  });

  it('needs a quote for a note on a selection that is not a glossary name', async () => {
    const { ask } = setup();
    expect(await ask('addNote', { entryId: null, text: 'x', pageTitle: '' }, story)).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: expect.stringContaining('needs the quoted text') },
    });
  });

  it("gives a page its own notes, found by the sender's URL whatever its fragment", async () => {
    const { ask } = setup();
    const { budget, passage } = await seed(ask);
    const here = value(await ask('notesForPage', {}, pageAt('https://www.news.example/story')));
    expect(here.map((n) => n.id)).toEqual([passage.id, budget.id]);
    expect(await ask('notesForPage', { url: 'https://other.example/hu' }, story)).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });
  });

  it("shows the asking page's notes of an entity first on its card", async () => {
    const { ask } = setup();
    const first = value(await ask('addNote', { entryId: 'nato', text: 'here', pageTitle: '' }, story));
    const later = value(
      await ask(
        'addNote',
        { entryId: 'nato', text: 'elsewhere', pageTitle: '' },
        pageAt('https://x.example/'),
      ),
    );
    const card = value(await ask('getCard', { entryId: 'nato' }, story));
    expect(card.notes.map((n) => n.id)).toEqual([first.id, later.id]);
    const elsewhere = value(await ask('getCard', { entryId: 'nato' }, pageAt('https://y.example/')));
    expect(elsewhere.notes.map((n) => n.id)).toEqual([later.id, first.id]);
  });

  it.each([
    'listNotes',
    'undoEdit',
    'listTags',
    'listSites',
    'listNoteEntities',
    'exportNotes',
    'previewImport',
    'applyImport',
    'storageStatus',
  ])('refuses %s to a content script', async (type) => {
    const { ask } = setup();
    expect(await ask(type as 'listTags', {}, story)).toMatchObject({ ok: false, error: { code: 'refused' } });
  });
});

describe('listing notes', () => {
  const ids = (page: Result<BackgroundResults['listNotes']>) => value(page).notes.map((n) => n.text);

  it('searches note text, entity names, page titles and tags, every word, without case or accents', async () => {
    const { ask } = setup();
    await seed(ask);
    expect(ids(await ask('listNotes', { query: 'orban' }))).toEqual(['Veto threat']);
    expect(ids(await ask('listNotes', { query: 'SUMMIT' }))).toEqual([
      'Remember this',
      'Budget of two percent',
    ]);
    expect(ids(await ask('listNotes', { query: 'summit budget' }))).toEqual(['Budget of two percent']);
    expect(ids(await ask('listNotes', { query: 'long peace' }))).toEqual(['Remember this']);
    expect(ids(await ask('listNotes', { query: 'nowhere' }))).toEqual([]);
  });

  it('filters by entity, passage notes, tag, site and kind', async () => {
    const { ask } = setup();
    await seed(ask);
    expect(ids(await ask('listNotes', { entryId: 'nato' }))).toEqual(['Budget of two percent']);
    expect(ids(await ask('listNotes', { entryId: null }))).toEqual(['Remember this']);
    expect(ids(await ask('listNotes', { tag: '#Money' }))).toEqual(['Veto threat', 'Budget of two percent']);
    expect(ids(await ask('listNotes', { site: 'news.example' }))).toEqual([
      'Remember this',
      'Budget of two percent',
    ]);
    expect(ids(await ask('listNotes', { site: '' }))).toEqual(['Capital, spelled Kyiv']);
    expect(ids(await ask('listNotes', { kind: 'person' }))).toEqual(['Veto threat']);
    expect(ids(await ask('listNotes', { kind: 'place', query: 'capital' }))).toEqual([
      'Capital, spelled Kyiv',
    ]);
  });

  it('sorts four ways and pages, with the total and the entities of the page', async () => {
    const { ask } = setup();
    const { budget } = await seed(ask);
    await ask('updateNote', { id: budget.id, text: 'Budget of two percent, revised' });
    expect(ids(await ask('listNotes', { sort: 'oldest' }))).toEqual([
      'Budget of two percent, revised',
      'Veto threat',
      'Remember this',
      'Capital, spelled Kyiv',
    ]);
    expect(ids(await ask('listNotes', { sort: 'updated' }))[0]).toBe('Budget of two percent, revised');
    // Entities by name (Kyiv, NATO, Viktor Orbán), passages last.
    expect(ids(await ask('listNotes', { sort: 'entity' }))).toEqual([
      'Capital, spelled Kyiv',
      'Budget of two percent, revised',
      'Veto threat',
      'Remember this',
    ]);
    const page = value(await ask('listNotes', { sort: 'oldest', limit: 2, offset: 1 }));
    expect(page.notes.map((n) => n.text)).toEqual(['Veto threat', 'Remember this']);
    expect(page.total).toBe(4);
    expect(page.entities).toEqual([{ id: 'orban', name: 'Viktor Orbán', kind: 'person' }]);
  });

  it.each(['newest', 'oldest', 'updated'] as const)(
    'lists %s first the same way before and after the notes are in memory',
    async (sort) => {
      const db = openDb(`svc2-${crypto.randomUUID()}`);
      const first = setup(db);
      const { veto, budget } = await seed(first.ask);
      await first.ask('updateNote', { id: budget.id, text: 'edited' });
      await first.ask('updateNote', { id: veto.id, text: 'edited too' });
      // A new background (as after the service worker slept): nothing loaded yet.
      const { ask } = setup(db);
      const cold = value(await ask('listNotes', { sort, limit: 3, offset: 1 }));
      await ask('listNotes', { tag: 'load-everything' });
      const warm = value(await ask('listNotes', { sort, query: ' ', limit: 3, offset: 1 }));
      expect(cold).toEqual(warm);
      expect(cold.total).toBe(4);
    },
  );

  it('lists tags, sites and entities with counts', async () => {
    const { ask } = setup();
    await seed(ask);
    expect(value(await ask('listTags', {}))).toEqual([
      { tag: 'money', count: 2 },
      { tag: 'eu', count: 1 },
    ]);
    expect(value(await ask('listSites', {}))).toEqual([
      { site: 'news.example', count: 2 },
      { site: '', count: 1 },
      { site: 'other.example', count: 1 },
    ]);
    expect(value(await ask('listNoteEntities', {}))).toEqual([
      { entryId: null, name: '', kind: null, count: 1 },
      { entryId: 'kyiv', name: 'Kyiv', kind: 'place', count: 1 },
      { entryId: 'nato', name: 'NATO', kind: 'organisation', count: 1 },
      { entryId: 'orban', name: 'Viktor Orbán', kind: 'person', count: 1 },
    ]);
  });
});

describe('editing', () => {
  it('updates text and tags and undoes the edit', async () => {
    const { ask } = setup();
    const { veto } = await seed(ask);
    const edited = value(await ask('updateNote', { id: veto.id, text: 'Veto lifted', tags: ['eu'] }));
    expect(edited).toMatchObject({
      text: 'Veto lifted',
      tags: ['eu'],
      history: [{ text: 'Veto threat', tags: ['eu', 'money'] }],
    });
    const undone = value(await ask('undoEdit', { id: veto.id }));
    expect(undone).toMatchObject({ text: 'Veto threat', tags: ['eu', 'money'], history: [] });
    expect(await ask('undoEdit', { id: veto.id })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'This note has no earlier version to go back to.' },
    });
    expect(await ask('undoEdit', { id: 'gone' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('restores a deleted note exactly, but not one that carries a script address', async () => {
    const { ask } = setup();
    const { budget } = await seed(ask);
    const deleted = value(await ask('deleteNote', { id: budget.id }));
    expect(value(await ask('restoreNote', { note: deleted }))).toEqual(budget);
    expect(await ask('restoreNote', { note: { ...deleted, pageUrl: 'javascript:alert(1)' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });
  });
});

describe('export and import', () => {
  it('round-trips JSON byte for byte through a fresh database', async () => {
    const source = setup();
    const { veto } = await seed(source.ask);
    await source.ask('updateNote', { id: veto.id, text: 'Veto lifted' });
    const exported = value(await source.ask('exportNotes', { format: 'json' }));
    expect(exported).toMatchObject({
      filename: 'backstory-notes-2026-11-27.json',
      mimeType: 'application/json',
    });

    const target = setup();
    const preview = value(await target.ask('previewImport', { text: exported.text }));
    expect(preview).toMatchObject({ total: 4, toAdd: 4, alreadyPresent: 0, invalid: 0, problems: [] });
    expect(await target.db.notes.count()).toBe(0);
    expect(value(await target.ask('applyImport', { text: exported.text }))).toMatchObject({ toAdd: 4 });
    expect(value(await target.ask('exportNotes', { format: 'json' })).text).toBe(exported.text);

    // Importing the same file again adds nothing.
    const again = value(await target.ask('applyImport', { text: exported.text }));
    expect(again).toMatchObject({ toAdd: 0, toUpdate: 0, alreadyPresent: 4 });
    expect(await target.db.notes.count()).toBe(4);
  });

  it('exports Markdown and Web Annotations', async () => {
    const { ask } = setup();
    await seed(ask);
    const md = value(await ask('exportNotes', { format: 'markdown' }));
    expect(md).toMatchObject({ filename: 'backstory-notes-2026-11-27.md', mimeType: 'text/markdown' });
    expect(md.text).toContain('## Viktor Orbán');
    const ld = value(await ask('exportNotes', { format: 'jsonld' }));
    expect(ld.mimeType).toBe('application/ld+json');
    expect(JSON.parse(ld.text)).toMatchObject({ type: 'AnnotationCollection', total: 4 });
  });

  it('changes nothing when a file is malformed, truncated, hostile or too big', async () => {
    const { ask, db } = setup();
    await seed(ask);
    const good = value(await ask('exportNotes', { format: 'json' })).text;
    const cases = [
      good.slice(0, good.length / 2),
      '{"format":"backstory-notes","version":1,"notes":[{"__proto__":{"x":1}}]}',
      'not json at all',
    ];
    for (const text of cases) {
      for (const type of ['previewImport', 'applyImport'] as const) {
        const result = await ask(type, { text });
        expect(result).toMatchObject({
          ok: false,
          error: { code: 'invalid', message: expect.stringContaining('Nothing was imported.') },
        });
      }
    }
    const huge = await ask('applyImport', { text: ' '.repeat(20_000_001) });
    expect(huge).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: expect.stringContaining('larger than 20 MB') },
    });
    expect(await db.notes.count()).toBe(4);
  });

  it('writes all of an import or none of it', async () => {
    const source = setup();
    await seed(source.ask);
    const file = value(await source.ask('exportNotes', { format: 'json' })).text;

    const target = setup();
    const before = value(await target.ask('addNote', { entryId: 'nato', text: 'mine', pageTitle: '' }));
    let created = 0;
    // The disk fills up at the third note: the browser refuses the write and the transaction aborts.
    target.db.notes.hook('creating', () => {
      if (++created === 3) throw new DOMException('no room', 'QuotaExceededError');
    });
    const result = await target.ask('applyImport', { text: file });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'storage', message: expect.stringContaining('no room left') },
    });
    const left = value(await target.ask('listNotes', {}));
    expect(left.notes).toEqual([before]);
    expect(await target.db.notes.count()).toBe(1);
  });

  it('reports invalid notes with their line and imports the valid ones', async () => {
    const { ask } = setup();
    const file = {
      format: 'backstory-notes',
      version: 1,
      notes: [
        {
          id: 'n1',
          entryId: 'nato',
          text: 'ok',
          tags: [],
          createdAt: '2026-11-01T00:00:00.000Z',
          updatedAt: '2026-11-01T00:00:00.000Z',
          pageUrl: '',
          pageTitle: '',
          pageDate: null,
          quote: null,
          history: [],
        },
        {
          id: 'n2',
          text: 'no entity',
          tags: [],
          createdAt: '2026-11-01T00:00:00.000Z',
          updatedAt: '2026-11-01T00:00:00.000Z',
          pageUrl: '',
          pageTitle: '',
          pageDate: null,
          quote: null,
          history: [],
        },
      ],
    };
    const text = JSON.stringify(file, null, 2);
    const preview = value(await ask('previewImport', { text }));
    expect(preview).toMatchObject({ total: 2, toAdd: 1, invalid: 1 });
    expect(preview.problems).toEqual([
      { line: 18, column: 5, index: 1, noteId: 'n2', path: 'entryId', message: 'missing entity (entryId)' },
    ]);
    value(await ask('applyImport', { text }));
    expect(value(await ask('listNotes', {})).notes.map((n: Note) => n.id)).toEqual(['n1']);
  });
});

describe('storage', () => {
  it('reports persistence, usage and the number of notes', async () => {
    const { ask } = setup();
    await seed(ask);
    expect(value(await ask('storageStatus', {}))).toEqual({
      persisted: true,
      usage: 1_000,
      quota: 10_000,
      notes: 4,
    });
  });

  it('opens the database again after the browser closed it', async () => {
    const { ask, db } = setup();
    await seed(ask);
    db.close({ disableAutoOpen: true });
    expect(await ask('addNote', { entryId: 'nato', text: 'x', pageTitle: '' }, story)).toMatchObject({
      ok: true,
    });
  });
});
