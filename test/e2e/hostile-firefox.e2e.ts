/**
 * Hostile and odd pages in Firefox (fixtures in hostile-pages.ts; the Chromium suite is
 * hostile.e2e.ts). The same claims: the page keeps working, Backstory marks and cards (or steps
 * aside cleanly), no error reaches the page, and a note's text cannot be found by page scripts.
 *
 * Probes run in the page's main world here (WebDriver BiDi); on the page that replaces `window.CSS`
 * they read the registry through the original object the page script kept aside.
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
import {
  hoverTerm,
  moveMouseAway,
  waitFor,
  waitForCard,
  waitForMarks,
  type DrivablePage,
} from '../../harness/page';
import { call, type CardSnapshot } from '../../harness/probes';
import { startServer, type StaticServer } from '../../harness/server';
import {
  FEED_MARKS,
  feedUntilMarked,
  HOSTILE_NOTE,
  hostilePages,
  LEAK_PROBE,
  type FeedMarks,
} from './hostile-pages';

/** Page world: the extension files in the page's resource timing. */
const EXTENSION_RESOURCES = `performance
  .getEntriesByType('resource')
  .map((e) => e.name)
  .filter((name) => /^(chrome|moz)-extension:/.test(name))`;

let server: StaticServer;
let firefox: FirefoxHarness;
let page: Page;
let pageErrors: string[] = [];
const report: Record<string, string> = {};

/** Probes that read `CSS.highlights` read the kept original on a page that replaced `CSS`. */
const withRealCss = (target: Page): DrivablePage => ({
  evaluate: (expression) =>
    target.evaluate(
      expression.replace(
        /globalThis\.CSS && CSS\.highlights \? CSS\.highlights/g,
        '(window.__hostile.realCSS || CSS).highlights ? (window.__hostile.realCSS || CSS).highlights',
      ),
    ),
  mouse: target.mouse,
});

interface PageState {
  pings: number;
  errors: string[];
  pwned: unknown[];
}

const pageState = async () =>
  JSON.parse(
    (await page.evaluate(
      'JSON.stringify({ pings: __hostile.pings, errors: __hostile.errors, pwned: __hostile.pwned })',
    )) as string,
  ) as PageState;

async function open(path: string): Promise<void> {
  pageErrors = [];
  await gotoPage(page, server.url(path));
}

async function expectPageWorks(): Promise<void> {
  const before = (await pageState()).pings;
  const box = (await page.evaluate(
    "(() => { const r = document.getElementById('ping').getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()",
  )) as { x: number; y: number };
  await page.mouse.click(box.x, box.y);
  await waitFor(async () => (await pageState()).pings === before + 1, {
    what: "the page's own click handler",
  });
}

async function expectNoErrors(): Promise<void> {
  const state = await pageState();
  expect([...pageErrors, ...state.errors]).toEqual([]);
  expect(state.pwned).toEqual([]);
}

async function openCardOn(text: string, accept: (c: CardSnapshot) => boolean = () => true) {
  await moveMouseAway(page);
  await hoverTerm(withRealCss(page), { text });
  return waitForCard(() => readCard(page), accept);
}

async function saveNote(note: string): Promise<CardSnapshot> {
  await clickCardControl(page, 'Add note');
  await waitForCard(
    () => readCard(page),
    (c) => c.focused === 'textarea: Note',
  );
  await page.keyboard.type(note);
  await page.keyboard.down('Control');
  await page.keyboard.press('Enter');
  await page.keyboard.up('Control');
  return waitForCard(
    () => readCard(page),
    (c) => c.text.includes(note) && !c.controls.some((x) => x.tag === 'textarea'),
  );
}

async function expectNoLeak(marker: string): Promise<number> {
  const leak = (await page.evaluate(call(LEAK_PROBE, marker))) as {
    found: string[];
    hosts: { shadowRoot: string | null; children: number }[];
    mutations: number;
  };
  expect(leak.found).toEqual([]);
  for (const host of leak.hosts) expect(host).toEqual({ shadowRoot: null, children: 0 });
  return leak.mutations;
}

beforeAll(async () => {
  const pages: Record<string, string> = {};
  const fixtures = hostilePages('');
  server = await startServer({ extraPages: pages, extraHeaders: fixtures.headers });
  Object.assign(pages, hostilePages(`http://localhost:${server.port}`).pages);
  firefox = await launchFirefox();
  page = await firefox.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(String(error)));
});

afterAll(async () => {
  console.log(
    'Hostile pages (Firefox):\n' +
      Object.entries(report)
        .map(([k, v]) => `  ${k}: ${v}`)
        .join('\n'),
  );
  await firefox?.close();
  await server?.close();
});

