/**
 * Backstory in Debian Chromium, step by step on the seed article: marking, the hover card, notes
 * that survive a reload, another page and a browser restart, the popup, and the keyboard path.
 * One browser for the whole file; the tests build on one another and run in order.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  clickCardControl,
  launchChromium,
  readCard,
  sitesOffSource,
  type ChromiumHarness,
} from '../../harness/chromium';
import { CARD_MODULE_FILE } from '../../content/card-module-file';
import { collapse, readEntry } from '../../harness/glossary';
import {
  control,
  CURRENT_HIGHLIGHT,
  hoverTerm,
  markedTexts,
  moveMouseAway,
  waitFor,
  waitForCard,
  waitForMarks,
  waitForNoCard,
} from '../../harness/page';
import { CHROME_EXTENSION_DIR } from '../../harness/paths';
import { CLOSED_SHADOW_FIXTURE } from '../../harness/probes';
import { startServer, type StaticServer } from '../../harness/server';

const SEED_TERMS = [
  'NATO',
  'Russia',
  'Vladimir Putin',
  'Mr. Putin',
  'George Robertson',
  'Mr. Robertson',
  'European Union',
  'Brussels',
  'Moscow',
  'Article 5',
  'Atlantic Alliance',
  'New York',
  'Washington',
  'Paris',
  'Berlin',
];

/** Unique per run, so a leftover profile could never make the test pass. */
const NOTE = `Met Robertson in Brussels, run ${Date.now().toString(36)}`;

/** Main world, before the content script: the DOM as the page built it. */
const CAPTURE_DOM = `document.addEventListener('DOMContentLoaded', () => {
  window.__backstoryDomAtLoad = document.documentElement.outerHTML;
}, { once: true });`;

let server: StaticServer;
let profileDir: string;
let chromium: ChromiumHarness;
let page: Page;

async function launch(): Promise<void> {
  chromium = await launchChromium({ profileDir });
  await chromium.context.addInitScript({ content: CAPTURE_DOM });
  page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
}

async function openSeed(): Promise<string[]> {
  await page.goto(server.url('/seed.html'));
  return waitForMarks(page);
}

const cardOpen = () => waitForCard(() => readCard(page));

/** Opens a card by hovering `text`; the mouse goes off the page first so the hover starts fresh. */
async function hoverCard(text: string, contains = false) {
  await moveMouseAway(page);
  await waitForNoCard(() => readCard(page));
  await hoverTerm(page, { text, contains });
  return cardOpen();
}

async function closeCardWithEscape(): Promise<void> {
  await page.keyboard.press('Escape');
  await waitForNoCard(() => readCard(page));
}

beforeAll(async () => {
  server = await startServer({ extraPages: { '/fixture/shadow.html': CLOSED_SHADOW_FIXTURE } });
  profileDir = await mkdtemp(path.join(os.tmpdir(), 'backstory-e2e-chromium-'));
  await launch();
});

afterAll(async () => {
  await chromium?.close();
  if (profileDir) await rm(profileDir, { recursive: true, force: true });
  await server?.close();
});

describe('harness', () => {
  test('reads text inside a closed shadow root and clicks by its coordinates', async () => {
    await page.goto(server.url('/fixture/shadow.html'));
    expect(await page.evaluate(() => document.querySelector('backstory-card')?.shadowRoot)).toBeNull();
    const card = await cardOpen();
    expect(card.mode).toBe('closed');
    expect(card.text).toContain('Hidden from the page');
    const button = control(card, 'Press me');
    await page.mouse.click(button.center.x, button.center.y);
    await waitForCard(
      () => readCard(page),
      (c) => c.text.includes('Pressed'),
    );
  });

  test('requests to anywhere but this machine fail', async () => {
    const other = await chromium.context.newPage();
    try {
      await expect(other.goto('http://example.com/')).rejects.toThrow();
    } finally {
      await other.close();
    }
  });
});

