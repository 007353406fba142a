/** The benchmark's results: their shape, the ratios and goals worked out from them, and tables. */
import type { MatcherRow } from './matchers';

export interface PageRow {
  readonly browser: 'chromium' | 'firefox';
  readonly variant: 'full' | '10k';
  readonly page: string;
  /**
   * Walk floor: first pass on a fresh page (median of the repeats), best of five after it, and the
   * first pass from a world that sees the page as a content script does (Chromium: a fresh isolated
   * world; Firefox: a WebDriver BiDi sandbox, through the same wrappers).
   */
  readonly walk: { cold: number; warm: number; nodes: number; chars: number; isolated: number | null };
  readonly scan: {
    busy: number;
    wall: number;
    slices: number;
    longest: number;
    over50: number;
    over10: number;
    unpack: number | null;
    longTasks: number | null;
    longestTask: number | null;
    registered: number;
  } | null;
  /** Bytes of V8 heap in use with Backstory minus without, after garbage collection (Chromium). */
  readonly heapAdded: number | null;
  /**
   * Bytes of V8 heap an extension whose content script does nothing adds to the same page: the
   * part of `heapAdded` any content script costs (Chromium).
   */
  readonly heapEmptyScript: number | null;
  readonly card: {
    /** The first card of a page: it also loads the card's code. */
    first: number | null;
    firstLoaded: boolean | null;
    warm: number | null;
    warmLoaded: boolean | null;
    asleep: number | null;
    asleepLoaded: boolean | null;
    asleepPossible: boolean;
  };
  readonly updatesWithout: { script: number; frame: number };
  readonly updatesWith: { script: number; frame: number };
  /**
   * The page's own DOM updates on one page, Backstory switched off and on with its site switch
   * (Chromium: the bench reaches the switch through the service worker); medians of the repeats.
   */
  readonly updatesToggled: { without: number; with: number } | null;
  /** Backstory's own work while the page updated itself. */
  readonly updateWork: { count: number; total: number; longest: number };
  readonly markjs: Partial<
    Record<
      'full' | '10k',
      { ms: number; stopped: boolean; marks: number; reached: number; estimate: number; error?: string }
    >
  >;
  readonly feedWithout: { frame: number; worstFrame: number; frames: number } | null;
  readonly feedWith: { frame: number; worstFrame: number; frames: number } | null;
  readonly feedWork: { count: number; total: number; longest: number } | null;
  /** Scrolling the generated page (`SCROLL`), without and with Backstory. */
  readonly scrollWithout: ScrollFrames | null;
  readonly scrollWith: ScrollFrames | null;
}

export interface ScrollFrames {
  readonly frame: number;
  readonly worstFrame: number;
  readonly over50: number;
  readonly total: number;
}

export interface Sizes {
  readonly contentScript: { raw: number; gzip: number };
  readonly matcherData: { raw: number; gzip: number };
  readonly idsNamesKinds: { raw: number; gzip: number };
  readonly index: { raw: number; gzip: number };
  readonly entries: number;
  readonly terms: number;
  readonly bigTerms: number;
}

export interface BenchResults {
  readonly date: string;
  readonly machine: string;
  readonly markLimit: number;
  readonly paragraphs: number;
  readonly openDelayMs: number;
  readonly sizes: Sizes;
  readonly matchers: readonly MatcherRow[];
  readonly rows: readonly PageRow[];
}

/** Backstory's main-thread time for the first scan: the matcher's start-up and every slice. */
export const backstoryMs = (row: PageRow): number | null =>
  row.scan ? row.scan.busy + (row.scan.unpack ?? 0) : null;

export function ratios(row: PageRow) {
  const own = backstoryMs(row);
  const mark = row.markjs[row.variant];
  return {
    overWalk: own !== null ? own / row.walk.cold : null,
    overIsolatedWalk: own !== null && row.walk.isolated ? own / row.walk.isolated : null,
    markOverBackstory: own !== null && mark && !mark.error ? mark.estimate / own : null,
    markStopped: mark?.stopped ?? false,
    updates: row.updatesWith.script / row.updatesWithout.script,
    updatesToggled: row.updatesToggled ? row.updatesToggled.with / row.updatesToggled.without : null,
    frames: row.updatesWith.frame / row.updatesWithout.frame,
  };
}

/** Frames the bench scrolls the generated page for (`SCROLL` in in-page.ts). */
export const SCROLL_FRAMES = 240;

const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;

const ms = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined ? 'n/a' : v.toFixed(digits);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** A card's time, marked when the card still showed "Loading…". */
const cardCell = (time: number | null, loaded: boolean | null): string =>
  time === null ? 'n/a' : `${ms(time)}${loaded === false ? ' (loading)' : ''}`;