describe('Firefox: hostile and odd pages', () => {
  test('a page that replaced built-ins before Backstory ran: marked, carded, and the page still works', async () => {
    await open('/hostile/builtins.html');
    const marks = await waitForMarks(withRealCss(page));
    expect(marks).toContain('NATO');
    await openCardOn('NATO', (c) => c.text.length > 40);
    await page.keyboard.press('Escape');
    await expectPageWorks();
    await expectNoErrors();
    report.builtins = `${marks.length} marks, card opened on hover, page click handler ran, no errors`;
  });

  test('synthetic events open no card; a note typed in a real card cannot be read or saved by the page', async () => {
    await open('/hostile/reader.html');
    await waitForMarks(page);
    await page.mouse.move(1, 1);
    await page.evaluate('__attack()');
    await new Promise((done) => setTimeout(done, 1500));
    expect(await readCard(page)).toBeNull();
    const marker = `hostile-firefox-${Date.now().toString(36)}`;
    await openCardOn('NATO', (c) => c.controls.some((x) => x.name === 'Add note'));
    await clickCardControl(page, 'Add note');
    await waitForCard(
      () => readCard(page),
      (c) => c.focused === 'textarea: Note',
    );
    await page.keyboard.type(marker);
    const poked = JSON.parse((await page.evaluate('JSON.stringify(__attackCard())')) as string) as unknown;
    expect(poked).toEqual({ host: true, shadowRoot: null, children: 0 });
    // The card's code was loaded for this card; the page's resource timing does not show it (its
    // address would name the extension).
    expect(await page.evaluate(EXTENSION_RESOURCES)).toEqual([]);
    await new Promise((done) => setTimeout(done, 500));
    const after = await waitForCard(() => readCard(page));
    expect(after.fields['Note']).toBe(marker);
    await expectNoLeak(marker);
    await page.keyboard.down('Control');
    await page.keyboard.press('Enter');
    await page.keyboard.up('Control');
    await waitForCard(
      () => readCard(page),
      (c) => c.text.includes(marker) && !c.controls.some((x) => x.tag === 'textarea'),
    );
    const mutations = await expectNoLeak(marker);
    await expectPageWorks();
    await expectNoErrors();
    report.reader = `synthetic events opened no card; host.shadowRoot null; synthetic Escape/pointerdown/Ctrl+Enter ignored; note not in DOM, computed styles or ${mutations} mutation records`;
  });

  test('markup and script in a note are shown as text and never run', async () => {
    await open('/hostile/markup.html');
    await waitForMarks(page);
    await openCardOn('NATO', (c) => c.controls.some((x) => x.name === 'Add note'));
    const card = await saveNote(HOSTILE_NOTE);
    expect(card.text).toContain('<img src=x onerror=');
    expect(card.controls.filter((c) => c.href?.trim().toLowerCase().startsWith('javascript:'))).toEqual([]);
    await page.keyboard.press('Escape');
    await expectPageWorks();
    await expectNoErrors();
    report.markup = 'note with <img onerror>, <script>, javascript: links shown as text, nothing ran';
  });

  test('page CSS that fights back: the card is still shown, placed and on top', async () => {
    await open('/hostile/css.html');
    await waitForMarks(page);
    const point = await hoverTerm(page, { text: 'NATO' });
    const card = await waitForCard(
      () => readCard(page),
      (c) => c.text.length > 40,
    );
    const dialog = card.controls.find((c) => c.visible);
    expect(dialog).toBeDefined();
    const viewport = (await page.evaluate('({ width: innerWidth, height: innerHeight })')) as {
      width: number;
      height: number;
    };
    const shown = card.controls.filter(
      (c) => c.visible && c.center.y > 0 && c.center.y < viewport.height && c.center.x < viewport.width,
    );
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter((c) => !c.hittable).map((c) => c.name)).toEqual([]);
    expect(Math.abs(shown[0]!.center.y - point.y)).toBeLessThan(500);
    await page.keyboard.press('Escape');
    await expectPageWorks();
    await expectNoErrors();
    report.css = `card shown over the page's '!important' rules, zoom, transform and overlay; first control ${Math.round(shown[0]!.center.y - point.y)} px from the term; controls hittable`;
  });

  test('RTL and vertical text, a strict CSP, frames, shadow roots, SVG and editors', async () => {
    const seen: string[] = [];
    await open('/hostile/writing-modes.html');
    const modes = await waitForMarks(page);
    await openCardOn('NATO', () => true);
    await page.keyboard.press('Escape');
    seen.push(`writing-modes: ${modes.filter((m) => m === 'NATO').length} NATO marks, card on hover`);

    await open('/hostile/csp.html');
    const csp = await waitForMarks(page);
    const card = await openCardOn('NATO', (c) => c.text.length > 40);
    await page.keyboard.press('Escape');
    await expectNoErrors();
    seen.push(`csp: ${csp.length} marks, card "${card.dialogName}"`);

    await open('/hostile/iframes.html');
    const framed = await waitForMarks(page);
    seen.push(`iframes: ${framed.length} marks in the top page (frames not scripted: all_frames off)`);

    await open('/hostile/shadow.html');
    seen.push(`shadow: ${(await waitForMarks(page)).length} marks, open shadow root text not walked`);

    await open('/hostile/svg.html');
    const svg = await waitForMarks(page);
    expect(svg.filter((m) => m === 'NATO').length).toBe(2);
    seen.push(`svg: ${svg.length} marks, none in SVG`);

    await open('/hostile/editors.html');
    const editors = await waitForMarks(page);
    expect(editors.filter((m) => m === 'NATO').length).toBe(3);
    seen.push(`editors: ${editors.length} marks, none in editors/textarea/input`);
    await expectPageWorks();
    await expectNoErrors();
    report.odd = seen.join('; ');
  });

  test('pathological text: the page stays responsive and is marked', async () => {
    const started = Date.now();
    await open('/hostile/pathological.html');
    await waitFor(
      async () => (await page.evaluate("performance.getEntriesByName('backstory:ready').length")) === 1,
      { timeout: 80_000, what: 'the first scan to end' },
    );
    const readyMs = Date.now() - started;
    const t0 = Date.now();
    await page.evaluate('1');
    const answerMs = Date.now() - t0;
    expect(answerMs).toBeLessThan(5_000);
    await expectPageWorks();
    const registered = (await page.evaluate("CSS.highlights.get('backstory-entity').size")) as number;
    const slices = (await page.evaluate(
      "performance.getEntriesByName('backstory:scan').map((m) => Math.round(m.duration))",
    )) as number[];
    expect(registered).toBeGreaterThan(100);
    await expectNoErrors();
    report.pathological = `5 MB node, odd characters, surrogates, 10,000 x NATO: first scan done ${readyMs} ms after navigation; ${slices.length} scan slices, max ${Math.max(0, ...slices)} ms; ${registered} ranges registered; evaluate answered in ${answerMs} ms (Firefox has no longtask entries)`;
  });

  test('a long page that appends paragraphs as a feed: only marks near the viewport, the new ones too', async () => {
    await open('/hostile/feed.html');
    const marks = async () => (await page.evaluate(FEED_MARKS)) as FeedMarks;
    const { before, after, ms } = await feedUntilMarked((e) => page.evaluate(e), marks);
    expect(before.registered).toBeGreaterThan(0);
    expect(before.registered).toBeLessThan(1000);
    expect(after.fedTexts).toEqual(['Vladimir Putin']);
    expect(after.registered).toBeLessThan(1000);
    // WebDriver BiDi clicks only inside the viewport.
    await page.evaluate('scrollTo(0, 0)');
    await expectPageWorks();
    await expectNoErrors();
    report.feed = `3,000 mentions, ${before.registered} registered; 100 paragraphs appended in 5 batches: ${after.fed} of them marked ${ms} ms after the first batch, ${after.registered} registered`;
  });

  test('200,000 one-letter text nodes: marked, and the page answers', { timeout: 240_000 }, async () => {
    const started = Date.now();
    await open('/hostile/tiny-nodes.html');
    await waitFor(
      async () => (await page.evaluate("performance.getEntriesByName('backstory:ready').length")) === 1,
      { timeout: 120_000, what: 'the first scan to end' },
    );
    const readyMs = Date.now() - started;
    const t0 = Date.now();
    await expectPageWorks();
    const clickMs = Date.now() - t0;
    const slices = (await page.evaluate(
      "performance.getEntriesByName('backstory:scan').map((m) => Math.round(m.duration))",
    )) as number[];
    const registered = (await page.evaluate("CSS.highlights.get('backstory-entity').size")) as number;
    expect(registered).toBeGreaterThan(100);
    // The walk over 200,000 nodes is cut into slices (Chromium's suite says more).
    expect(slices.length).toBeGreaterThanOrEqual(3);
    await expectNoErrors();
    report['tiny-nodes'] =
      `first scan done ${readyMs} ms after navigation; ${slices.length} scan slices, max ${Math.max(0, ...slices)} ms; ${registered} ranges registered; a click handled in ${clickMs} ms`;
  });
});