describe('seed article', () => {
  test('every name in the article is marked', async () => {
    const texts = await openSeed();
    const marked = new Set(texts);
    const missing = SEED_TERMS.filter((t) => !marked.has(t));
    expect(missing, `marked: ${[...marked].join(', ')}`).toEqual([]);
  });

  test('marking leaves the DOM exactly as the page built it', async () => {
    // Before any hover: a card adds its host element while it is open.
    const atLoad = await page.evaluate(
      () => (window as unknown as { __backstoryDomAtLoad?: string }).__backstoryDomAtLoad,
    );
    expect(atLoad, 'init script captured the DOM at DOMContentLoaded').toBeTypeOf('string');
    expect(await page.evaluate(() => document.documentElement.outerHTML)).toBe(atLoad);
  });

  test("the card's code loads when a card is first wanted, not with the page", async () => {
    const cardCode: string[] = [];
    const seen = (request: { url(): string }) => {
      if (request.url().endsWith(`/${CARD_MODULE_FILE}`)) cardCode.push(request.url());
    };
    page.on('request', seen);
    try {
      await openSeed();
      await page.waitForTimeout(500);
      expect(cardCode, 'read only: no card code').toEqual([]);
      await hoverCard('NATO');
      expect(cardCode.length).toBeGreaterThan(0);
      // The extension's own file, through the session's dynamic URL: nothing goes to the network.
      expect(cardCode.every((url) => url.startsWith('chrome-extension://'))).toBe(true);
    } finally {
      page.off('request', seen);
    }
    // The content script itself has none of it (the card host's style is a marker of its code).
    const built = (file: string) => readFile(path.join(CHROME_EXTENSION_DIR, file), 'utf8');
    expect(await built('content-scripts/content.js')).not.toContain('data-sheet');
    expect(await built(CARD_MODULE_FILE)).toContain('data-sheet');
  });

  test("hovering NATO opens a card with NATO's summary from the glossary", async () => {
    const nato = await readEntry('organisations.json', 'nato');
    await hoverCard('NATO');
    const filled = await waitForCard(
      () => readCard(page),
      (c) => c.text.includes(collapse(nato.summary)),
    );
    expect(filled.dialogName).toBe(nato.name);
    const more = control(filled, /Read more/);
    expect(new URL(more.href ?? '').hostname).toBe('en.wikipedia.org');
    expect(control(filled, 'Add note').tag).toBe('button');
  });

  test('the card lives in a closed shadow root the page cannot open', async () => {
    expect(
      await page.evaluate(() => {
        const host = document.querySelector('backstory-card');
        return host !== null && host.shadowRoot === null && host.parentElement === document.documentElement;
      }),
    ).toBe(true);
    expect((await readCard(page))?.mode).toBe('closed');
  });

  test('Escape closes the card', async () => {
    await closeCardWithEscape();
    expect(await page.evaluate(() => document.querySelector('backstory-card'))).toBeNull();
  });

  test('scrolling the page closes a card opened by hovering; a note being written keeps its card', async () => {
    await hoverCard('NATO');
    await page.mouse.wheel(0, 120);
    await waitForNoCard(() => readCard(page));

    await hoverCard('Brussels');
    await waitForCard(
      () => readCard(page),
      (c) => c.controls.some((x) => x.name === 'Add note'),
    );
    // Into the card first, as a reader's pointer goes: clicking may scroll the page to the control.
    const inside = (await cardOpen()).controls.find((c) => c.visible && c.hittable)!;
    await page.mouse.move(inside.center.x, inside.center.y);
    await clickCardControl(page, 'Add note');
    await waitForCard(
      () => readCard(page),
      (c) => c.focused === 'textarea: Note',
    );
    await page.keyboard.type('half a thought');
    await page.evaluate('scrollBy(0, -120)');
    await new Promise((done) => setTimeout(done, 500));
    expect((await readCard(page))?.fields['Note']).toBe('half a thought');
    await clickCardControl(page, 'Cancel');
    await closeCardWithEscape();
  });

  test("the card speaks for the article's date, 3 October 2001", async () => {
    await hoverCard('George Robertson');
    const card = await waitForCard(
      () => readCard(page),
      (c) => c.text.includes('As of 3 October 2001'),
    );
    expect(collapse(card.text)).toMatch(/Secretary General of NATO.*since 1999, until 2003/);
    expect(card.text).toMatch(/facts checked \d{1,2} \w+ \d{4}/);
    await closeCardWithEscape();
  });

  test("a note saved in Vladimir Putin's card shows in his card", async () => {
    const card = await hoverCard('Vladimir Putin');
    expect(card.dialogName).toBe('Vladimir Putin');
    await waitForCard(
      () => readCard(page),
      (c) => c.controls.some((x) => x.name === 'Add note'),
    );
    await clickCardControl(page, 'Add note');
    await waitForCard(
      () => readCard(page),
      (c) => c.focused === 'textarea: Note',
    );
    await page.keyboard.type(NOTE);
    await waitForCard(
      () => readCard(page),
      (c) => c.fields['Note'] === NOTE,
    );
    await clickCardControl(page, 'Save note');
    await waitForCard(
      () => readCard(page),
      (c) => c.text.includes(NOTE) && !c.controls.some((x) => x.tag === 'textarea'),
    );
    await closeCardWithEscape();
  });

  test('the note is still there after a reload', async () => {
    await page.reload();
    await waitForMarks(page);
    await hoverCard('Vladimir Putin');
    await waitForCard(
      () => readCard(page),
      (c) => c.text.includes(NOTE),
    );
    await closeCardWithEscape();
  });

  test('the note shows on another page that names him (nytimes-1)', async () => {
    await page.goto(server.url('/pages/nytimes-1.html'));
    await waitForMarks(page);
    await hoverCard('Putin', true);
    const card = await waitForCard(
      () => readCard(page),
      (c) => c.text.includes(NOTE),
    );
    expect(card.dialogName).toBe('Vladimir Putin');
    await closeCardWithEscape();
  });
  test('the note shows on the demo article, which names him in full', async () => {
    await page.goto(server.url('/demo/article.html'));
    await waitForMarks(page);
    await hoverCard('Vladimir Putin');
    await waitForCard(
      () => readCard(page),
      (c) => c.text.includes(NOTE),
    );
    await closeCardWithEscape();
  });
});