function pageTable(rows: readonly PageRow[]): string[][] {
  const header = [
    'page',
    'walk ms',
    'walk ms (isolated)',
    'Backstory ms',
    '÷ walk',
    '÷ isolated walk',
    'wall ms',
    'longest slice',
    'slices > 50 ms',
    'long tasks',
    'heap +KB',
    'heap +KB, empty script',
    'card first',
    'card warm',
    'card asleep',
    'updates without/with ms',
    'with ÷ without',
    'same page off/on ms',
    'on ÷ off',
    'frame without/with',
    'mark.js ms',
    'mark.js ÷ Backstory',
  ];
  const body = rows.map((row) => {
    const r = ratios(row);
    const mark = row.markjs[row.variant];
    return [
      row.page,
      ms(row.walk.cold),
      ms(row.walk.isolated),
      ms(backstoryMs(row)),
      ms(r.overWalk, 2),
      ms(r.overIsolatedWalk, 2),
      ms(row.scan?.wall),
      ms(row.scan?.longest),
      row.scan ? String(row.scan.over50) : 'n/a',
      row.scan?.longTasks === null || row.scan?.longTasks === undefined ? 'n/a' : String(row.scan.longTasks),
      row.heapAdded === null ? 'n/a' : (row.heapAdded / 1024).toFixed(0),
      row.heapEmptyScript === null ? 'n/a' : (row.heapEmptyScript / 1024).toFixed(0),
      cardCell(row.card.first, row.card.firstLoaded),
      cardCell(row.card.warm, row.card.warmLoaded),
      row.card.asleepPossible ? cardCell(row.card.asleep, row.card.asleepLoaded) : 'never sleeps',
      `${ms(row.updatesWithout.script)} / ${ms(row.updatesWith.script)}`,
      ms(r.updates, 2),
      row.updatesToggled ? `${ms(row.updatesToggled.without)} / ${ms(row.updatesToggled.with)}` : 'n/a',
      ms(r.updatesToggled, 2),
      `${ms(row.updatesWithout.frame)} / ${ms(row.updatesWith.frame)}`,
      !mark
        ? 'n/a'
        : mark.error
          ? `failed after ${mark.ms.toFixed(0)} (${mark.error.slice(0, 40)})`
          : mark.stopped
            ? `> ${mark.ms.toFixed(0)} (est. ${(mark.estimate / 1000).toFixed(0)} s)`
            : mark.ms.toFixed(0),
      r.markOverBackstory === null
        ? 'n/a'
        : `${r.markOverBackstory.toFixed(0)}${r.markStopped ? ' (est.)' : ''}`,
    ];
  });
  return [header, ...body];
}

function matcherTable(rows: readonly MatcherRow[]): string[][] {
  return [
    ['matcher', 'aliases', 'text', 'start-up ms', 'scan ms', 'found'],
    ...rows.map((r) => [
      r.matcher,
      String(r.aliases),
      r.text,
      ms(r.startMs),
      r.overBudget ? `> ${r.scanMs.toFixed(0)} (stopped)` : ms(r.scanMs, 2),
      String(r.found),
    ]),
  ];
}

function feedTable(rows: readonly PageRow[]): string[][] {
  const feeds = rows.filter((r) => r.feedWith && r.feedWithout);
  return [
    [
      'browser',
      'glossary',
      'median frame without/with ms',
      'worst frame without/with ms',
      'Backstory rounds',
      'Backstory ms',
      'longest round ms',
    ],
    ...feeds.map((r) => [
      r.browser,
      r.variant,
      `${ms(r.feedWithout!.frame)} / ${ms(r.feedWith!.frame)}`,
      `${ms(r.feedWithout!.worstFrame)} / ${ms(r.feedWith!.worstFrame)}`,
      String(r.feedWork?.count ?? 'n/a'),
      ms(r.feedWork?.total),
      ms(r.feedWork?.longest),
    ]),
  ];
}

function scrollTable(rows: readonly PageRow[]): string[][] {
  const scrolls = rows.filter((r) => r.scrollWith && r.scrollWithout);
  return [
    [
      'browser',
      'glossary',
      'median frame without/with ms',
      'worst frame without/with ms',
      'frames over 50 ms without/with',
      'whole scroll without/with ms',
    ],
    ...scrolls.map((r) => {
      const [a, b] = [r.scrollWithout!, r.scrollWith!];
      return [
        r.browser,
        r.variant,
        `${ms(a.frame)} / ${ms(b.frame)}`,
        `${ms(a.worstFrame)} / ${ms(b.worstFrame)}`,
        `${a.over50} / ${b.over50}`,
        `${ms(a.total)} / ${ms(b.total)}`,
      ];
    }),
  ];
}

