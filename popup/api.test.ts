import { beforeEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  createNotesApi,
  createPageApi,
  createPopupActions,
  createSiteApi,
  createTransferApi,
  findTargetTab,
} from './api';

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('createNotesApi', () => {
  test('sends each request on the backstory channel, with a limit and without an empty query', async () => {
    const sent: unknown[] = [];
    vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
      sent.push(message);
      const listing = (message as { type: string }).type === 'listNotes';
      return { ok: true, value: listing ? { notes: [], total: 0, entities: [] } : [] };
    });
    const api = createNotesApi();
    await api.listNotes({ sort: 'newest', offset: 0, limit: 50, query: '  ' });
    await api.listNotes({ sort: 'entity', offset: 50, limit: 50, query: ' nato ', tag: 'x', entryId: null });
    await api.updateNote('n1', 'text');
    await api.updateNote('n1', 'text', ['a']);
    await api.undoEdit('n1');
    await api.deleteNote('n1');
    await createTransferApi().exportNotes('markdown');
    expect(sent).toEqual([
      { channel: 'backstory', type: 'listNotes', params: { sort: 'newest', offset: 0, limit: 50 } },
      {
        channel: 'backstory',
        type: 'listNotes',
        params: { query: 'nato', sort: 'entity', offset: 50, limit: 50, tag: 'x', entryId: null },
      },
      { channel: 'backstory', type: 'updateNote', params: { id: 'n1', text: 'text' } },
      { channel: 'backstory', type: 'updateNote', params: { id: 'n1', text: 'text', tags: ['a'] } },
      { channel: 'backstory', type: 'undoEdit', params: { id: 'n1' } },
      { channel: 'backstory', type: 'deleteNote', params: { id: 'n1' } },
      { channel: 'backstory', type: 'exportNotes', params: { format: 'markdown' } },
    ]);
  });

  test('a background that throws becomes an unreachable failure', async () => {
    vi.spyOn(browser.runtime, 'sendMessage').mockRejectedValue(new Error('Receiving end does not exist.'));
    const result = await createNotesApi().listNotes({ sort: 'newest', offset: 0, limit: 10 });
    expect(result).toEqual({
      ok: false,
      error: { code: 'unreachable', message: 'Receiving end does not exist.' },
    });
  });
});

test('createPageApi asks the given tab', async () => {
  // The browser typings' last overload takes a callback; the promise form is the one we use.
  const reply = async () => ({ ok: true, value: true });
  const spy = vi
    .spyOn(browser.tabs, 'sendMessage')
    .mockImplementation(reply as typeof browser.tabs.sendMessage);
  const result = await createPageApi(12).revealEntity('nato');
  expect(result).toEqual({ ok: true, value: true });
  expect(spy).toHaveBeenCalledWith(12, {
    channel: 'backstory',
    type: 'revealEntity',
    params: { entryId: 'nato' },
  });
});

describe('createSiteApi', () => {
  test('reads and writes the per-site setting', async () => {
    const api = createSiteApi();
    expect(await api.isEnabled('a.example')).toEqual({ ok: true, value: true });
    expect(await api.setEnabled('a.example', false)).toEqual({ ok: true, value: null });
    expect(await api.isEnabled('a.example')).toEqual({ ok: true, value: false });
    expect(await api.isEnabled('b.example')).toEqual({ ok: true, value: true });
  });

  test('storage errors become failures', async () => {
    const api = createSiteApi({
      get: () => Promise.reject(new Error('quota')),
      set: () => Promise.reject(new Error('quota')),
    });
    const read = await api.isEnabled('a.example');
    expect(read.ok).toBe(false);
    expect(!read.ok && read.error.message).toContain('quota');
    expect((await api.setEnabled('a.example', true)).ok).toBe(false);
  });
});

test('findTargetTab skips our own page for the last used web page', async () => {
  const own = browser.runtime.getURL('/');
  const tabs = async () => [
    { id: 1, index: 0, url: 'https://a.example/', active: false, lastAccessed: 10 },
    { id: 2, index: 1, url: `${own}popup.html`, active: true, lastAccessed: 20 },
  ];
  vi.spyOn(browser.tabs, 'query').mockImplementation(tabs as unknown as typeof browser.tabs.query);
  expect(await findTargetTab()).toEqual({ tabId: 1, url: 'https://a.example/', host: 'a.example' });
});

test('createPopupActions closes only a real popup', () => {
  const close = vi.fn();
  createPopupActions(false, close).done();
  expect(close).not.toHaveBeenCalled();
  createPopupActions(true, close).done();
  expect(close).toHaveBeenCalledTimes(1);
});
