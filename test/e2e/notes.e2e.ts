/**
 * The notes view and the options page in Debian Chromium with the built extension: a few hundred
 * notes imported through the background, the virtual list, search as you type, filters, the
 * per-entity page, a page opened at a note's quote, export → delete everything → import → export
 * again (the same bytes but for `exportedAt`), and options that land in storage. One browser for
 * the whole file; the tests build on one another and run in order.
 */
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type ChromiumHarness } from '../../harness/chromium';
import { startServer, type StaticServer } from '../../harness/server';
import { toJsonFile } from '../../notes-format/json';
import type { Note } from '../../storage/note-model';

const COUNT = 300;
const ENTITIES = ['nato', 'vladimir-putin', 'european-union', 'united-nations', 'moscow'];
const QUOTE = {
  exact: 'the alliance would hold',
  prefix: 'The minister said that ',
  suffix: ' whatever came next.',
};

let server: StaticServer;
let chromium: ChromiumHarness;
let notes: Page;

/** Notes with something to find: a unique word in one, tags on some, five sites, one note on a passage. */
function makeNotes(): Note[] {
  const start = Date.UTC(2026, 0, 1);
  return Array.from({ length: COUNT }, (_, i): Note => {
    const createdAt = start + i * 60_000;
    const site = `site${i % 5}.example`;
    return {
      id: `e2e-${String(i).padStart(4, '0')}`,
      entryId: i === 7 ? null : ENTITIES[i % ENTITIES.length]!,
      text:
        i === 42
          ? 'The zebracorn clause was dropped. See https://docs.example/zebracorn'
          : i === 3
            ? 'Edited note about the budget.'
            : `Note number ${i}.`,
      tags: i % 10 === 0 ? ['follow-up'] : [],
      createdAt,
      updatedAt: i === 3 ? createdAt + 1_000 : createdAt,
      pageUrl: i === 1 ? server.url('/fixture/quote.html') : `https://${site}/story/${i % 20}`,
      pageTitle: i === 1 ? 'The quote page' : `Story ${i % 20} on ${site}`,
      pageDate: null,
      quote: i === 1 || i === 7 ? QUOTE : null,
      history: i === 3 ? [{ text: 'Earlier text', tags: [], updatedAt: createdAt }] : [],
    };
  });
}

/** A page long enough that scrolling to the quote moves it. */
const QUOTE_PAGE = `<!doctype html><html><head><title>The quote page</title></head><body>
${'<p>Filler paragraph to push the quote down the page.</p>'.repeat(120)}
<p id="target">${QUOTE.prefix}${QUOTE.exact}${QUOTE.suffix}</p>
${'<p>More filler.</p>'.repeat(40)}
</body></html>`;

async function ask<T>(page: Page, type: string, params: unknown): Promise<T> {
  const answer = (await page.evaluate(
    ([t, p]) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({ channel: 'backstory', type: t, params: p }),
    [type, params] as const,
  )) as { ok: boolean; value: T; error?: { message: string } };
  if (!answer.ok) throw new Error(`${type}: ${answer.error?.message}`);
  return answer.value;
}

/** axe's serious and critical violations, as readable lines. */
async function axeProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
}

const articles = () => notes.locator('article.note');
const resultCount = () => notes.locator('.result-count').innerText();
const search = () => notes.getByRole('searchbox', { name: 'Search notes' });