interface Goal {
  readonly goal: string;
  readonly measured: string;
  readonly met: boolean;
}

export function goals(results: BenchResults): Goal[] {
  const out: Goal[] = [];
  const { rows, sizes } = results;
  for (const variant of ['full', '10k'] as const) {
    const of = rows.filter((r) => r.variant === variant);
    if (of.length === 0) continue;
    const label = variant === 'full' ? `${sizes.terms} aliases` : `${sizes.bigTerms} aliases`;
    for (const page of ['wikipedia-2', 'generated']) {
      const these = of.filter((r) => r.page === page);
      if (these.length === 0) continue;
      out.push({
        goal: `Backstory ÷ walk floor ≤ 4 on ${page} (${label})`,
        measured: these.map((r) => `${r.browser} ${ms(ratios(r).overWalk, 2)}`).join(', '),
        met: these.every((r) => (ratios(r).overWalk ?? Infinity) <= 4),
      });
    }
    out.push({
      goal: `mark.js ÷ Backstory ≥ 1,000 (${label})`,
      measured: `lowest ${Math.min(...of.map((r) => ratios(r).markOverBackstory ?? Infinity)).toFixed(0)}${of.some((r) => r.markjs[variant]?.error) ? ' (mark.js failed on some pages: left out)' : ''}${of.some((r) => ratios(r).markStopped) ? ' (where mark.js hit the limit, its time for all aliases is estimated from the share it reached)' : ''}`,
      met: of.every(
        (r) => r.markjs[variant]?.error !== undefined || (ratios(r).markOverBackstory ?? 0) >= 1000,
      ),
    });
    out.push({
      goal: `no Backstory slice over 50 ms, slices ≤ 10 ms (${label})`,
      measured: `longest ${ms(Math.max(...of.map((r) => r.scan?.longest ?? 0)))} ms, ${of.reduce((a, r) => a + (r.scan?.over10 ?? 0), 0)} slices over 10 ms`,
      met: of.every((r) => r.scan !== null && r.scan.over50 === 0 && r.scan.over10 === 0),
    });
    out.push({
      goal: `page's own DOM updates with ≤ 1.2 × without, two browsers (${label})`,
      measured: `highest ${Math.max(...of.map((r) => ratios(r).updates)).toFixed(2)}, median ${median(of.map((r) => ratios(r).updates)).toFixed(2)}`,
      met: of.every((r) => ratios(r).updates <= 1.2),
    });
    const toggled = of.map((r) => ratios(r).updatesToggled).filter((v): v is number => v !== null);
    if (toggled.length > 0) {
      out.push({
        goal: `page's own DOM updates with ≤ 1.2 × without, same page switched off/on (Chromium, ${label})`,
        measured: `highest ${Math.max(...toggled).toFixed(2)}, median ${median(toggled).toFixed(2)}`,
        met: toggled.every((v) => v <= 1.2),
      });
    }
    const wiki = of.find((r) => r.page === 'wikipedia-2' && r.heapAdded !== null);
    if (wiki) {
      out.push({
        goal: `JS heap added ≤ 1 MB on wikipedia-2 (Chromium, ${label})`,
        measured:
          wiki.heapEmptyScript === null
            ? kb(wiki.heapAdded!)
            : `${kb(wiki.heapAdded!)}, of which ${kb(wiki.heapEmptyScript)} any content script adds ` +
              `(an extension whose script does nothing)`,
        met: wiki.heapAdded! <= 1024 * 1024,
      });
    }
    const highest = (goal: string, values: readonly (number | null | undefined)[], limit: number) => {
      const measured = values.filter((v): v is number => v !== null && v !== undefined);
      if (measured.length === 0) return;
      const top = Math.max(...measured);
      out.push({ goal, measured: `highest ${top.toFixed(1)} ms`, met: top <= limit });
    };
    highest(
      `matcher start-up ≤ 3 ms (${label})`,
      of.map((r) => r.scan?.unpack),
      3,
    );
    highest(
      `a page's first card (which loads the card's code) ≤ one frame after the intent delay (${label})`,
      of.map((r) => r.card.first),
      16.7,
    );
    highest(
      `card ≤ one frame (16.7 ms) after the intent delay, background warm (${label})`,
      of.map((r) => r.card.warm),
      16.7,
    );
    highest(
      `card ≤ 100 ms after the intent delay, background asleep (Chromium, ${label})`,
      of.map((r) => r.card.asleep),
      100,
    );
  }
  out.push({
    goal: 'content script ≤ 60 KB gzip including the matcher data',
    measured: `${kb(sizes.contentScript.gzip)} (matcher data ${kb(sizes.matcherData.gzip)}, kinds and listed names/ids ${kb(sizes.idsNamesKinds.gzip)})`,
    met: sizes.contentScript.gzip <= 60 * 1024,
  });
  return out;
}

