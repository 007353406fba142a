/**
 * Notes on selected passages, and the reader's settings, in Chromium with the built extension.
 * The context menu itself can't be clicked from a test (it is browser UI): the tests select text in
 * the page and send the request the menu's click sends, from the extension's service worker.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clickCardControl, launchChromium, readCard, type ChromiumHarness } from '../../harness/chromium';
import {
  control,
  highlightRanges,
  hoverTerm,
  markedTexts,
  moveMouseAway,
  waitFor,
  waitForCard,
  waitForMarks,
  waitForNoCard,
} from '../../harness/page';
import { call, SCROLL_TO_RANGE } from '../../harness/probes';
import { startServer, type StaticServer } from '../../harness/server';

const NOTE_HIGHLIGHT = 'backstory-note';
const PASSAGE = 'a promise to raise military spending across the alliance';
const EDITED = 'a promise to raise defence spending across the alliance';
const NOTE = `Check the figures, run ${Date.now().toString(36)}`;

const article = (lead: string, sentence: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A summit in Vilnius</title></head>
<body><article>
<h1>A summit in Vilnius</h1>
${lead}
<p>Leaders of NATO gathered on Tuesday for two days of talks about Russia.</p>
<p>The meeting ended with ${sentence} by the end of the decade, officials said.</p>
<p>Observers said little else had changed since the last summit.</p>
</article></body></html>`;

/** Read by the server at each request: a test changes the page by replacing its entry. */
const pages: Record<string, string> = {
  '/fixture/summit.html': article('', PASSAGE),
  '/fixture/reader.html': `<!doctype html><html lang="en"><head><title>Council</title></head><body>
<p>NATO officials met the Baltic Council in Riga on Monday.</p></body></html>`,
};

let server: StaticServer;
let chromium: ChromiumHarness;
let page: Page;

beforeAll(async () => {
  server = await startServer({ extraPages: pages });
  chromium = await launchChromium();
  page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
});

afterAll(async () => {
  await chromium?.dispose();
  await server?.close();
});

const noteTexts = () => markedTexts(page, NOTE_HIGHLIGHT);

async function hoverPassage(text: string) {
  await moveMouseAway(page);
  await waitForNoCard(() => readCard(page));
  const point = (await page.evaluate(
    call(SCROLL_TO_RANGE, { name: NOTE_HIGHLIGHT, text, nth: 0, contains: false }),
  )) as { x: number; y: number } | null;
  if (!point) throw new Error(`"${text}" is not marked as a note passage`);
  await page.mouse.move(point.x - 30, point.y - 20, { steps: 2 });
  await page.mouse.move(point.x, point.y, { steps: 5 });
  return waitForCard(() => readCard(page));
}

async function writeSettings(settings: Record<string, unknown>) {
  const sw = await chromium.serviceWorker();
  await sw.evaluate(`chrome.storage.sync.set({ settings: ${JSON.stringify(settings)} })`);
}

describe('a note on a selection', () => {
  test('selecting a passage and sending "Add note to selection" (as the context menu does) opens a note card; the note saves', async () => {
    await page.goto(server.url('/fixture/summit.html'));
    await waitForMarks(page);
    await page.evaluate((passage) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = (n as Text).data.indexOf(passage);
        if (at === -1) continue;
        const range = document.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + passage.length);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(range);
        return;
      }
      throw new Error('passage not found');
    }, PASSAGE);
    const answer = await chromium.sendToTab(page, 'noteOnSelection');
    expect(answer).toEqual({ ok: true, value: true });
    const card = await waitForCard(() => readCard(page));
    expect(card.dialogName).toBe('Note on this passage');
    expect(card.text).toContain(PASSAGE);
    // The editor has the focus: the reader types at once.
    await page.keyboard.type(NOTE);
    await page.keyboard.press('Control+Enter');
    await waitForCard(
      () => readCard(page),
      (c) => c.text.includes(NOTE) && c.text.includes('On this page'),
    );
    expect(await noteTexts()).toEqual([PASSAGE]);
  });

  test('after a reload the passage is marked and hovering it shows the note', async () => {
    await page.keyboard.press('Escape');
    await page.reload();
    await waitFor(async () => (await noteTexts()).includes(PASSAGE), { what: 'the note passage' });
    const card = await hoverPassage(PASSAGE);
    expect(card.text).toContain(NOTE);
    expect(card.text).toContain(PASSAGE);
  });

  test('on a changed page (text moved down and edited) the note is found again', async () => {
    pages['/fixture/summit.html'] = article(
      '<p>Updated on Wednesday with reactions from several capitals, which follow below.</p>',
      EDITED,
    );
    await moveMouseAway(page);
    await page.reload();
    await waitFor(async () => (await noteTexts()).includes(EDITED), { what: 'the re-anchored passage' });
    const card = await hoverPassage(EDITED);
    expect(card.text).toContain(NOTE);
  });

  test('a passage the page adds late (after the first scan) is found once it appears', async () => {
    const late = `<script>setTimeout(() => {
      const p = document.createElement('p');
      p.textContent = 'Late news: the meeting ended with ${EDITED} by the end of the decade.';
      document.querySelector('article').append(p);
    }, 1500);</script>`;
    pages['/fixture/summit.html'] = article('', 'new plans').replace('</article>', `</article>${late}`);
    await moveMouseAway(page);
    await page.reload();
    await waitForMarks(page);
    expect(await noteTexts()).toEqual([]);
    await waitFor(async () => (await noteTexts()).includes(EDITED), { what: 'the late passage' });
  });

  test('a passage that is gone leaves nothing marked', async () => {
    pages['/fixture/summit.html'] = article('', 'new plans');
    await moveMouseAway(page);
    await page.reload();
    await waitForMarks(page);
    // The page's notes are asked for after the first scan: give them the time a reload gave above.
    await new Promise((done) => setTimeout(done, 1_000));
    expect(await noteTexts()).toEqual([]);
  });
});