describe('popup', () => {
  let popup: Page;

  beforeAll(async () => {
    await openSeed();
    await page.bringToFront();
    // The popup, opened as a tab, looks at the most recently used other tab: the seed article.
    popup = await chromium.context.newPage();
    await popup.goto(chromium.extensionUrl('popup.html'));
  });

  afterAll(async () => {
    await popup?.close();
  });

  test("lists the page's entities", async () => {
    const list = popup.getByRole('list', { name: 'On this page' });
    await list.waitFor();
    const names = (await list.getByRole('listitem').allInnerTexts()).map((t) =>
      t.replace(/\s*\d+\s*$/, '').trim(),
    );
    for (const name of [
      'NATO',
      'Russia',
      'Vladimir Putin',
      'George Robertson',
      'European Union',
      'Brussels',
    ]) {
      expect(names, `listed: ${names.join(', ')}`).toContain(name);
    }
  });

  test('finds the note by searching', async () => {
    const search = popup.getByRole('searchbox', { name: 'Search notes' });
    await search.fill('run ' + NOTE.split('run ')[1]);
    const note = popup.getByRole('article', { name: 'Note on Vladimir Putin' });
    await note.waitFor();
    expect(await note.innerText()).toContain(NOTE);
    await search.fill('no note says this, surely');
    await note.waitFor({ state: 'detached' });
    await search.fill('');
  });

  test('Delete removes the note and Undo puts it back', async () => {
    const note = popup.getByRole('article', { name: 'Note on Vladimir Putin' }).filter({ hasText: NOTE });
    await note.getByRole('button', { name: /^Delete/ }).click();
    await note.waitFor({ state: 'detached' });
    await popup.getByRole('button', { name: 'Undo' }).click();
    await note.waitFor();
    expect(await note.innerText()).toContain(NOTE);
  });

  test('has the site switch and the button that opens notes in a tab', async () => {
    expect(await popup.getByRole('switch', { name: 'Backstory on this site' }).count()).toBe(1);
    expect(await popup.getByRole('button', { name: 'Open notes in a tab' }).count()).toBe(1);
  });
});