function markdownTable(table: readonly string[][]): string {
  const [header, ...body] = table;
  return [
    `| ${header!.join(' | ')} |`,
    `| ${header!.map(() => '---').join(' | ')} |`,
    ...body.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

function textTable(table: readonly string[][]): string {
  const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  return table.map((row) => row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')).join('\n');
}

function sections(results: BenchResults): { title: string; table: string[][]; note?: string }[] {
  const out: { title: string; table: string[][]; note?: string }[] = [];
  const { sizes } = results;
  out.push({
    title: 'Sizes',
    table: [
      ['what', 'raw', 'gzip'],
      ['content script (content.js)', kb(sizes.contentScript.raw), kb(sizes.contentScript.gzip)],
      ['matcher data (trie, term info, case rules)', kb(sizes.matcherData.raw), kb(sizes.matcherData.gzip)],
      [
        'kinds, names and ids not derived from terms',
        kb(sizes.idsNamesKinds.raw),
        kb(sizes.idsNamesKinds.gzip),
      ],
      ['whole glossary index', kb(sizes.index.raw), kb(sizes.index.gzip)],
    ],
    note: `${sizes.entries} entries, ${sizes.terms} aliases and cue words; the generated variant has ${sizes.bigTerms}.`,
  });
  for (const browser of ['chromium', 'firefox'] as const) {
    for (const variant of ['full', '10k'] as const) {
      const rows = results.rows.filter((r) => r.browser === browser && r.variant === variant);
      if (rows.length === 0) continue;
      out.push({
        title: `${browser}, ${variant === 'full' ? `shipped glossary (${sizes.terms} aliases)` : `generated glossary (${sizes.bigTerms} aliases)`}`,
        table: pageTable(rows),
        note:
          'ms are main-thread milliseconds, medians of the repeats. Walk: first TreeWalker pass over a fresh page, in the ' +
          "page's world and in a world that sees the page as a content script does (Chromium: a fresh isolated world; " +
          'Firefox: a WebDriver BiDi sandbox). Backstory: matcher start-up plus ' +
          'every slice of the first scan (wall: start to all painted). Heap: V8 heap after garbage collection, against the ' +
          'same page without extensions; "empty script": what an extension whose content script does nothing adds. ' +
          'Card: ms from the pointer resting on a name to the ' +
          `card on screen, minus the ${results.openDelayMs} ms intent delay; "first" is a page's first card, which also loads the card's code. mark.js: "> n" = stopped at the ${results.markLimit} ms ` +
          'limit; its time for every alias is then estimated from the share of aliases it reached (it handles them one by one).',
      });
    }
  }
  const feed = feedTable(results.rows);
  if (feed.length > 1) {
    out.push({
      title: 'Infinite-scroll feed on the generated page (5,000 paragraphs appended in 25 batches)',
      table: feed,
    });
  }
  const scroll = scrollTable(results.rows);
  if (scroll.length > 1) {
    out.push({
      title: `Scrolling the generated page from the top, ${SCROLL_FRAMES} frames of 40 px`,
      table: scroll,
    });
  }
  if (results.matchers.length > 0) {
    out.push({
      title: 'Matchers in Node (V8), by number of aliases',
      table: matcherTable(results.matchers),
      note: 'Scan: best of three passes over every segment of the text; a pass over the budget is stopped.',
    });
  }
  out.push({
    title: 'Goals',
    table: [
      ['goal', 'measured', 'met'],
      ...goals(results).map((g) => [g.goal, g.measured, g.met ? 'yes' : 'NO']),
    ],
  });
  return out;
}

export function toMarkdown(results: BenchResults): string {
  const parts = [
    `# Backstory benchmark`,
    '',
    `${results.date}; ${results.machine}; generated page of ${results.paragraphs} paragraphs.`,
  ];
  for (const s of sections(results)) {
    parts.push('', `## ${s.title}`, '', markdownTable(s.table));
    if (s.note) parts.push('', s.note);
  }
  return parts.join('\n') + '\n';
}

export function printReport(results: BenchResults): void {
  for (const s of sections(results)) {
    console.log(`\n== ${s.title}\n`);
    console.log(textTable(s.table));
    if (s.note) console.log(`\n${s.note}`);
  }
}
