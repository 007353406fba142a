/**
 * `npm run bench`: how much Backstory costs a page, measured in real browsers with the built
 * extension. For every page of ../shared/pages and a generated page of 50,000 paragraphs, in
 * Chromium and Firefox, with the shipped glossary and with a generated one of 10,000 aliases:
 *
 * - walk floor: a bare TreeWalker reading every text node (first pass on a fresh page; best of five);
 * - Backstory: main-thread time from its start to every mention painted (its own slices, read from
 *   the performance timeline), the longest slice, slices over 50 ms, long tasks meanwhile
 *   (Chromium), JS heap added (Chromium, against the same page without Backstory, and what an
 *   extension whose content script does nothing adds) and the time
 *   from a hover to the card on screen: the page's first (which loads the card's code), then with
 *   the background warm and asleep;
 * - the page's own DOM updates (a fixed script of mutations and forced layouts) with and without;
 * - mark.js 8.11.1 marking the same aliases, stopped at a time limit;
 * - an infinite-scroll feed on the generated page, and scrolling it from the top;
 * - the content script's size, the matcher data's size, and the matcher candidates compared in Node.
 *
 * It prints tables and writes bench-results/latest.json and latest.md. Options:
 *   --browsers chromium,firefox   --pages wikipedia-2,generated   --variants full,10k
 *   --paragraphs 50000            --mark-limit 10000 (ms)          --repeat 3
 *   --skip-build                  --skip-matchers
 * Page "small" is a short article (the fixed costs); "generated" is the page of many paragraphs.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { Window } from 'happy-dom';
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { OPEN_DELAY_MS } from '../content/hover-intent';
import { collectSegments } from '../content/segments';
import { compileIndex, type CompiledIndex } from '../glossary/compile';
import { loadGlossary } from '../glossary/load';
import { packIndex } from '../glossary/pack';
import { launchChromium, readCard as readChromiumCard, sitesOffSource } from '../harness/chromium';
import { gotoPage, launchFirefox, readCard as readFirefoxCard } from '../harness/firefox';
import { REPO_ROOT, SHARED_PAGES_DIR } from '../harness/paths';
import { call, type CardSnapshot } from '../harness/probes';
import { startServer } from '../harness/server';
import { EMPTY_SCRIPT_MARK, writeEmptyExtension } from './empty-extension';
import { feedParagraphs, generatedPage } from './generated';
import { aliasTexts, generatedGlossary, writeGlossaryDir } from './glossary';
import {
  READY_COUNT,
  BACKSTORY_READY,
  BACKSTORY_RESULT,
  BACKSTORY_UPDATES,
  CARD_TIMES,
  CARD_WATCH,
  FEED,
  SCROLL,
  INIT_SCRIPT,
  MARK_JS,
  PAGE_UPDATES,
  PICK_TERM,
  WALK_FLOOR,
} from './in-page';
import { compareMatchers, type MatcherRow } from './matchers';
import {
  printReport,
  SCROLL_FRAMES,
  toMarkdown,
  type BenchResults,
  type PageRow,
  type ScrollFrames,
} from './report';

const { values: args } = parseArgs({
  options: {
    browsers: { type: 'string', default: 'chromium,firefox' },
    pages: { type: 'string' },
    variants: { type: 'string', default: 'full,10k' },
    paragraphs: { type: 'string', default: '50000' },
    'mark-limit': { type: 'string', default: '10000' },
    repeat: { type: 'string', default: '3' },
    'skip-build': { type: 'boolean', default: false },
    'skip-matchers': { type: 'boolean', default: false },
  },
  strict: true,
});

const BENCH_OUT = path.join(REPO_ROOT, '.output', 'bench');
const RESULTS_DIR = path.join(REPO_ROOT, 'bench-results');
const browsers = args.browsers.split(',').filter(Boolean) as ('chromium' | 'firefox')[];
const variants = args.variants.split(',').filter(Boolean) as ('full' | '10k')[];
const paragraphs = Number(args.paragraphs);
const markLimit = Number(args['mark-limit']);
const repeat = Math.max(1, Number(args.repeat));
const sharedPages = readdirSync(SHARED_PAGES_DIR)
  .filter((f) => f.endsWith('.html'))
  .map((f) => f.replace(/\.html$/, ''))
  .sort();
const pages = args.pages ? args.pages.split(',') : ['small', ...sharedPages, 'generated'];

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
const log = (...parts: unknown[]) => console.error('[bench]', ...parts);

// ---- glossaries and builds ---------------------------------------------------------------------

const fullEntries = loadGlossary();
const fullIndex = compileIndex(fullEntries);
/** Real text for the generated glossary's made-up names: the shared pages' visible text. */
function pageText(name: string): string[] {
  const window = new Window();
  const globals = globalThis as Record<string, unknown>;
  for (const g of ['NodeFilter', 'Node', 'HTMLElement']) {
    globals[g] ??= (window as unknown as Record<string, unknown>)[g];
  }
  try {
    window.document.write(readFileSync(path.join(SHARED_PAGES_DIR, `${name}.html`), 'utf8'));
    return collectSegments(window.document.body as unknown as Node).map((s) => s.text);
  } finally {
    void window.happyDOM.close();
  }
}
log('reading the shared pages');
const texts = Object.fromEntries(sharedPages.map((p) => [p, pageText(p)]));
const corpus = Object.values(texts).flat().join('\n');
const bigEntries = generatedGlossary(10_000, corpus);
const bigIndex = compileIndex(bigEntries);
const bigDir = path.join(BENCH_OUT, 'glossary-10k');
writeGlossaryDir(bigDir, bigEntries);
const indexes: Record<'full' | '10k', CompiledIndex> = { full: fullIndex, '10k': bigIndex };

