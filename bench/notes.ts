/**
 * The notes benchmark: the notes view with 10,000 notes, in Chromium with the built extension.
 *
 * It generates 10,000 notes about real glossary entries (varied text, tags, sites, quotes), imports
 * them through the background's `applyImport`, restarts the browser with the same profile (so the
 * background starts cold, as after a browser restart) and measures:
 *
 * - first paint: from the navigation to notes.html until the first notes are on screen (a frame after
 *   the first note row is in the DOM): cold (first open after the restart), warm (opened again) and
 *   with the background asleep (its service worker stopped, as Chrome does after 30 idle seconds);
 *   the browser's first contentful paint is given beside it;
 * - a search keystroke: from the keydown in the search box to the list showing that query's results
 *   on screen, for single keystrokes with a pause between them (first search of the session apart,
 *   since it reads the whole table), and for the last key of words typed at 60 ms a key;
 * - scrolling: from a jump to the middle of the list to the rows there being rendered with their notes.
 *
 * Goals (issue 5): first paint ≤ 150 ms, a search keystroke ≤ 30 ms.
 *
 *   npm run build            # or: npx wxt build (Chromium only)
 *   npx tsx bench/notes.ts [--notes 10000] [--runs 5] [--json bench-results/notes-latest.json]
 *                          [--extension .output/chrome-mv3]
 *
 * `runNotesBench()` is exported for bench/run.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { loadGlossary } from '../glossary/load';
import { launchChromium, type ChromiumHarness } from '../harness/chromium';
import { REPO_ROOT } from '../harness/paths';
import { toJsonFile } from '../notes-format/json';
import type { Note } from '../storage/note-model';

export interface NotesBenchOptions {
  readonly notes?: number;
  /** How many times each first-paint measurement is repeated (median reported). */
  readonly runs?: number;
  /** The built Chromium extension; harness/paths.ts's CHROME_EXTENSION_DIR by default. */
  readonly extensionDir?: string;
  readonly log?: (...parts: unknown[]) => void;
}

export interface Stats {
  readonly runs: number;
  readonly median: number;
  readonly p95: number;
  readonly max: number;
}

export interface NotesBenchResult {
  readonly notes: number;
  readonly importMs: number;
  /** Navigation to the first notes on screen. */
  readonly firstPaintCold: Stats;
  readonly firstPaintWarm: Stats;
  /** The browser running, the background stopped (as Chrome stops an idle service worker after 30 s). */
  readonly firstPaintAsleep: Stats;
  readonly firstContentfulPaint: Stats;
  /** The first search after the view opened: the background reads and folds every note once. */
  readonly firstSearchMs: number;
  /** Keydown to that query's results on screen, one key at a time. */
  readonly keystroke: Stats;
  /** The last key of a word typed at 60 ms a key. */
  readonly typedWord: Stats;
  /** Jump to the middle of the list until its rows show notes. */
  readonly scrollJump: Stats;
  /** Rows in the DOM with 10,000 notes in the list. */
  readonly rowsRendered: number;
  readonly goals: { readonly firstPaintMs: 150; readonly keystrokeMs: 30 };
}

// ---- the notes --------------------------------------------------------------------------------

const WORDS = (
  'budget summit treaty sanctions election minister alliance border talks ceasefire trade tariff ' +
  'parliament vote coalition reform inflation energy pipeline security council embassy refugees ' +
  'spending defence troops agreement protest court ruling veto debt growth climate emissions ' +
  'oil gas grain shipping negotiation delegation resolution referendum campaign poll scandal'
).split(' ');
const TAGS = [
  'follow-up',
  'defence',
  'economy',
  'quote',
  'check',
  'history',
  'energy',
  'law',
  'people',
  'todo',
];
const SITES = Array.from({ length: 60 }, (_, i) => `news${i}.example`);

