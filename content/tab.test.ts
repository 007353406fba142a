import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { GlossaryIndex } from '../glossary/compile';
import type { Term } from '../matcher/matcher';
import { saveReaderEntry } from '../storage/reader-entries';
import { updateSettings } from '../storage/settings';
import { setSiteEnabled } from '../storage/site-settings';
import type { BackstoryPage, PageOptions } from './page';
import { runTab } from './tab';

const terms: Term[] = [{ text: 'NATO', entry: 0, case: 'upper-ok' }];
const index: GlossaryIndex = { ids: ['nato'], names: ['NATO'], kinds: ['organisation'], terms };
const doc = { location: { hostname: 'news.example' } } as unknown as Document;

/** A stand-in for startPage that remembers every page it started. */
function pages() {
  const started: { options: PageOptions; setSettings: ReturnType<typeof vi.fn> }[] = [];
  const start = (options: PageOptions): BackstoryPage => {
    const setSettings = vi.fn();
    started.push({ options, setSettings });
    return { setSettings } as unknown as BackstoryPage;
  };
  return { started, start };
}

/** Lets storage change events reach their listeners. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  fakeBrowser.reset();
});

describe('runTab', () => {
  test('marks the page with the bundled index while its site is on, and stops when it is switched off', async () => {
    const { started, start } = pages();
    const life = new AbortController();
    await runTab({ doc, loadIndex: () => index, signal: life.signal, start });
    expect(started).toHaveLength(1);
    const first = started[0]!.options;
    expect(first.index).toBe(index);
    expect(first.signal.aborted).toBe(false);

    await setSiteEnabled('news.example', false);
    await settle();
    expect(first.signal.aborted).toBe(true);
    expect(started).toHaveLength(1);

    await setSiteEnabled('news.example', true);
    await settle();
    expect(started).toHaveLength(2);
    expect(started[1]!.options.signal.aborted).toBe(false);
    life.abort();
  });

  test('leaves a site switched off alone from the start, without unpacking the index', async () => {
    await setSiteEnabled('news.example', false);
    const { started, start } = pages();
    const life = new AbortController();
    const loadIndex = vi.fn(() => index);
    await runTab({ doc, loadIndex, signal: life.signal, start });
    expect(started).toHaveLength(0);
    expect(loadIndex).not.toHaveBeenCalled();

    // Switched on, off and on again: unpacked once, when first needed.
    await setSiteEnabled('news.example', true);
    await settle();
    await setSiteEnabled('news.example', false);
    await settle();
    await setSiteEnabled('news.example', true);
    await settle();
    expect(started).toHaveLength(2);
    expect(started[1]!.options.index).toBe(index);
    expect(loadIndex).toHaveBeenCalledTimes(1);
    life.abort();
  });

  test('hands new settings to the running page', async () => {
    const { started, start } = pages();
    const life = new AbortController();
    await runTab({ doc, loadIndex: () => index, signal: life.signal, start });
    await updateSettings({ mutedEntries: ['nato'] });
    await settle();
    expect(started[0]!.setSettings).toHaveBeenCalledWith(expect.objectContaining({ mutedEntries: ['nato'] }));
    life.abort();
  });

  test("marks the page afresh, with the reader's entries joined, when they change", async () => {
    const { started, start } = pages();
    const life = new AbortController();
    await runTab({ doc, loadIndex: () => index, signal: life.signal, start });
    await saveReaderEntry({ name: 'The Quad', aliases: [], kind: 'organisation', summary: '', qid: null });
    await settle();
    expect(started).toHaveLength(2);
    expect(started[0]!.options.signal.aborted).toBe(true);
    const merged = started[1]!.options;
    expect(merged.index.names).toEqual(['NATO', 'The Quad']);
    expect(merged.matcher!.scan('Talks of The Quad and NATO').map((c) => [c.start, c.end])).toEqual([
      [9, 17],
      [22, 26],
    ]);
    life.abort();
  });

  test('ends with the content script: its page stops and later changes start nothing', async () => {
    const { started, start } = pages();
    const life = new AbortController();
    await runTab({ doc, loadIndex: () => index, signal: life.signal, start });
    life.abort();
    expect(started[0]!.options.signal.aborted).toBe(true);
    await setSiteEnabled('news.example', false);
    await setSiteEnabled('news.example', true);
    await saveReaderEntry({ name: 'The Quad', aliases: [], kind: 'organisation', summary: '', qid: null });
    await settle();
    expect(started).toHaveLength(1);
  });

  test('starts nothing when the content script ends while the settings are read', async () => {
    const { started, start } = pages();
    const life = new AbortController();
    const running = runTab({ doc, loadIndex: () => index, signal: life.signal, start });
    life.abort();
    await running;
    await setSiteEnabled('news.example', true);
    await settle();
    expect(started).toHaveLength(0);
  });
});