const buildDir = (variant: string, browser: string) =>
  path.join(BENCH_OUT, variant, browser === 'chromium' ? 'chrome-mv3' : 'firefox-mv2');

function build(variant: 'full' | '10k', browser: 'chrome' | 'firefox') {
  log(`building ${variant} for ${browser}`);
  const env = { ...process.env };
  if (variant === '10k') env.BACKSTORY_GLOSSARY_DIR = bigDir;
  else delete env.BACKSTORY_GLOSSARY_DIR;
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'bench', 'build.ts'), path.join(BENCH_OUT, variant), browser],
    { cwd: REPO_ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (result.status !== 0) throw new Error(`build of ${variant} for ${browser} failed`);
}

if (!args['skip-build']) {
  for (const variant of variants) {
    for (const browser of browsers) build(variant, browser === 'chromium' ? 'chrome' : 'firefox');
  }
}

function sizes() {
  const file = path.join(buildDir('full', browsers[0] ?? 'chromium'), 'content-scripts', 'content.js');
  const content = readFileSync(file);
  const packed = packIndex(fullIndex);
  const part = (value: unknown) => {
    const json = JSON.stringify(value);
    return { raw: json.length, gzip: gzipSync(json).length };
  };
  return {
    contentScript: { raw: content.length, gzip: gzipSync(content).length },
    matcherData: part({
      trie: packed.trie,
      termInfo: packed.termInfo,
      entries: packed.entries,
      conditions: packed.conditions,
      marks: packed.marks,
    }),
    idsNamesKinds: part({ kinds: packed.kinds, otherNames: packed.otherNames, otherIds: packed.otherIds }),
    index: part(packed),
    entries: fullEntries.length,
    terms: fullIndex.terms.length,
    bigTerms: bigIndex.terms.length,
  };
}

// ---- browsers ---------------------------------------------------------------------------------

interface BenchPage {
  goto(url: string): Promise<void>;
  evaluate<T>(source: string, arg?: unknown): Promise<T>;
  addScript(content: string): Promise<void>;
  readonly mouse: { move(x: number, y: number, options?: { steps?: number }): Promise<void> };
  /** V8 heap in use after a full collection; null where the browser does not say. */
  heapUsed(): Promise<number | null>;
  readCard(): Promise<CardSnapshot | null>;
  /** The walk floor's first pass from a world that sees the page as a content script does. */
  isolatedWalk(): Promise<number | null>;
  /** Puts the extension's background to sleep; false where that cannot be done. */
  stopBackground(): Promise<boolean>;
  close(): Promise<void>;
}

interface BenchBrowser {
  newPage(): Promise<BenchPage>;
  /**
   * Turns Backstory off or on for the test server's host with its own site switch (the popup's),
   * so one page can be measured with and without it; false where the bench cannot reach it.
   */
  setEnabled(enabled: boolean): Promise<boolean>;
  close(): Promise<void>;
}

