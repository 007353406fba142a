import { beforeEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createOptionsApi } from './options-api';

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

const quad = {
  name: 'The Quad',
  aliases: ['Quad'],
  kind: 'organisation' as const,
  summary: 'Four.',
  qid: null,
};

describe('createOptionsApi', () => {
  test('settings: read, change, and the change is what storage.sync holds', async () => {
    const api = createOptionsApi();
    expect((await api.readSettings()).ok).toBe(true);
    const changed = await api.updateSettings({ markingStyle: 'background', intentDelayMs: 400 });
    expect(changed.ok && changed.value.markingStyle).toBe('background');
    const stored = (await browser.storage.sync.get('settings')).settings as Record<string, unknown>;
    expect(stored).toMatchObject({ markingStyle: 'background', intentDelayMs: 400 });
  });

  test('the reader’s entries live in storage.local; refusals and storage failures are values', async () => {
    const api = createOptionsApi({ now: () => Date.UTC(2026, 0, 1) });
    const saved = await api.saveReaderEntry(quad, null);
    expect(saved.ok && saved.value.glossary.entries.map((e) => e.id)).toEqual(['reader-the-quad']);
    expect(saved.ok && saved.value.entry.id).toBe('reader-the-quad');
    expect(Object.keys(await browser.storage.local.get('readerGlossary'))).toEqual(['readerGlossary']);
    const refused = await api.saveReaderEntry({ ...quad, name: ' ' }, null);
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const file = await api.exportReaderEntries();
    expect(file.ok && file.value.filename).toBe('backstory-my-entries-2026-01-01.json');

    const broken = createOptionsApi({
      local: { get: () => Promise.reject(new Error('quota')), set: () => Promise.reject(new Error('quota')) },
    });
    const read = await broken.readReaderGlossary();
    expect(read).toMatchObject({ ok: false, error: { code: 'storage' } });
    expect(!read.ok && read.error.message).toBe('Your own entries could not be read: quota');
  });

  test('glossary lookups go to the background', async () => {
    const sent: unknown[] = [];
    vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
      sent.push(message);
      const type = (message as { type: string }).type;
      return type === 'getCard'
        ? { ok: true, value: { entry: { summary: 'Bundled summary.' }, related: [], notes: [] } }
        : { ok: true, value: [] };
    });
    const api = createOptionsApi();
    await api.searchEntries('nato');
    expect(await api.bundledSummary('nato')).toEqual({ ok: true, value: 'Bundled summary.' });
    expect(sent).toEqual([
      { channel: 'backstory', type: 'searchEntries', params: { query: 'nato', limit: 20 } },
      { channel: 'backstory', type: 'getCard', params: { entryId: 'nato' } },
    ]);
  });
});