/** A small deterministic generator, so every run measures the same notes. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateNotes(count: number, entryIds: readonly string[], seed = 7): Note[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const start = Date.UTC(2024, 0, 1);
  const notes: Note[] = [];
  for (let i = 0; i < count; i++) {
    const createdAt = start + i * 3_600_000 + Math.floor(next() * 1_000_000);
    const edited = next() < 0.2;
    const site = pick(SITES);
    const text = `${words(6 + Math.floor(next() * 30))}.${next() < 0.1 ? ` See https://${site}/ref/${i}` : ''}`;
    const onSelection = next() < 0.1;
    notes.push({
      id: `bench-${i.toString().padStart(6, '0')}`,
      entryId: onSelection ? null : pick(entryIds),
      text: text[0]!.toUpperCase() + text.slice(1),
      tags:
        next() < 0.5
          ? [pick(TAGS), ...(next() < 0.3 ? [pick(TAGS)] : [])].filter((t, j, a) => a.indexOf(t) === j)
          : [],
      createdAt,
      updatedAt: edited ? createdAt + 86_400_000 : createdAt,
      pageUrl: `https://${site}/story/${Math.floor(i / 3)}`,
      pageTitle: `${words(5)} (${site})`,
      pageDate: next() < 0.7 ? new Date(createdAt).toISOString().slice(0, 10) : null,
      quote: { exact: words(3 + Math.floor(next() * 12)), prefix: ` ${words(4)} `, suffix: ` ${words(4)} ` },
      history: edited ? [{ text: words(8), tags: [], updatedAt: createdAt }] : [],
    });
  }
  return notes;
}

// ---- measuring in the page ----------------------------------------------------------------------

/**
 * Runs in every extension page before its own scripts: records when the first note row reaches the
 * screen (the frame after it enters the DOM), and answers "when did the list show query Q?".
 */
const PROBE = `(() => {
  if (!location.pathname.endsWith('/notes.html')) return;
  const probe = { firstNote: null, shown: [] };
  window.__notesProbe = probe;
  let last = '';
  const observer = new MutationObserver(() => {
    if (probe.firstNote === null && document.querySelector('article.note')) {
      requestAnimationFrame(() => setTimeout(() => { if (probe.firstNote === null) probe.firstNote = performance.now(); }, 0));
    }
    const panel = document.querySelector('.notes-panel[data-results-for]');
    const key = panel ? panel.dataset.resultsFor + '|' + panel.dataset.status : '';
    if (key === last) return;
    last = key;
    if (panel && panel.dataset.status === 'ready') {
      const q = panel.dataset.resultsFor;
      requestAnimationFrame(() => setTimeout(() => probe.shown.push({ query: q, at: performance.now() }), 0));
    }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-results-for', 'data-status'] });
  document.addEventListener('keydown', (e) => { probe.lastKey = e.timeStamp; }, true);
})()`;

interface Probe {
  firstNote: number | null;
  shown: { query: string; at: number }[];
  lastKey?: number;
}

const readProbe = (page: Page) =>
  page.evaluate(() => (window as unknown as { __notesProbe: Probe }).__notesProbe);

