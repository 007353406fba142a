/**
 * Hostile and odd pages in Chromium (fixtures in hostile-pages.ts). Each case shows that the page
 * keeps working (its own #ping handler still runs after Backstory has marked it), that Backstory
 * marks what it should and opens a card on a real hover (or steps aside cleanly), that no error
 * reaches the page, and that a note's text cannot be found by the page's scripts.
 *
 * Marks and the card are read from an isolated world of the test's own (DevTools protocol), so a
 * page that has replaced `CSS`, `Array.prototype.map` or `Node.prototype` getters cannot fool the
 * probes. Numbers worth a look (long tasks, time to marks) are printed, not asserted tightly.
 */
import type { CDPSession, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type ChromiumHarness } from '../../harness/chromium';
import {
  hoverTerm,
  moveMouseAway,
  waitFor,
  waitForCard,
  waitForMarks,
  type DrivablePage,
} from '../../harness/page';
import { call, CARD_REVEAL_CONTROL, CARD_SNAPSHOT, type CardSnapshot } from '../../harness/probes';
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
let chromium: ChromiumHarness;
let page: Page;
/** Errors the page's console and the page itself reported, since the last `open`. */
let pageErrors: string[] = [];

interface CdpNode {
  nodeName: string;
  backendNodeId: number;
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}

function findNode(node: CdpNode, nodeName: string): CdpNode | null {
  if (node.nodeName === nodeName) return node;
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) {
    const found = findNode(child, nodeName);
    if (found) return found;
  }
  return null;
}

/** A world of the test's own in the page's top frame: the page's overrides do not reach it. */
async function isolatedWorld(target: Page): Promise<{ cdp: CDPSession; contextId: number }> {
  const cdp = await target.context().newCDPSession(target);
  const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
  const { executionContextId } = await cdp.send('Page.createIsolatedWorld', {
    frameId: frameTree.frame.id,
    worldName: 'hostile-probe',
  });
  return { cdp, contextId: executionContextId };
}

