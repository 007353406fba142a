/**
 * Backstory in Firefox ESR (temporary add-on, WebDriver BiDi): marking on the seed article, the hover
 * card with the glossary's summary, and a note that is still there after a reload.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  clickCardControl,
  gotoPage,
  launchFirefox,
  readCard,
  type FirefoxHarness,
} from '../../harness/firefox';
import { collapse, readEntry } from '../../harness/glossary';
import {
  control,
  hoverTerm,
  markedTexts,
  moveMouseAway,
  waitFor,
  waitForCard,
  waitForMarks,
  waitForNoCard,
} from '../../harness/page';
import { CLOSED_SHADOW_FIXTURE } from '../../harness/probes';
import { startServer, type StaticServer } from '../../harness/server';

const SEED_TERMS = [
  'NATO',
  'Russia',
  'Vladimir Putin',
  'Mr. Putin',
  'Brussels',
  'Moscow',
  'Washington',
  'Paris',
  'Berlin',
];
const NOTE = `Firefox note, run ${Date.now().toString(36)}`;

let server: StaticServer;
let firefox: FirefoxHarness;
let page: Page;

const card = (accept?: Parameters<typeof waitForCard>[1]) => waitForCard(() => readCard(page), accept);

async function hoverCard(text: string) {
  await moveMouseAway(page);
  await waitForNoCard(() => readCard(page));
  await hoverTerm(page, { text });
  return card();
}

async function closeCardWithEscape(): Promise<void> {
  await page.keyboard.press('Escape');
  await waitForNoCard(() => readCard(page));
}

beforeAll(async () => {
  server = await startServer({ extraPages: { '/fixture/shadow.html': CLOSED_SHADOW_FIXTURE } });
  firefox = await launchFirefox();
  page = await firefox.newPage();
});

afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

describe('harness', () => {
  test('reads text inside a closed shadow root over WebDriver BiDi and clicks by its coordinates', async () => {
    await gotoPage(page, server.url('/fixture/shadow.html'));
    expect(await page.evaluate('document.querySelector("backstory-card").shadowRoot')).toBeNull();
    const fixture = await card();
    expect(fixture.mode).toBe('closed');
    expect(fixture.text).toContain('Hidden from the page');
    const button = control(fixture, 'Press me');
    await page.mouse.click(button.center.x, button.center.y);
    await card((c) => c.text.includes('Pressed'));
  });

  test('requests to anywhere but this machine fail', async () => {
    const other = await firefox.newPage();
    try {
      await expect(other.goto('http://example.com/')).rejects.toThrow();
    } finally {
      await other.close();
    }
  });
});

describe('seed article', () => {
  test('names in the article are marked', async () => {
    await gotoPage(page, server.url('/seed.html'));
    const marked = new Set(await waitForMarks(page));
    expect(
      SEED_TERMS.filter((t) => !marked.has(t)),
      `marked: ${[...marked].join(', ')}`,
    ).toEqual([]);
  });

  test("hovering NATO opens a card with NATO's summary from the glossary", async () => {
    const nato = await readEntry('organisations.json', 'nato');
    await hoverCard('NATO');
    const filled = await card((c) => c.text.includes(collapse(nato.summary)));
    expect(filled.dialogName).toBe(nato.name);
    expect(filled.mode).toBe('closed');
    expect(await page.evaluate('document.querySelector("backstory-card").shadowRoot === null')).toBe(true);
    await closeCardWithEscape();
  });

  test('scrolling the page closes a card opened by hovering; a note being written keeps its card', async () => {
    await hoverCard('NATO');
    await page.evaluate('scrollBy(0, 120)');
    await waitForNoCard(() => readCard(page));

    await hoverCard('Brussels');
    await card((c) => c.controls.some((x) => x.name === 'Add note'));
    // Into the card first, as a reader's pointer goes: clicking may scroll the page to the control.
    const inside = (await card()).controls.find((c) => c.visible && c.hittable)!;
    await page.mouse.move(inside.center.x, inside.center.y);
    await clickCardControl(page, 'Add note');
    await card((c) => c.focused === 'textarea: Note');
    await page.keyboard.type('half a thought');
    await page.evaluate('scrollBy(0, -120)');
    await new Promise((done) => setTimeout(done, 500));
    expect((await readCard(page))?.fields['Note']).toBe('half a thought');
    await clickCardControl(page, 'Cancel');
    await closeCardWithEscape();
  });

  test('a note saved in a card is shown again after a reload', async () => {
    await hoverCard('Vladimir Putin');
    await card((c) => c.controls.some((x) => x.name === 'Add note'));
    await clickCardControl(page, 'Add note');
    await card((c) => c.focused === 'textarea: Note');
    await page.keyboard.type(NOTE);
    await card((c) => c.fields['Note'] === NOTE);
    await clickCardControl(page, 'Save note');
    await card((c) => c.text.includes(NOTE) && !c.controls.some((x) => x.tag === 'textarea'));
    await closeCardWithEscape();

    await gotoPage(page, server.url('/seed.html'));
    await waitForMarks(page);
    await hoverCard('Vladimir Putin');
    await card((c) => c.text.includes(NOTE) && c.text.includes('On this page'));
  });

  test('the note remembers where it was written: its passage is found and marked after the reload', async () => {
    await waitFor(async () => (await markedTexts(page, 'backstory-note')).includes('Vladimir Putin'), {
      what: 'the note passage',
    });
  });
});