describe('settings applied on the page, live', () => {
  const count = async (text: string) => (await markedTexts(page)).filter((t) => t === text).length;

  test('muted entities, hidden kinds and first-mention-only change the marks without a reload', async () => {
    await page.goto(server.url('/seed.html'));
    await waitForMarks(page);
    expect(await count('NATO')).toBeGreaterThan(1);
    expect(await count('Brussels')).toBeGreaterThan(0);

    await writeSettings({ mutedEntries: ['nato'] });
    await waitFor(async () => (await count('NATO')) === 0, { what: 'NATO unmarked' });
    expect(await count('Brussels')).toBeGreaterThan(0);

    await writeSettings({ hiddenKinds: ['place'] });
    await waitFor(async () => (await count('Brussels')) === 0 && (await count('NATO')) > 1, {
      what: 'places unmarked, NATO back',
    });

    await writeSettings({ markEvery: 'first' });
    await waitFor(async () => (await count('NATO')) === 1 && (await count('Brussels')) === 1, {
      what: 'one mark per entity',
    });
    const texts = await markedTexts(page);
    expect(new Set(texts).size).toBe(texts.length);

    await writeSettings({ markingStyle: 'hover-only' });
    await waitFor(async () => (await highlightRanges(page)).length === 0, { what: 'no marks' });
    const bg = async () => markedTexts(page, 'backstory-entity-bg');
    await writeSettings({ markingStyle: 'background' });
    await waitFor(async () => (await bg()).includes('NATO'), { what: 'tinted marks' });
    await writeSettings({});
    await waitFor(async () => (await count('NATO')) > 1, { what: 'defaults back' });
  });

  test('"off until hover" paints only the name the pointer rests on, after the reader\'s intent delay', async () => {
    await writeSettings({ markingStyle: 'hover-only', intentDelayMs: 1_500 });
    await waitFor(async () => (await highlightRanges(page)).length === 0, { what: 'no marks' });
    await moveMouseAway(page);
    await waitForNoCard(() => readCard(page));
    const point = await page.evaluate(() => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = (n as Text).data.indexOf('NATO');
        if (at === -1) continue;
        const range = document.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + 4);
        (n.parentElement as Element).scrollIntoView({ block: 'center' });
        const r = range.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }
      return null;
    });
    expect(point).not.toBeNull();
    await page.mouse.move(point!.x - 30, point!.y - 20, { steps: 2 });
    await page.mouse.move(point!.x, point!.y, { steps: 5 });
    const rested = Date.now();
    await new Promise((done) => setTimeout(done, 700));
    expect((await readCard(page))?.open ?? false, 'no card before the delay').toBe(false);
    await waitForCard(() => readCard(page));
    expect(Date.now() - rested).toBeGreaterThanOrEqual(1_400);
    expect(await markedTexts(page, 'backstory-current')).toEqual(['NATO']);
    expect(await highlightRanges(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await moveMouseAway(page);
    await waitForNoCard(() => readCard(page));
    expect(await markedTexts(page, 'backstory-current')).toEqual([]);
    await writeSettings({});
    await waitFor(async () => (await count('NATO')) > 1, { what: 'defaults back' });
  });

  test('"Mute" in the card unmarks the entity at once and remembers it', async () => {
    await moveMouseAway(page);
    await hoverTerm(page, { text: 'NATO' });
    const card = await waitForCard(
      () => readCard(page),
      (c) => c.controls.some((x) => x.visible && /^Mute NATO/.test(x.name)),
    );
    expect(control(card, /^Mute NATO/).tag).toBe('button');
    await clickCardControl(page, /^Mute NATO/);
    await waitForNoCard(() => readCard(page));
    await waitFor(async () => (await count('NATO')) === 0, { what: 'NATO unmarked' });
    const sw = await chromium.serviceWorker();
    const stored = (await sw.evaluate(`chrome.storage.sync.get('settings')`)) as {
      settings?: { mutedEntries?: string[] };
    };
    expect(stored.settings?.mutedEntries).toContain('nato');
    await writeSettings({});
  });
});

describe("the reader's own glossary", () => {
  test('a reader entry is marked and carded; a hidden bundled entry is not marked', async () => {
    const sw = await chromium.serviceWorker();
    const glossary = {
      entries: [
        {
          id: 'reader-baltic-council',
          name: 'Baltic Council',
          aliases: [],
          kind: 'organisation',
          summary: 'A council the reader follows.',
          qid: null,
          createdAt: 1,
          updatedAt: 1,
        },
      ],
      changes: [{ entryId: 'nato', hidden: true, summary: null, updatedAt: 1 }],
    };
    await sw.evaluate(`chrome.storage.local.set({ readerGlossary: ${JSON.stringify(glossary)} })`);
    await page.goto(server.url('/fixture/reader.html'));
    await waitFor(async () => (await markedTexts(page)).includes('Baltic Council'), {
      what: 'the reader entry marked',
    });
    expect(await markedTexts(page)).not.toContain('NATO');
    await moveMouseAway(page);
    await hoverTerm(page, { text: 'Baltic Council' });
    const card = await waitForCard(
      () => readCard(page),
      (c) => c.text.includes('A council the reader follows.'),
    );
    expect(card.dialogName).toBe('Baltic Council');
    expect(card.text).toContain('Your own entry');
    await sw.evaluate(`chrome.storage.local.remove('readerGlossary')`);
    await waitFor(async () => (await markedTexts(page)).includes('NATO'), { what: 'NATO marked again' });
  });
});