async function isolatedEvaluate(target: Page, expression: string): Promise<unknown> {
  const { cdp, contextId } = await isolatedWorld(target);
  try {
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      expression,
      contextId,
      returnByValue: true,
      awaitPromise: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Runs `fnSource` on the card's closed shadow root, in the test's isolated world. */
async function inCard<T>(target: Page, fnSource: string): Promise<T | null> {
  const { cdp, contextId } = await isolatedWorld(target);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const shadow = findNode(root, 'BACKSTORY-CARD')?.shadowRoots?.[0];
    if (!shadow) return null;
    const { object } = await cdp.send('DOM.resolveNode', {
      backendNodeId: shadow.backendNodeId,
      executionContextId: contextId,
    });
    if (!object.objectId) return null;
    const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: `function () { return (${fnSource})(this); }`,
      returnByValue: true,
      awaitPromise: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value as T;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

async function readCard(target: Page): Promise<CardSnapshot | null> {
  const json = await inCard<string>(target, CARD_SNAPSHOT);
  return json === null ? null : (JSON.parse(json) as CardSnapshot);
}

/** The page as the harness helpers drive it, with probes in the isolated world. */
const drivable = (target: Page): DrivablePage => ({
  evaluate: (expression) => isolatedEvaluate(target, expression),
  mouse: target.mouse,
});

/** The page's own state (hostile-pages.ts SENTINEL), from the main world, through JSON only. */
async function pageState(): Promise<{
  pings: number;
  errors: string[];
  pwned: unknown[];
  longTasks: number[] | null;
}> {
  return (await page.evaluate(
    'JSON.parse(JSON.stringify({ pings: __hostile.pings, errors: __hostile.errors, pwned: __hostile.pwned, longTasks: __hostile.longTasks }))',
  )) as { pings: number; errors: string[]; pwned: unknown[]; longTasks: number[] | null };
}

async function open(path: string): Promise<void> {
  pageErrors = [];
  await page.goto(server.url(path));
}

/** Clicks the page's own button with the real mouse: its handler must still run. */
async function expectPageWorks(): Promise<void> {
  const before = (await pageState()).pings;
  await page.click('#ping', { force: true });
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
  await hoverTerm(drivable(page), { text });
  return waitForCard(() => readCard(page), accept);
}

async function clickInCard(name: string): Promise<void> {
  const target = await inCard<{ x: number; y: number; hittable: boolean }>(
    page,
    `(root) => (${CARD_REVEAL_CONTROL})(root, ${JSON.stringify({ exact: name })})`,
  );
  if (!target) throw new Error(`no control ${name} in the card`);
  expect(target.hittable, `${name} is covered`).toBe(true);
  await page.mouse.click(target.x, target.y);
}

/** Saves `note` on the open card with the keyboard, as a reader would. */
async function saveNote(note: string): Promise<CardSnapshot> {
  await clickInCard('Add note');
  await waitForCard(
    () => readCard(page),
    (c) => c.focused === 'textarea: Note',
  );
  await page.keyboard.type(note);
  await page.keyboard.press('Control+Enter');
  return waitForCard(
    () => readCard(page),
    (c) => c.text.includes(note) && !c.controls.some((x) => x.tag === 'textarea'),
  );
}

interface Leak {
  found: string[];
  hosts: { shadowRoot: string | null; children: number }[];
  mutations: number;
}

async function expectNoLeak(marker: string): Promise<Leak> {
  const leak = (await page.evaluate(call(LEAK_PROBE, marker))) as Leak;
  expect(leak.found).toEqual([]);
  for (const host of leak.hosts) expect(host).toEqual({ shadowRoot: null, children: 0 });
  return leak;
}

const report: Record<string, string> = {};

beforeAll(async () => {
  // The cross-origin frame comes from the same server under another host name (another origin),
  // so its page is written once the port is known: the server reads its page table per request.
  const pages: Record<string, string> = {};
  const fixtures = hostilePages('');
  server = await startServer({ extraPages: pages, extraHeaders: fixtures.headers });
  Object.assign(pages, hostilePages(`http://localhost:${server.port}`).pages);
  chromium = await launchChromium();
  page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(String(error)));
});

afterAll(async () => {
  console.log(
    'Hostile pages (Chromium):\n' +
      Object.entries(report)
        .map(([k, v]) => `  ${k}: ${v}`)
        .join('\n'),
  );
  await chromium?.dispose();
  await server?.close();
});

describe('Chromium: hostile and odd pages', () => {
  test('a page that replaced built-ins before Backstory ran: marked, carded, and the page still works', async () => {
    await open('/hostile/builtins.html');
    expect(await page.evaluate('__hostile.overridden')).toBe(true);
    const marks = await waitForMarks(drivable(page));
    expect(marks).toContain('NATO');
    expect(marks).toContain('Vladimir Putin');
    const card = await openCardOn('NATO', (c) => c.text.length > 40);
    expect(card.dialogName).toMatch(/NATO/);
    await expectPageWorks();
    await expectNoErrors();
    report.builtins = `${marks.length} marks, card opened on hover, page click handler ran, no errors`;
  });

  test('a page that pokes with synthetic events opens no card and saves nothing', async () => {
    await open('/hostile/reader.html');
    await waitForMarks(drivable(page));
    await page.mouse.move(1, 1);
    await page.evaluate('__attack()');
    await new Promise((done) => setTimeout(done, 1500));
    expect(await readCard(page)).toBeNull();
    // A real card, then the page tries to close it, type into it and save from outside.
    const marker = `hostile-reader-${Date.now().toString(36)}`;
    await openCardOn('NATO', (c) => c.controls.some((x) => x.name === 'Add note'));
    await clickInCard('Add note');
    await waitForCard(
      () => readCard(page),
      (c) => c.focused === 'textarea: Note',
    );
    await page.keyboard.type(marker);
    const poked = (await page.evaluate('JSON.parse(JSON.stringify(__attackCard()))')) as {
      host: boolean;
      shadowRoot: unknown;
      children: number;
    };
    expect(poked).toEqual({ host: true, shadowRoot: null, children: 0 });
    // The card's code was loaded for this card; the page's resource timing does not show it (its
    // address would name the extension).
    expect(await page.evaluate(EXTENSION_RESOURCES)).toEqual([]);
    await new Promise((done) => setTimeout(done, 500));
    // Still open, the note still unsaved in its box (the page's Control+Enter did nothing).
    const after = await waitForCard(() => readCard(page));
    expect(after.fields['Note']).toBe(marker);
    await expectNoLeak(marker);
    await page.keyboard.press('Control+Enter');
    await waitForCard(
      () => readCard(page),
      (c) => c.text.includes(marker) && !c.controls.some((x) => x.tag === 'textarea'),
    );
    const leak = await expectNoLeak(marker);
    await expectPageWorks();
    await expectNoErrors();
    report.reader = `synthetic pointer/mouse/click/key events opened no card; with a card open, host.shadowRoot null, synthetic Escape/pointerdown/Ctrl+Enter ignored; note text not found in DOM, computed styles or ${leak.mutations} mutation records`;
  });

  test('markup and script in page text and in a note are shown as text and never run', async () => {
    await open('/hostile/markup.html');
    const marks = await waitForMarks(drivable(page));
    expect(marks).toContain('NATO');
    await openCardOn('NATO', (c) => c.controls.some((x) => x.name === 'Add note'));
    const card = await saveNote(HOSTILE_NOTE);
    expect(card.text).toContain('<img src=x onerror=');
    expect(card.controls.filter((c) => c.href?.trim().toLowerCase().startsWith('javascript:'))).toEqual([]);
    const elements = await inCard<string[]>(
      page,
      `(root) => [...root.querySelectorAll('img, script, iframe, object, embed')].map((e) => e.localName)`,
    );
    expect(elements).toEqual([]);
    await page.keyboard.press('Escape');
    await expectNoLeak('__hostile.pwned.push(5)');
    await expectPageWorks();
    await expectNoErrors();
    report.markup =
      'note with <img onerror>, <script> and javascript: links shown as text; no img/script in the card, no javascript: href, nothing ran';
  });

  test('page CSS that fights back: the card is still shown, readable, placed and on top', async () => {
    await open('/hostile/css.html');
    const marks = await waitForMarks(drivable(page));
    expect(marks).toContain('NATO');
    const point = await hoverTerm(drivable(page), { text: 'NATO' });
    const card = await waitForCard(
      () => readCard(page),
      (c) => c.text.length > 40,
    );
    const box = await inCard<{ x: number; y: number; width: number; height: number; font: string }>(
      page,
      `(root) => { const d = root.querySelector('[role=dialog]'); const r = d.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height, font: getComputedStyle(d).fontSize }; }`,
    );
    expect(box).not.toBeNull();
    const viewport = page.viewportSize()!;
    expect(box!.width).toBeGreaterThan(200);
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width + 1);
    // Beside the term: not thrown to a corner by the transformed, zoomed body.
    expect(Math.abs(box!.y - point.y)).toBeLessThan(400);
    expect(parseFloat(box!.font)).toBeGreaterThanOrEqual(12);
    // On top of the page's max z-index overlay: its buttons take the click.
    // (Those scrolled out of the card's own view are left out: they are clipped, not covered.)
    const shown = card.controls.filter(
      (c) =>
        c.visible &&
        c.center.y > box!.y &&
        c.center.y < box!.y + box!.height &&
        c.center.y < viewport.height &&
        c.center.x < viewport.width,
    );
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter((c) => !c.hittable).map((c) => c.name)).toEqual([]);
    await page.keyboard.press('Escape');
    await expectPageWorks();
    await expectNoErrors();
    report.css = `'* { all: unset !important }', 'backstory-card { display: none !important }', a max z-index overlay, transform and zoom on body: card shown ${Math.round(box!.width)}x${Math.round(box!.height)} at ${Math.round(box!.y - point.y)} px from the term, font ${box!.font}, controls hittable`;
  });

  test('right-to-left and vertical text: marked and carded', async () => {
    await open('/hostile/writing-modes.html');
    const marks = await waitForMarks(drivable(page));
    const nato = marks.filter((m) => m === 'NATO').length;
    expect(nato).toBeGreaterThanOrEqual(5);
    const found: string[] = [];
    for (const nth of [2, 3, 4]) {
      await moveMouseAway(page);
      await page.keyboard.press('Escape');
      await hoverTerm(drivable(page), { text: 'NATO', nth });
      const card = await waitForCard(() => readCard(page)).catch(() => null);
      found.push(card ? 'card' : 'no card');
    }
    expect(found[0]).toBe('card');
    await expectPageWorks();
    await expectNoErrors();
    report['writing-modes'] =
      `${nato} NATO marks (RTL paragraph, vertical-rl, vertical-lr rtl); hover on RTL/vertical marks: ${found.join(', ')}`;
  });

  test('a strict Content-Security-Policy page: marked, carded, no violation reported', async () => {
    const violations: string[] = [];
    await open('/hostile/csp.html');
    await page.evaluate(
      "addEventListener('securitypolicyviolation', (e) => __hostile.errors.push('csp: ' + e.violatedDirective + ' ' + e.blockedURI))",
    );
    const marks = await waitForMarks(drivable(page));
    expect(marks).toContain('NATO');
    const card = await openCardOn('NATO', (c) => c.text.length > 40);
    // The card's stylesheet applied despite style-src: a styled dialog has a background and padding.
    const styled = await inCard<string>(
      page,
      `(root) => getComputedStyle(root.querySelector('[role=dialog]')).position`,
    );
    await page.keyboard.press('Escape');
    await expectPageWorks();
    const state = await pageState();
    violations.push(...state.errors.filter((e) => e.startsWith('csp:')));
    await expectNoErrors();
    report.csp = `CSP "${'default-src none; script-src/style-src nonce only'}": ${marks.length} marks, card "${card.dialogName}" with position ${styled}, no CSP violation`;
  });

  test('frames: the top page is marked; frames are left alone (all_frames is off)', async () => {
    await open('/hostile/iframes.html');
    const marks = await waitForMarks(drivable(page));
    expect(marks.length).toBeGreaterThan(0);
    await waitFor(async () => page.frames().length >= 4, { what: 'three frames' });
    const inFrames: Record<string, number> = {};
    for (const frame of page.frames().slice(1)) {
      const count = (await frame
        .evaluate(
          "globalThis.CSS && CSS.highlights && CSS.highlights.get('backstory-entity') ? CSS.highlights.get('backstory-entity').size : 0",
        )
        .catch(() => -1)) as number;
      inFrames[
        frame
          .url()
          .replace(server.origin, '')
          .replace(/localhost:\d+/, 'localhost')
      ] = count;
    }
    expect(Object.values(inFrames).every((n) => n === 0)).toBe(true);
    await openCardOn('NATO');
    await page.keyboard.press('Escape');
    await expectPageWorks();
    await expectNoErrors();
    report.iframes = `top page ${marks.length} marks; marks inside frames: ${JSON.stringify(inFrames)} (all_frames off by choice)`;
  });

  test('an open shadow root in the page: its text is not walked; the rest is marked', async () => {
    await open('/hostile/shadow.html');
    const marks = await waitForMarks(drivable(page));
    const inShadow = (await isolatedEvaluate(
      page,
      `(() => { const h = CSS.highlights.get('backstory-entity'); let n = 0;
        for (const r of h) if (r.startContainer.getRootNode() !== document) n++; return n; })()`,
    )) as number;
    await openCardOn('NATO');
    await page.keyboard.press('Escape');
    await expectPageWorks();
    await expectNoErrors();
    report.shadow = `${marks.length} marks in the light DOM, ${inShadow} inside the page's open shadow root (not walked)`;
  });

  test('SVG text is not marked; a foreignObject paragraph is skipped with it', async () => {
    await open('/hostile/svg.html');
    const marks = await waitForMarks(drivable(page));
    expect(marks.filter((m) => m === 'NATO').length).toBe(2);
    await expectPageWorks();
    await expectNoErrors();
    report.svg = `${marks.length} marks, all in the HTML prose; <svg><text> and its foreignObject not marked`;
  });

  test('editors, textareas and inputs are never marked, even after typing a name', async () => {
    await open('/hostile/editors.html');
    const marks = await waitForMarks(drivable(page));
    expect(marks.filter((m) => m === 'NATO').length).toBe(3);
    await page.click('#editor');
    await page.keyboard.press('End');
    await page.keyboard.type(' NATO and Vladimir Putin typed.');
    await page.click('#area');
    await page.keyboard.type(' NATO');
    await new Promise((done) => setTimeout(done, 1200));
    const after = await waitForMarks(drivable(page));
    expect(after.filter((m) => m === 'NATO').length).toBe(3);
    await expectPageWorks();
    await expectNoErrors();
    report.editors = `contenteditable (true, plaintext-only), textarea, input: not marked, also after typing; contenteditable=false text marked (${after.length} marks)`;
  });

  test('pathological text: the page stays responsive and is marked', async () => {
    const started = Date.now();
    await open('/hostile/pathological.html');
    // Cheap probes only: reading 26,000 ranges' boxes would itself freeze the page for seconds.
    await waitFor(
      async () => (await page.evaluate("performance.getEntriesByName('backstory:ready').length")) === 1,
      { timeout: 60_000, what: 'the first scan to end' },
    );
    const readyMs = Date.now() - started;
    await new Promise((done) => setTimeout(done, 1000));
    const tasks = (await pageState()).longTasks ?? [];
    // The page answers quickly after Backstory's first scan.
    const t0 = Date.now();
    await page.evaluate('1');
    const answerMs = Date.now() - t0;
    expect(answerMs).toBeLessThan(5_000);
    await expectPageWorks();
    const built = (await page.evaluate('__hostile.builtMs')) as number;
    const slices = (await page.evaluate(
      "performance.getEntriesByName('backstory:scan').map((m) => Math.round(m.duration))",
    )) as number[];
    const perParagraph = (await isolatedEvaluate(
      page,
      `(() => { const out = { registered: 0 }; for (const r of CSS.highlights.get('backstory-entity')) {
        out.registered++; const p = r.startContainer.parentElement; const id = (p && p.id) || 'other';
        const text = r.startContainer === r.endContainer ? r.startContainer.data.slice(r.startOffset, r.endOffset) : '(across nodes)';
        out[id] = out[id] || {}; out[id][text] = (out[id][text] || 0) + 1; } return out; })()`,
    )) as Record<string, unknown>;
    // A generous bound: no single freeze of 10 s.
    expect(Math.max(0, ...tasks)).toBeLessThan(10_000);
    expect(perParagraph.registered as number).toBeGreaterThan(100);
    await expectNoErrors();
    report.pathological = `5 MB node + zero-width/combining + surrogates + 10,000 x NATO: first scan done ${readyMs} ms after navigation; scan slices ${slices.length} (max ${Math.max(0, ...slices)} ms); page built its text in ${built} ms; long tasks ${JSON.stringify(tasks)} ms (page's own build included); evaluate answered in ${answerMs} ms; registered ranges by paragraph: ${JSON.stringify(perParagraph)}`;
  });

  test('a long page that appends paragraphs as a feed: only marks near the viewport, the new ones too', async () => {
    await open('/hostile/feed.html');
    const marks = async () => (await isolatedEvaluate(page, FEED_MARKS)) as FeedMarks;
    const { before, after, ms } = await feedUntilMarked((e) => page.evaluate(e), marks);
    // 3,000 mentions on the page: only those near the viewport are registered.
    expect(before.registered).toBeGreaterThan(0);
    expect(before.registered).toBeLessThan(1000);
    expect(after.fedTexts).toEqual(['Vladimir Putin']);
    expect(after.registered).toBeLessThan(1000);
    await expectPageWorks();
    await expectNoErrors();
    report.feed = `3,000 mentions, ${before.registered} registered; 100 paragraphs appended in 5 batches: ${after.fed} of them marked ${ms} ms after the first batch, ${after.registered} registered`;
  });

  /**
   * 200,000 one-letter text nodes in one line give 16,000 marks that each span several nodes.
   * After any page change (the #ping click changes its label) Chromium repaints every registered
   * range, and 16,000 underlines took 17 s: the line is painted near the viewport only (about
   * 1,400 ranges) from its first slice on. The walk over the line and the keeping of its nodes are
   * cut into slices; matching its text is still one slice (about 20 ms): a name may span nodes,
   * so the line is matched whole. Times are reported, not asserted.
   */
  test(
    '200,000 one-letter text nodes: marked over several slices; the times are reported',
    { timeout: 240_000 },
    async () => {
      const started = Date.now();
      await open('/hostile/tiny-nodes.html');
      await waitFor(
        async () => (await page.evaluate("performance.getEntriesByName('backstory:ready').length")) === 1,
        { timeout: 90_000, what: 'the first scan to end' },
      );
      const readyMs = Date.now() - started;
      const t0 = Date.now();
      const before = (await pageState()).pings;
      await page.click('#ping', { force: true, timeout: 150_000 });
      await waitFor(async () => (await pageState()).pings === before + 1, {
        timeout: 150_000,
        what: "the page's own click handler",
      });
      const clickMs = Date.now() - t0;
      const tasks = (await pageState()).longTasks ?? [];
      const slices = (await page.evaluate(
        "performance.getEntriesByName('backstory:scan').map((m) => Math.round(m.duration))",
      )) as number[];
      const registered = (await isolatedEvaluate(
        page,
        "CSS.highlights.get('backstory-entity').size",
      )) as number;
      expect(registered).toBeGreaterThan(100);
      // The walk over 200,000 nodes takes tens of milliseconds on any machine: never one slice.
      expect(slices.length).toBeGreaterThanOrEqual(3);
      await expectNoErrors();
      report['tiny-nodes'] =
        `200,000 one-letter nodes in one line: first scan done ${readyMs} ms after navigation; scan slices ${slices.length} (max ${Math.max(0, ...slices)} ms); ${registered} ranges registered; a click on the page took ${clickMs} ms to be handled; long tasks ${JSON.stringify(tasks)} ms`;
    },
  );
});