async function exportJson(): Promise<string> {
  const [download] = await Promise.all([
    notes.waitForEvent('download'),
    notes.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^backstory-notes-\d{4}-\d\d-\d\d\.json$/);
  return readFile((await download.path())!, 'utf8');
}

beforeAll(async () => {
  server = await startServer({ extraPages: { '/fixture/quote.html': QUOTE_PAGE } });
  chromium = await launchChromium();
  notes = chromium.context.pages()[0] ?? (await chromium.context.newPage());
  await notes.goto(chromium.extensionUrl('notes.html'));
  const result = await ask<{ toAdd: number }>(notes, 'applyImport', {
    text: toJsonFile(makeNotes(), Date.UTC(2026, 1, 1)),
  });
  expect(result.toAdd).toBe(COUNT);
  await notes.reload();
});

afterAll(async () => {
  await chromium?.dispose();
  await server?.close();
});

describe('the notes view', () => {
  test('shows the newest notes in a virtual list: a few rows rendered, all of them counted', async () => {
    await articles().first().waitFor();
    expect(await resultCount()).toBe('300 notes');
    const list = notes.getByRole('list', { name: 'Notes' });
    const rows = list.locator(':scope > li');
    expect(await rows.first().getAttribute('aria-setsize')).toBe(String(COUNT));
    expect(await rows.count()).toBeLessThan(40);
    expect(await articles().first().innerText()).toContain('Note number 299.');
  });

  test('scrolling far down renders the notes there', async () => {
    await notes.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await notes.getByText('Note number 0.', { exact: true }).waitFor();
    await notes.evaluate(() => window.scrollTo(0, 0));
    await notes.getByText('Note number 299.', { exact: true }).waitFor();
  });

  test('the popup’s list scrolls in its own box and renders the notes it scrolls to', async () => {
    const popup = await chromium.context.newPage();
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.goto(chromium.extensionUrl('popup.html'));
    await popup.locator('article.note').first().waitFor();
    expect(await popup.locator('.vlist-rows > li').count()).toBeLessThan(15);
    await popup.locator('.vlist-self').evaluate((box) => box.scrollTo(0, box.scrollHeight));
    await popup.getByText('Note number 0.', { exact: true }).waitFor();
    // An entity's name opens its page in a notes tab.
    const link = popup.locator('article.note').first().locator('a.note-entity');
    expect(await link.getAttribute('href')).toMatch(/^notes\.html#entity=/);
    expect(await link.getAttribute('target')).toBe('_blank');
    await popup.close();
  });

  test('search as you type: note text, entity names and page titles', async () => {
    await search().click();
    await notes.keyboard.type('zebracorn');
    await notes.waitForFunction(() => document.querySelector('.result-count')?.textContent === '1 note');
    const found = notes.getByRole('article', { name: 'Note on European Union' });
    expect(await found.innerText()).toContain('The zebracorn clause was dropped.');
    // The address in the note is a link that opens apart from the extension.
    const link = found.getByRole('link', { name: 'https://docs.example/zebracorn' });
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');

    await search().fill('vladimir putin');
    await notes.waitForFunction(() => document.querySelector('.result-count')?.textContent === '60 notes');
    expect(await articles().first().getAttribute('aria-label')).toBe('Note on Vladimir Putin');

    await search().fill('the quote page');
    await notes.waitForFunction(() => document.querySelector('.result-count')?.textContent === '1 note');
    await search().fill('');
    await notes.waitForFunction(() => document.querySelector('.result-count')?.textContent === '300 notes');
  });

  test('filters by name, tag and site, and they combine', async () => {
    await notes.getByRole('combobox', { name: 'Name' }).selectOption({ label: 'NATO (60)' });
    await notes.waitForFunction(() => document.querySelector('.result-count')?.textContent === '60 notes');
    const labels = await articles().evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(new Set(labels)).toEqual(new Set(['Note on NATO']));
    await notes.getByRole('combobox', { name: 'Tag' }).selectOption({ label: '#follow-up (30)' });
    // Every tenth note is tagged, and every fifth is NATO's: notes 0, 10, 20 … 290.
    await notes.waitForFunction(() => document.querySelector('.result-count')?.textContent === '30 notes');
    await notes.getByRole('combobox', { name: 'Site' }).selectOption({ label: 'site0.example (60)' });
    await notes.waitForFunction(() => document.querySelector('.result-count')?.textContent === '30 notes');
    await notes.getByRole('button', { name: 'Clear filters' }).click();
    await notes.waitForFunction(() => document.querySelector('.result-count')?.textContent === '300 notes');
  });

  test('sort: oldest first', async () => {
    await notes.getByRole('combobox', { name: 'Order' }).selectOption({ label: 'Oldest first' });
    await notes.getByText('Note number 0.', { exact: true }).waitFor();
    expect(await articles().first().innerText()).toContain('Note number 0.');
    await notes.getByRole('combobox', { name: 'Order' }).selectOption({ label: 'Newest first' });
    await notes.getByText('Note number 299.', { exact: true }).waitFor();
  });

  test('an edit can be undone', async () => {
    await search().fill('budget');
    const note = notes.locator('article.note', { hasText: 'Edited note about the budget.' });
    await note.waitFor();
    await note.getByRole('button', { name: 'Undo edit' }).click();
    await notes.locator('article.note', { hasText: 'Earlier text' }).waitFor();
    await search().fill('');
  });

  test('a note’s entity name leads to the entity’s page, with the pages its notes came from', async () => {
    await search().fill('zebracorn');
    // Wait for the search to narrow the list: until then other notes on the EU are still shown.
    const found = notes
      .getByRole('article', { name: 'Note on European Union' })
      .filter({ hasText: 'zebracorn' });
    await found.waitFor();
    await found.getByRole('link', { name: 'European Union', exact: true }).click();
    expect(new URL(notes.url()).hash).toBe('#entity=european-union');
    await notes.getByRole('heading', { level: 2, name: 'European Union' }).waitFor();
    await notes.getByRole('heading', { level: 3, name: 'Pages your notes came from' }).waitFor();
    await notes.locator('.source-list li').first().waitFor();
    // Notes 2, 12, 17, 22 … (7 is on a passage): 59 notes on four stories of site2.example.
    await notes.waitForFunction(() => document.querySelectorAll('.source-list li').length === 4);
    expect(await notes.locator('.source-list li').first().innerText()).toMatch(/site2\.example · 15 notes/);
    await notes.waitForFunction(() => document.querySelector('.result-count')?.textContent === '59 notes');
    const labels = await articles().evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(new Set(labels)).toEqual(new Set(['Note on European Union']));
    for (const colorScheme of ['light', 'dark'] as const) {
      await notes.emulateMedia({ colorScheme });
      expect(await axeProblems(notes), `entity page, ${colorScheme}`).toEqual([]);
    }
    await notes.emulateMedia({ colorScheme: 'light' });
    await notes.getByRole('link', { name: '← All notes' }).click();
    await notes.waitForFunction(() => document.querySelector('.result-count')?.textContent === '300 notes');
  });

  test('the entity page is reachable from the filter too', async () => {
    await notes.getByRole('combobox', { name: 'Name' }).selectOption({ label: 'Moscow (60)' });
    await notes.getByRole('link', { name: 'Everything on Moscow' }).click();
    await notes.getByRole('heading', { level: 2, name: 'Moscow' }).waitFor();
    await notes.goto(chromium.extensionUrl('notes.html'));
    await articles().first().waitFor();
  });

  test('the page link opens the page scrolled to the quote', async () => {
    await search().fill('the quote page');
    const note = notes.getByRole('article', { name: 'Note on Vladimir Putin' });
    const link = note.getByRole('link', { name: 'The quote page' });
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toBe(
      `${server.url('/fixture/quote.html')}#:~:text=minister%20said%20that-,the%20alliance%20would%20hold,-whatever%20came`,
    );
    const [opened] = await Promise.all([chromium.context.waitForEvent('page'), link.click()]);
    await opened.waitForLoadState('load');
    // Chrome scrolls to the first match of the directive once the page has loaded.
    await opened.waitForFunction(() => window.scrollY > 1_000, null, { timeout: 10_000 });
    const inView = await opened.evaluate(() => {
      const r = document.getElementById('target')!.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight;
    });
    expect(inView).toBe(true);
    await opened.close();
    await notes.bringToFront();
    await search().fill('');
  });
});

describe('export and import', () => {
  let first = '';

  test('Export JSON downloads every note', async () => {
    await notes.getByText('Export or import your notes').click();
    first = await exportJson();
    const file = JSON.parse(first) as { format: string; notes: unknown[] };
    expect(file.format).toBe('backstory-notes');
    expect(file.notes).toHaveLength(COUNT);
  });

  test('with every note deleted, the view says there are none', async () => {
    const ids = (JSON.parse(first) as { notes: { id: string }[] }).notes.map((n) => n.id);
    for (const id of ids) await ask(notes, 'deleteNote', { id });
    await notes.reload();
    await notes.getByText(/^No notes yet/).waitFor();
  });

  test('importing the file: previewed, nothing changes until Import, then every note is back', async () => {
    await notes.getByText('Export or import your notes').click();
    await notes.getByLabel('Import a JSON export').setInputFiles({
      name: 'backstory-notes.json',
      mimeType: 'application/json',
      buffer: Buffer.from(first),
    });
    await notes.getByText('backstory-notes.json: 300 notes: 300 new.').waitFor();
    expect(await ask<{ notes: number }>(notes, 'storageStatus', {})).toMatchObject({ notes: 0 });
    expect(await axeProblems(notes), 'import preview').toEqual([]);
    await notes.getByRole('button', { name: 'Import', exact: true }).click();
    await notes.getByText('Imported backstory-notes.json: 300 notes: 300 added.').waitFor();
    await notes.waitForFunction(() => document.querySelector('.result-count')?.textContent === '300 notes');
  });

  test('exporting again gives the same bytes, but for the time of export', async () => {
    const second = await exportJson();
    const withoutTime = (text: string) => text.replace(/^ {2}"exportedAt": ".*",$/m, '');
    expect(second).not.toBe('');
    expect(withoutTime(second)).toBe(withoutTime(first));
  });

  test('importing the same file again changes nothing', async () => {
    await notes.getByLabel('Import a JSON export').setInputFiles({
      name: 'again.json',
      mimeType: 'application/json',
      buffer: Buffer.from(first),
    });
    await notes.getByText('again.json: 300 notes: 300 already present.').waitFor();
    expect(await notes.getByRole('button', { name: 'Import', exact: true }).count()).toBe(0);
    await notes.getByRole('button', { name: 'Cancel' }).click();
  });

  test('a damaged file is refused with a clear message', async () => {
    await notes.getByLabel('Import a JSON export').setInputFiles({
      name: 'cut.json',
      mimeType: 'application/json',
      buffer: Buffer.from(first.slice(0, 500)),
    });
    const alert = notes.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/^cut\.json can’t be imported: .*Nothing was imported\./);
  });
});

describe('the options page', () => {
  let options: Page;
  const storage = (area: 'sync' | 'local', key: string) =>
    options.evaluate(
      ([a, k]) =>
        (
          globalThis as unknown as {
            chrome: { storage: Record<string, { get(k: string): Promise<Record<string, unknown>> }> };
          }
        ).chrome.storage[a]!.get(k).then((r) => r[k]),
      [area, key] as const,
    );

  beforeAll(async () => {
    options = await chromium.context.newPage();
    await options.goto(chromium.extensionUrl('options.html'));
    await options.getByRole('heading', { name: 'Marking names' }).waitFor();
  });

  afterAll(async () => {
    await options?.close();
  });

  test('axe finds nothing serious, light or dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await options.emulateMedia({ colorScheme });
      expect(await axeProblems(options), colorScheme).toEqual([]);
    }
    await options.emulateMedia({ colorScheme: 'light' });
  });

  test('a changed setting is in storage.sync at once', async () => {
    await options.getByRole('radio', { name: /Tinted background/ }).check();
    await options.getByText('Saved.').waitFor();
    expect(await storage('sync', 'settings')).toMatchObject({ markingStyle: 'background' });
    await options.getByRole('checkbox', { name: 'Places' }).uncheck();
    await options.getByRole('textbox', { name: 'Add a site' }).fill('https://www.news.example/world');
    await options.keyboard.press('Enter');
    await options.getByText('www.news.example').waitFor();
    await options.waitForFunction(async () => {
      const s = (
        await (
          globalThis as unknown as {
            chrome: { storage: { sync: { get(k: string): Promise<Record<string, unknown>> } } };
          }
        ).chrome.storage.sync.get('settings')
      ).settings as { sites?: string[] } | undefined;
      return s?.sites?.includes('www.news.example') ?? false;
    });
    expect(await storage('sync', 'settings')).toMatchObject({
      markingStyle: 'background',
      hiddenKinds: ['place'],
      sites: ['www.news.example'],
    });
  });

  test('the settings are read back after a reload', async () => {
    await options.reload();
    const radio = options.getByRole('radio', { name: /Tinted background/ });
    await radio.waitFor();
    expect(await radio.isChecked()).toBe(true);
    expect(await options.getByRole('checkbox', { name: 'Places' }).isChecked()).toBe(false);
  });

  test('an entry of the reader’s own is kept in storage.local', async () => {
    await options.getByRole('button', { name: 'Add an entry' }).click();
    await options.getByLabel('Name', { exact: true }).fill('The Quad');
    await options.getByLabel('Other names').fill('Quad\nQuadrilateral Security Dialogue');
    await options.getByLabel('Summary').fill('A security dialogue of four countries.');
    await options.getByLabel('Wikidata QID (optional)').fill('Q2984479');
    await options.getByRole('button', { name: 'Add entry' }).click();
    await options.getByRole('article', { name: 'The Quad' }).waitFor();
    expect(await axeProblems(options), 'with an entry of the reader’s own').toEqual([]);
    expect(await storage('local', 'readerGlossary')).toMatchObject({
      entries: [
        {
          id: 'reader-the-quad',
          name: 'The Quad',
          aliases: ['Quad', 'Quadrilateral Security Dialogue'],
          qid: 'Q2984479',
        },
      ],
    });
  });

  test('a bundled entry found by name is hidden', async () => {
    await options.getByRole('searchbox', { name: 'Find an entry by name' }).fill('north atlantic treaty org');
    await options.getByRole('button', { name: 'Hide NATO' }).click();
    await options.getByRole('list', { name: 'Your changes' }).getByText('NATO').waitFor();
    expect(await storage('local', 'readerGlossary')).toMatchObject({
      changes: [{ entryId: 'nato', hidden: true, summary: null }],
    });
  });

  test('the popup’s Options button opens this page', async () => {
    // An options page already open would only be brought to the front.
    await options.close();
    const popup = await chromium.context.newPage();
    await popup.goto(chromium.extensionUrl('popup.html'));
    const [opened] = await Promise.all([
      chromium.context.waitForEvent('page', { predicate: (p) => p.url().endsWith('/options.html') }),
      popup.getByRole('button', { name: 'Options' }).click(),
    ]);
    await opened.getByRole('heading', { level: 1, name: 'Backstory options' }).waitFor();
    await opened.close();
    await popup.close();
  });
});
