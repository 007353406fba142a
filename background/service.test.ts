import type { Runtime } from 'webextension-polyfill';
import { afterEach, describe, expect, it } from 'vitest';
import { compileIndex } from '../glossary/compile';
import type { Entry } from '../glossary/schema';
import { backgroundRequests, type BackgroundResults } from '../messaging/background-protocol';
import { createDispatcher } from '../messaging/channel';
import type { Result } from '../messaging/result';
import { openDb, type BackstoryDb } from '../storage/db';
import { createNotes } from '../storage/notes';
import { createSenderPolicy } from './senders';
import { createBackgroundService } from './service';

const OWN_ID = 'backstory-id';
const ORIGIN = 'chrome-extension://backstory-id/';

const entry = (id: string, related: string[] = []): Entry => ({
  id,
  qid: `Q${id.length + 100}`,
  kind: 'organisation',
  name: id.toUpperCase(),
  aliases: [],
  summary: `About ${id}.`,
  facts: [],
  related,
  wikipedia: id,
  checked: '2026-11-26',
});
const entries = [entry('nato', ['eu']), entry('eu')];

let db: BackstoryDb;
let opened = 0;

function setup() {
  db = openDb(`svc-${crypto.randomUUID()}`);
  const dispatch = createDispatcher<typeof backgroundRequests, BackgroundResults>({
    schemas: backgroundRequests,
    handlers: createBackgroundService({
      entries,
      notes: createNotes(db),
      openNotesTab: async () => {
        opened++;
      },
    }),
    allow: createSenderPolicy(OWN_ID, ORIGIN),
  });
  return async <T>(type: string, params: unknown, sender: Runtime.MessageSender) =>
    (await dispatch({ channel: 'backstory', type, params }, sender)) as Result<T>;
}

afterEach(async () => {
  await db.delete();
});

const contentScript: Runtime.MessageSender = {
  id: OWN_ID,
  url: 'https://news.example/story',
  tab: { id: 3, index: 0, highlighted: false, active: true, pinned: false, incognito: false },
};
const popup: Runtime.MessageSender = { id: OWN_ID, url: `${ORIGIN}popup.html` };

describe('background service', () => {
  it('serves a card with related entries and the notes of the entry', async () => {
    const ask = setup();
    const added = await ask<BackgroundResults['addNote']>(
      'addNote',
      { entryId: 'nato', text: 'A note', pageTitle: 'Story' },
      contentScript,
    );
    expect(added.ok).toBe(true);
    const card = await ask<BackgroundResults['getCard']>('getCard', { entryId: 'nato' }, contentScript);
    expect(card.ok && card.value.related).toEqual([{ id: 'eu', name: 'EU', kind: 'organisation' }]);
    expect(card.ok && card.value.notes.map((n) => n.text)).toEqual(['A note']);
  });

  it('takes the page URL from the sender, never from the message', async () => {
    const ask = setup();
    const added = await ask<BackgroundResults['addNote']>(
      'addNote',
      { entryId: 'nato', text: 'x', pageTitle: 'T' },
      contentScript,
    );
    expect(added.ok && added.value.pageUrl).toBe('https://news.example/story');
    const smuggled = await ask(
      'addNote',
      { entryId: 'nato', text: 'x', pageTitle: 'T', pageUrl: 'https://evil.example' },
      contentScript,
    );
    expect(smuggled).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('lets the popup edit, delete and restore notes', async () => {
    const ask = setup();
    const added = await ask<BackgroundResults['addNote']>(
      'addNote',
      { entryId: 'nato', text: 'one', pageTitle: '' },
      contentScript,
    );
    if (!added.ok) throw new Error('add failed');
    const id = added.value.id;
    expect(await ask('updateNote', { id, text: 'two' }, popup)).toMatchObject({
      ok: true,
      value: { text: 'two' },
    });
    const deleted = await ask<BackgroundResults['deleteNote']>('deleteNote', { id }, popup);
    expect(await ask('listNotes', {}, popup)).toEqual({
      ok: true,
      value: { notes: [], total: 0, entities: [] },
    });
    if (!deleted.ok) throw new Error('delete failed');
    await ask('restoreNote', { note: deleted.value }, popup);
    expect(await ask('listNotes', { query: 'TWO' }, popup)).toMatchObject({
      ok: true,
      value: { notes: [{ id }], total: 1 },
    });
    expect(await ask('deleteNote', { id: 'nope' }, popup)).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    await ask('openNotesTab', {}, popup);
    expect(opened).toBe(1);
  });

  it('answers unknown entries and malformed payloads with failures, not exceptions', async () => {
    const ask = setup();
    expect(await ask('getCard', { entryId: 'atlantis' }, contentScript)).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await ask('getCard', {}, contentScript)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(
      await ask('addNote', { entryId: 'nato', text: '   ', pageTitle: '' }, contentScript),
    ).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await ask('dropDatabase', {}, popup)).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });
});

describe('sender checks', () => {
  it.each<[string, Runtime.MessageSender]>([
    ['another extension', { id: 'someone-else', url: 'chrome-extension://someone-else/page.html' }],
    ['a web page (no extension id)', { url: 'https://evil.example/' }],
    ['a sender with no URL', { id: OWN_ID }],
  ])('refuses %s', async (_name, sender) => {
    const ask = setup();
    expect(await ask('getCard', { entryId: 'nato' }, sender)).toMatchObject({
      ok: false,
      error: { code: 'refused' },
    });
  });

  it.each(['listNotes', 'deleteNote', 'updateNote', 'restoreNote', 'openNotesTab', 'getEntries'])(
    'refuses %s from a content script',
    async (type) => {
      const ask = setup();
      expect(await ask(type, {}, contentScript)).toMatchObject({ ok: false, error: { code: 'refused' } });
    },
  );

  it('ignores messages that are not on our channel', () => {
    setup();
    const dispatch = createDispatcher({
      schemas: backgroundRequests,
      handlers: createBackgroundService({ entries, notes: createNotes(db), openNotesTab: async () => {} }),
      allow: createSenderPolicy(OWN_ID, ORIGIN),
    });
    expect(dispatch({ type: 'getCard' }, popup)).toBeUndefined();
    expect(dispatch('hello', popup)).toBeUndefined();
  });
});

describe('glossary index', () => {
  it('keeps summaries out of what content scripts load', () => {
    const index = compileIndex(entries);
    expect(JSON.stringify(index)).not.toContain('About nato');
    expect(index.ids).toEqual(['nato', 'eu']);
  });
});