function stats(values: readonly number[]): Stats {
  // A paint the browser did not report (NaN) is left out rather than poisoning the order.
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    runs: sorted.length,
    median: round(at(0.5)),
    p95: round(at(0.95)),
    max: round(sorted.at(-1) ?? NaN),
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function ask(page: Page, type: string, params: unknown): Promise<unknown> {
  // An extension page may ask the background anything, as the notes view itself does.
  return page.evaluate(
    ([t, p]) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({ channel: 'backstory', type: t, params: p }),
    [type, params] as const,
  );
}

/** Opens notes.html in a new tab; resolves with the navigation-to-first-notes time and FCP. */
async function openNotesView(
  chromium: ChromiumHarness,
): Promise<{ page: Page; firstPaint: number; fcp: number }> {
  const page = await chromium.context.newPage();
  await page.goto(chromium.extensionUrl('notes.html'));
  await page.waitForFunction(
    () => (window as unknown as { __notesProbe?: Probe }).__notesProbe?.firstNote != null,
    null,
    {
      timeout: 30_000,
    },
  );
  const probe = await readProbe(page);
  const fcp = await page.evaluate(
    () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
  );
  return { page, firstPaint: probe.firstNote!, fcp };
}

/** Stops the extension's service worker, as Chrome does after 30 s without events. */
async function stopBackground(chromium: ChromiumHarness): Promise<void> {
  if (!(await chromium.stopServiceWorker())) throw new Error('the service worker did not stop');
}

/** Types `keys` into the search box; returns, for the last key, keydown to its results on screen. */
async function typeAndTime(page: Page, keys: string, delayMs: number, expected: string): Promise<number> {
  const before = (await readProbe(page)).shown.length;
  await page.keyboard.type(keys, { delay: delayMs });
  await page.waitForFunction(
    ([q, n]) => {
      const probe = (window as unknown as { __notesProbe: Probe }).__notesProbe;
      return probe.shown.slice(n as number).some((s) => s.query === q);
    },
    [expected, before] as const,
    { timeout: 30_000, polling: 5 },
  );
  const probe = await readProbe(page);
  const shown = probe.shown.slice(before).find((s) => s.query === expected)!;
  return shown.at - (probe.lastKey ?? NaN);
}

async function clearSearch(page: Page): Promise<void> {
  const box = page.getByRole('searchbox', { name: 'Search notes' });
  await box.fill('');
  await page.waitForFunction(
    () => document.querySelector('.notes-panel')?.getAttribute('data-results-for') === '',
  );
  await sleep(50);
}

export async function runNotesBench(options: NotesBenchOptions = {}): Promise<NotesBenchResult> {
  const count = options.notes ?? 10_000;
  const runs = options.runs ?? 5;
  const log = options.log ?? ((...parts: unknown[]) => console.error('[notes bench]', ...parts));
  const entryIds = loadGlossary().map((e) => e.id);
  const notes = generateNotes(count, entryIds);
  const file = toJsonFile(notes, Date.UTC(2026, 10, 27));
  log(`${count} notes, ${(file.length / 1e6).toFixed(1)} MB of JSON`);

  const profileDir = await mkdtemp(path.join(os.tmpdir(), 'backstory-notes-bench-'));
  let chromium = await launchChromium({
    profileDir,
    routeRequests: false,
    extensionDir: options.extensionDir,
  });
  try {
    await chromium.context.addInitScript({ content: PROBE });
    const setup = await chromium.context.newPage();
    await setup.goto(chromium.extensionUrl('notes.html'));
    const t0 = Date.now();
    const imported = (await ask(setup, 'applyImport', { text: file })) as {
      ok: boolean;
      value?: { toAdd: number };
    };
    const importMs = Date.now() - t0;
    if (!imported.ok || imported.value?.toAdd !== count)
      throw new Error(`import failed: ${JSON.stringify(imported)}`);
    log(`imported in ${importMs} ms; restarting the browser`);
    await chromium.close();

    const cold: number[] = [];
    const warm: number[] = [];
    const asleep: number[] = [];
    const fcps: number[] = [];
    for (let run = 0; run < runs; run++) {
      chromium = await launchChromium({
        profileDir,
        routeRequests: false,
        extensionDir: options.extensionDir,
      });
      await chromium.context.addInitScript({ content: PROBE });
      // Let the browser finish starting up, as a reader's would before they open their notes.
      await sleep(1_000);
      const first = await openNotesView(chromium);
      cold.push(first.firstPaint);
      fcps.push(first.fcp);
      await first.page.close();
      // The first view set the background loading the whole table (for search); opened again a
      // moment later, as a reader would, the view finds it in memory.
      await sleep(1_500);
      const again = await openNotesView(chromium);
      warm.push(again.firstPaint);
      fcps.push(again.fcp);
      await again.page.close();
      await stopBackground(chromium);
      const woken = await openNotesView(chromium);
      asleep.push(woken.firstPaint);
      if (run < runs - 1) {
        await again.page.close();
        await chromium.close();
      } else {
        log(
          `first paint cold ${cold.map(Math.round).join(', ')} ms; warm ${warm.map(Math.round).join(', ')} ms`,
        );
      }
    }

    // Searching, in the last view opened.
    const page = chromium.context.pages().find((p) => p.url().endsWith('/notes.html'))!;
    await page.bringToFront();
    const rowsRendered = await page.locator('.vlist-rows > li').count();
    const box = page.getByRole('searchbox', { name: 'Search notes' });
    await box.focus();
    const firstSearchMs = await typeAndTime(page, 's', 0, 's');
    await clearSearch(page);
    log(`first search ${firstSearchMs.toFixed(1)} ms`);

    const keystrokes: number[] = [];
    const prefixes = ['bud', 'sum', 'tre', 'def', 'sec', 'ene', 'oil', 'cou', 'vot', 'nat', 'pol', 'gro'];
    for (const word of prefixes) {
      await box.focus();
      for (let i = 0; i < word.length; i++) {
        keystrokes.push(await typeAndTime(page, word[i]!, 0, word.slice(0, i + 1)));
        await sleep(80);
      }
      await clearSearch(page);
    }
    const typed: number[] = [];
    for (const word of ['sanctions', 'ceasefire talks', 'follow-up', 'parliament vote', 'news12.example']) {
      await box.focus();
      typed.push(await typeAndTime(page, word, 60, word));
      await clearSearch(page);
    }
    log(
      `keystroke median ${stats(keystrokes).median} ms; typed words ${typed.map((t) => t.toFixed(1)).join(', ')} ms`,
    );

    const jumps: number[] = [];
    for (const fraction of [0.5, 0.25, 0.75, 0.1, 0.9]) {
      const ms = await page.evaluate(async (f) => {
        const start = performance.now();
        const list = document.querySelector('.vlist-rows') as HTMLElement;
        const top = list.getBoundingClientRect().top + window.scrollY;
        window.scrollTo(0, top + list.offsetHeight * f);
        for (;;) {
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          const rows = [...document.querySelectorAll<HTMLElement>('.vlist-rows > li')];
          const visible = rows.filter((li) => {
            const r = li.getBoundingClientRect();
            return r.bottom > 0 && r.top < innerHeight;
          });
          if (visible.length > 0 && visible.every((li) => li.querySelector('article[data-note-id]'))) break;
          if (performance.now() - start > 10_000) return NaN;
        }
        return performance.now() - start;
      }, fraction);
      jumps.push(ms);
    }
    log(`scroll jump ${jumps.map((t) => t.toFixed(1)).join(', ')} ms`);

    return {
      notes: count,
      importMs,
      firstPaintCold: stats(cold),
      firstPaintWarm: stats(warm),
      firstPaintAsleep: stats(asleep),
      firstContentfulPaint: stats(fcps),
      firstSearchMs: Math.round(firstSearchMs * 10) / 10,
      keystroke: stats(keystrokes),
      typedWord: stats(typed),
      scrollJump: stats(jumps),
      rowsRendered,
      goals: { firstPaintMs: 150, keystrokeMs: 30 },
    };
  } finally {
    await chromium.close();
    await rm(profileDir, { recursive: true, force: true });
  }
}

export function formatNotesBench(r: NotesBenchResult): string {
  const row = (label: string, s: Stats, goal = '') =>
    `| ${label} | ${s.median} | ${s.p95} | ${s.max} | ${s.runs} | ${goal} |`;
  return [
    `Notes view with ${r.notes.toLocaleString('en')} notes (Chromium, built extension); import took ${r.importMs} ms.`,
    '',
    '| measure (ms) | median | p95 | max | runs | goal |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    row(
      'first notes on screen, cold (after a browser restart)',
      r.firstPaintCold,
      `≤ ${r.goals.firstPaintMs}`,
    ),
    row('first notes on screen, warm', r.firstPaintWarm, `≤ ${r.goals.firstPaintMs}`),
    row('first notes on screen, background asleep', r.firstPaintAsleep, `≤ ${r.goals.firstPaintMs}`),
    row('first contentful paint', r.firstContentfulPaint),
    row('search keystroke to results on screen', r.keystroke, `≤ ${r.goals.keystrokeMs}`),
    row('last key of a word typed at 60 ms/key', r.typedWord, `≤ ${r.goals.keystrokeMs}`),
    row('scroll jump to rows with notes', r.scrollJump),
    '',
    `First search of a session (the background folds every note once): ${r.firstSearchMs} ms. ` +
      `Rows in the DOM: ${r.rowsRendered}.`,
  ].join('\n');
}

async function main() {
  const { values } = parseArgs({
    options: {
      notes: { type: 'string', default: '10000' },
      runs: { type: 'string', default: '5' },
      json: { type: 'string', default: path.join(REPO_ROOT, 'bench-results', 'notes-latest.json') },
      extension: { type: 'string' },
    },
    strict: true,
  });
  const result = await runNotesBench({
    notes: Number(values.notes),
    runs: Number(values.runs),
    extensionDir: values.extension,
  });
  console.log(formatNotesBench(result));
  mkdirSync(path.dirname(values.json), { recursive: true });
  writeFileSync(values.json, `${JSON.stringify(result, null, 2)}\n`);
  console.error(`[notes bench] wrote ${path.relative(REPO_ROOT, values.json)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