async function openChromium(extensionDir: string | null): Promise<BenchBrowser> {
  const harness = await launchChromium({
    withExtension: extensionDir !== null,
    ...(extensionDir ? { extensionDir } : {}),
    routeRequests: false,
  });
  await harness.context.addInitScript({ content: INIT_SCRIPT });
  for (const p of harness.context.pages()) await p.close();
  return {
    async newPage() {
      const page: PlaywrightPage = await harness.context.newPage();
      const cdp = await harness.context.newCDPSession(page);
      return {
        goto: async (url) => {
          await page.goto(url, { waitUntil: 'load', timeout: 180_000 });
        },
        evaluate: (source, arg) => page.evaluate(call(source, arg)) as never,
        addScript: async (content) => {
          await page.addScriptTag({ content });
        },
        mouse: page.mouse,
        async heapUsed() {
          await cdp.send('HeapProfiler.collectGarbage');
          await cdp.send('HeapProfiler.collectGarbage');
          const { usedSize } = await cdp.send('Runtime.getHeapUsage');
          return usedSize;
        },
        readCard: () => readChromiumCard(page),
        async isolatedWalk() {
          const { frameTree } = await cdp.send('Page.getFrameTree');
          const { executionContextId } = await cdp.send('Page.createIsolatedWorld', {
            frameId: frameTree.frame.id,
            worldName: 'backstory-bench',
          });
          const { result } = await cdp.send('Runtime.evaluate', {
            expression: call(WALK_FLOOR),
            contextId: executionContextId,
            returnByValue: true,
          });
          return (result.value as { cold: number }).cold;
        },
        async stopBackground() {
          if (extensionDir === null) return false;
          const stopped = await harness.stopServiceWorker();
          await page.bringToFront();
          return stopped;
        },
        close: () => page.close(),
      };
    },
    async setEnabled(enabled) {
      if (extensionDir === null) return false;
      const worker = await harness.serviceWorker();
      // The test server's host listed as a site where Backstory is off, or not.
      await worker.evaluate(sitesOffSource(enabled ? [] : ['127.0.0.1']));
      return true;
    },
    close: () => harness.dispose(),
  };
}

/** What the Firefox walk needs of Puppeteer's BiDi frame: its sandbox realm (not in its typed API). */
interface IsolatedFrame {
  isolatedRealm(): { evaluate(expression: string): Promise<unknown> };
}

async function openFirefox(extensionDir: string | null): Promise<BenchBrowser> {
  const harness = await launchFirefox({
    withExtension: extensionDir !== null,
    ...(extensionDir ? { extensionDir } : {}),
  });
  return {
    async newPage() {
      const page: PuppeteerPage = await harness.newPage();
      await page.evaluateOnNewDocument(INIT_SCRIPT);
      return {
        goto: (url) => gotoPage(page, url, 180_000),
        evaluate: (source, arg) => page.evaluate(call(source, arg)) as never,
        addScript: async (content) => {
          await page.addScriptTag({ content });
        },
        mouse: page.mouse,
        heapUsed: async () => null,
        readCard: () => readFirefoxCard(page),
        async isolatedWalk() {
          // A WebDriver BiDi sandbox sees the page through the same wrappers as a content script.
          // Puppeteer keeps one per document for its own use; it is not in its typed API.
          const frame = page.mainFrame() as unknown as Partial<IsolatedFrame>;
          if (typeof frame.isolatedRealm !== 'function') return null;
          const result = await frame.isolatedRealm().evaluate(call(WALK_FLOOR));
          return (result as { cold: number }).cold;
        },
        // Firefox runs the MV2 background page persistently: it never sleeps.
        stopBackground: async () => false,
        close: () => page.close(),
      };
    },
    // The background page of Firefox is not reachable from the bench's driver.
    setEnabled: async () => false,
    close: () => harness.close(),
  };
}

const open = (browser: 'chromium' | 'firefox', extensionDir: string | null) =>
  browser === 'chromium' ? openChromium(extensionDir) : openFirefox(extensionDir);

// ---- one page --------------------------------------------------------------------------------

const markSource = readFileSync(
  path.join(REPO_ROOT, 'node_modules', 'mark.js', 'dist', 'mark.min.js'),
  'utf8',
);
const updateSentences = feedParagraphs(fullIndex, 60, 7);
const feedArgs = { paragraphs: feedParagraphs(fullIndex, 5_000, 11), batches: 25, gap: 100 };

async function poll<T>(probe: () => Promise<T | null | false>, timeout: number, what: string): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