describe('keyboard', () => {
  /**
   * The command's Alt+Shift+B is a browser-level shortcut: synthetic key presses from the DevTools
   * protocol reach the page, not the browser's command handling. So after trying the real keys, the
   * test drives the same path the background uses: a 'nextEntity' request to the active tab.
   */
  async function nextEntity(): Promise<void> {
    await chromium.sendToTab(page, 'nextEntity', {});
  }

  beforeAll(async () => {
    await page.bringToFront();
    await openSeed();
    await moveMouseAway(page);
    await page.locator('body').focus();
  });

  test('Alt+Shift+B (sent as nextEntity from the service worker) opens the first marked name', async () => {
    const first = (await markedTexts(page))[0];
    await page.keyboard.press('Alt+Shift+B');
    const byKeys = await waitForCard(
      () => readCard(page),
      () => true,
      1_500,
    ).catch(() => null);
    if (!byKeys) await nextEntity();
    const card = await cardOpen();
    expect(card.dialogName).toBe(first);
    expect(await markedTexts(page, CURRENT_HIGHLIGHT)).toEqual([first]);
    // Opening from the keyboard leaves focus on the page until the reader presses Tab.
    expect(card.focused).toBeNull();
  });

  test('Tab moves focus into the card', async () => {
    await page.keyboard.press('Tab');
    const card = await waitForCard(
      () => readCard(page),
      (c) => c.focused !== null,
    );
    expect(card.focused).toMatch(/^(button|a|link): /);
  });

  test('Escape closes the card and gives focus back to the page', async () => {
    await closeCardWithEscape();
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    expect(await markedTexts(page, CURRENT_HIGHLIGHT)).toEqual([]);
  });

  test('the next request moves on to the next marked name', async () => {
    const [, second] = await markedTexts(page);
    await nextEntity();
    const card = await cardOpen();
    expect(card.dialogName).not.toBeNull();
    expect(await markedTexts(page, CURRENT_HIGHLIGHT)).toEqual([second]);
    await closeCardWithEscape();
  });
});

describe('a site switched off', () => {
  const UNPACKED = `performance.getEntriesByName('backstory:unpack').length`;
  let host: string;

  async function switchedOff(sites: string[]): Promise<void> {
    await (await chromium.serviceWorker()).evaluate(sitesOffSource(sites));
  }

  /** Resolves once the content script answers: it has read the settings and decided. */
  async function contentScriptListening(): Promise<void> {
    await waitFor(async () => JSON.stringify(await chromium.sendToTab(page, 'getPageHost')).includes(host), {
      what: 'the content script to answer',
    });
  }

  beforeAll(async () => {
    await page.bringToFront();
    host = new URL(server.url('/seed.html')).hostname;
  });

  afterAll(async () => {
    await switchedOff([]);
  });

  test('is left alone: nothing marked, and the glossary index not even unpacked', async () => {
    await switchedOff([host]);
    await page.goto(server.url('/seed.html'));
    await contentScriptListening();
    expect(await markedTexts(page)).toEqual([]);
    expect(await page.evaluate(UNPACKED)).toBe(0);
  });

  test('switched on, the page is marked; the index is unpacked once however often it is switched', async () => {
    await switchedOff([]);
    expect(await waitForMarks(page)).toContain('NATO');
    await switchedOff([host]);
    await waitFor(async () => (await markedTexts(page)).length === 0, { what: 'the marks to go' });
    await switchedOff([]);
    expect(await waitForMarks(page)).toContain('NATO');
    expect(await page.evaluate(UNPACKED)).toBe(1);
  });
});

describe('browser restart', () => {
  test('the note is still there after closing and relaunching the browser with the same profile', async () => {
    await chromium.close();
    await launch();
    await openSeed();
    await hoverCard('Vladimir Putin');
    await waitForCard(
      () => readCard(page),
      (c) => c.text.includes(NOTE),
    );
  });
});