type Baseline = Pick<PageRow, 'walk' | 'updatesWithout' | 'feedWithout' | 'scrollWithout' | 'markjs'> & {
  heap: number | null;
};

/** `with` − `without`, or null when either is unknown. */
const added = (withIt: number | null, without: number | null): number | null =>
  withIt !== null && without !== null ? withIt - without : null;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
};

/** Median V8 heap of fresh pages once the empty content script has run (Chromium; else null). */
async function measureEmptyScript(browser: BenchBrowser, url: string): Promise<number | null> {
  const heaps: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const page = await browser.newPage();
    try {
      await page.goto(url);
      const mark = `() => performance.getEntriesByName(${JSON.stringify(EMPTY_SCRIPT_MARK)}).length > 0`;
      await poll(() => page.evaluate<boolean>(mark), 60_000, 'the empty content script');
      await sleep(300);
      const used = await page.heapUsed();
      if (used === null) return null;
      heaps.push(used);
    } finally {
      await page.close();
    }
  }
  return median(heaps);
}

async function measureBaseline(browser: BenchBrowser, url: string, generated: boolean): Promise<Baseline> {
  // The walk floor on fresh pages, in the page's world and as a content script sees the page.
  const colds: number[] = [];
  const isolated: number[] = [];
  // The heap of fresh pages, as Backstory's is taken: one page taken after others differs.
  const heaps: number[] = [];
  let walk: Omit<PageRow['walk'], 'isolated'> | null = null;
  for (let i = 0; i < repeat; i++) {
    const fresh = await browser.newPage();
    try {
      await fresh.goto(url);
      await sleep(300);
      const used = await fresh.heapUsed();
      if (used !== null) heaps.push(used);
      const w = await fresh.evaluate<Omit<PageRow['walk'], 'isolated'>>(WALK_FLOOR);
      colds.push(w.cold);
      walk ??= w;
    } finally {
      await fresh.close();
    }
    const other = await browser.newPage();
    try {
      await other.goto(url);
      await sleep(300);
      const ms = await other.isolatedWalk();
      if (ms !== null) isolated.push(ms);
    } finally {
      await other.close();
    }
  }
  const page = await browser.newPage();
  try {
    await page.goto(url);
    await sleep(300);
    const walkRow: PageRow['walk'] = {
      ...walk!,
      cold: median(colds),
      isolated: isolated.length > 0 ? median(isolated) : null,
    };
    const heap = heaps.length > 0 ? median(heaps) : null;
    const updatesWithout = await page.evaluate<PageRow['updatesWithout']>(PAGE_UPDATES, updateSentences);
    const scrollWithout = generated ? await page.evaluate<ScrollFrames>(SCROLL, SCROLL_FRAMES) : null;
    const feedWithout = generated
      ? await page.evaluate<NonNullable<PageRow['feedWithout']>>(FEED, feedArgs)
      : null;
    const markjs: PageRow['markjs'] = {};
    for (const variant of variants) {
      await page.goto(url);
      await page.addScript(markSource);
      markjs[variant] = await page.evaluate(MARK_JS, {
        aliases: aliasTexts(indexes[variant]),
        limit: markLimit,
      });
    }
    return { walk: walkRow, heap, updatesWithout, feedWithout, scrollWithout, markjs };
  } finally {
    await page.close();
  }
}

/** Hovers a marked name not yet used and returns ms from the pointer on it to the card on screen. */
async function hoverCard(
  page: BenchPage,
  used: string[],
): Promise<{ ms: number; text: string; loaded: boolean } | null> {
  await page.mouse.move(2, 2, { steps: 2 });
  await sleep(700);
  const term = await page.evaluate<{ text: string; x: number; y: number; rect: object } | null>(PICK_TERM, {
    skip: used,
  });
  if (!term) return null;
  used.push(term.text.toLowerCase());
  await sleep(150);
  await page.evaluate(CARD_WATCH, { rect: term.rect });
  await page.mouse.move(Math.max(1, term.x - 40), Math.max(1, term.y - 30), { steps: 2 });
  await page.mouse.move(term.x, term.y, { steps: 5 });
  const times = await poll(
    async () => {
      const t = await page.evaluate<{ onTerm: number | null; shown: number | null } | null>(CARD_TIMES);
      return t && t.shown !== null && t.onTerm !== null ? t : null;
    },
    10_000,
    'the card',
  ).catch(() => null);
  if (!times) return null;
  const card = await page.readCard().catch(() => null);
  const loaded = !!card && !card.text.includes('Loading…');
  return { ms: times.shown! - times.onTerm! - OPEN_DELAY_MS, text: term.text, loaded };
}

async function measureBackstory(
  browser: BenchBrowser,
  url: string,
  generated: boolean,
): Promise<
  Omit<PageRow, 'browser' | 'variant' | 'page' | 'heapAdded' | 'heapEmptyScript' | keyof Baseline> & {
    heap: number | null;
  }
> {
  // The first scan on fresh pages: the median run, with the worst slices of all runs.
  const scans: NonNullable<PageRow['scan']>[] = [];
  const heaps: number[] = [];
  let last: BenchPage | null = null;
  for (let i = 0; i < repeat; i++) {
    const fresh = await browser.newPage();
    await fresh.goto(url);
    await poll(() => fresh.evaluate<boolean>(BACKSTORY_READY), 180_000, 'Backstory to finish its first scan');
    await sleep(300);
    const result = await fresh.evaluate<PageRow['scan']>(BACKSTORY_RESULT);
    if (result) scans.push(result);
    const used = await fresh.heapUsed();
    if (used !== null) heaps.push(used);
    if (i < repeat - 1) await fresh.close();
    else last = fresh;
  }
  const byTotal = [...scans].sort((a, b) => a.busy + (a.unpack ?? 0) - (b.busy + (b.unpack ?? 0)));
  const middle = byTotal[byTotal.length >> 1];
  const scan: PageRow['scan'] = middle
    ? {
        ...middle,
        longest: Math.max(...scans.map((s) => s.longest)),
        over50: Math.max(...scans.map((s) => s.over50)),
        over10: Math.max(...scans.map((s) => s.over10)),
      }
    : null;
  const heap = heaps.length > 0 ? median(heaps) : null;
  const page = last!;
  try {
    const updatesWith = await page.evaluate<PageRow['updatesWith']>(PAGE_UPDATES, updateSentences);
    const updateWork = await page.evaluate<PageRow['updateWork']>(BACKSTORY_UPDATES);
    // The same page, Backstory switched off and on with its site switch: no second browser in
    // the comparison, so less noise from a busy machine.
    let updatesToggled: PageRow['updatesToggled'] = null;
    if (await browser.setEnabled(false)) {
      const off: number[] = [];
      const on: number[] = [];
      for (let i = 0; i < repeat; i++) {
        await browser.setEnabled(false);
        await sleep(400);
        off.push((await page.evaluate<PageRow['updatesWith']>(PAGE_UPDATES, updateSentences)).script);
        const scans = await page.evaluate<number>(READY_COUNT);
        await browser.setEnabled(true);
        await poll(
          async () => (await page.evaluate<number>(READY_COUNT)) > scans,
          180_000,
          'Backstory to scan again',
        );
        await sleep(400);
        on.push((await page.evaluate<PageRow['updatesWith']>(PAGE_UPDATES, updateSentences)).script);
      }
      updatesToggled = { without: median(off), with: median(on) };
    }
    const used: string[] = [];
    // The first hover of a page also loads the card's code (content-scripts/card.js).
    const first = await hoverCard(page, used);
    const warm = await hoverCard(page, used);
    const slept = await page.stopBackground();
    const asleep = slept ? await hoverCard(page, used) : null;
    let feedWith: PageRow['feedWith'] = null;
    let feedWork: PageRow['feedWork'] = null;
    let scrollWith: PageRow['scrollWith'] = null;
    if (generated) {
      // The pointer off the text, the last hover's card closed: the marks' own cost while scrolling.
      await page.mouse.move(2, 2, { steps: 2 });
      await sleep(700);
      scrollWith = await page.evaluate<ScrollFrames>(SCROLL, SCROLL_FRAMES);
      const before = await page.evaluate<{ count: number; total: number; longest: number }>(
        BACKSTORY_UPDATES,
      );
      feedWith = await page.evaluate(FEED, feedArgs);
      const after = await page.evaluate<{ count: number; total: number; longest: number }>(BACKSTORY_UPDATES);
      feedWork = {
        count: after.count - before.count,
        total: after.total - before.total,
        longest: after.longest,
      };
    }
    return {
      scan,
      heap,
      updatesWith,
      updateWork,
      updatesToggled,
      card: {
        first: first?.ms ?? null,
        firstLoaded: first?.loaded ?? null,
        warm: warm?.ms ?? null,
        warmLoaded: warm?.loaded ?? null,
        asleep: asleep?.ms ?? null,
        asleepLoaded: asleep?.loaded ?? null,
        asleepPossible: slept,
      },
      feedWith,
      feedWork,
      scrollWith,
    };
  } finally {
    await page.close();
  }
}

// ---- the run ---------------------------------------------------------------------------------

async function main() {
  const started = new Date();
  let matchers: MatcherRow[] = [];
  if (!args['skip-matchers']) {
    log('comparing matchers in Node');
    const generatedText = feedParagraphs(fullIndex, 10_000, 3);
    matchers = compareMatchers(
      bigIndex,
      { 'wikipedia-2': texts['wikipedia-2'] ?? [], 'generated (10,000 paragraphs)': generatedText },
      [250, 1000, 2000, fullIndex.terms.length, bigIndex.terms.length],
      5_000,
    );
  }

  const server = await startServer({
    extraPages: {
      '/bench/generated.html': generatedPage(fullIndex, paragraphs),
      '/bench/small.html': generatedPage(fullIndex, 8, 8),
    },
  });
  const urlOf = (p: string) =>
    p === 'generated' || p === 'small' ? server.url(`/bench/${p}.html`) : server.url(`/pages/${p}.html`);
  const rows: PageRow[] = [];
  try {
    for (const browserName of browsers) {
      log(`${browserName}: pages without Backstory`);
      const baselines = new Map<string, Baseline>();
      const plain = await open(browserName, null);
      try {
        for (const p of pages) {
          log(`${browserName} baseline ${p}`);
          baselines.set(p, await measureBaseline(plain, urlOf(p), p === 'generated'));
        }
      } finally {
        await plain.close();
      }
      // What any content script adds to the heap (Chromium reports the heap; Firefox does not).
      const emptyHeaps = new Map<string, number | null>();
      if (browserName === 'chromium') {
        const empty = await open(browserName, writeEmptyExtension(path.join(BENCH_OUT, 'empty-extension')));
        try {
          for (const p of pages) {
            log(`${browserName} empty content script ${p}`);
            emptyHeaps.set(p, await measureEmptyScript(empty, urlOf(p)));
          }
        } finally {
          await empty.close();
        }
      }
      for (const variant of variants) {
        const withExtension = await open(browserName, buildDir(variant, browserName));
        try {
          for (const p of pages) {
            log(`${browserName} ${variant} ${p}`);
            const base = baselines.get(p)!;
            const measured = await measureBackstory(withExtension, urlOf(p), p === 'generated');
            rows.push({
              browser: browserName,
              variant,
              page: p,
              walk: base.walk,
              scan: measured.scan,
              heapAdded: added(measured.heap, base.heap),
              heapEmptyScript: added(emptyHeaps.get(p) ?? null, base.heap),
              card: measured.card,
              updatesWithout: base.updatesWithout,
              updatesWith: measured.updatesWith,
              updateWork: measured.updateWork,
              updatesToggled: measured.updatesToggled,
              markjs: base.markjs,
              feedWithout: base.feedWithout,
              feedWith: measured.feedWith,
              feedWork: measured.feedWork,
              scrollWithout: base.scrollWithout,
              scrollWith: measured.scrollWith,
            });
          }
        } finally {
          await withExtension.close();
        }
      }
    }
  } finally {
    await server.close();
  }

  const results: BenchResults = {
    date: started.toISOString(),
    machine: `${process.platform} ${process.arch}, ${(await import('node:os')).cpus().length} cores, Node ${process.version}`,
    markLimit,
    paragraphs,
    openDelayMs: OPEN_DELAY_MS,
    sizes: sizes(),
    matchers,
    rows,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  writeFileSync(path.join(RESULTS_DIR, 'latest.json'), JSON.stringify(results, null, 2));
  writeFileSync(path.join(RESULTS_DIR, `bench-${stamp}.json`), JSON.stringify(results, null, 2));
  const markdown = toMarkdown(results);
  writeFileSync(path.join(RESULTS_DIR, 'latest.md'), markdown);
  writeFileSync(path.join(RESULTS_DIR, `bench-${stamp}.md`), markdown);
  printReport(results);
  log(`wrote ${path.relative(REPO_ROOT, RESULTS_DIR)}/latest.json and latest.md`);
}

await main();
