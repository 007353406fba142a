/**
 * Paints mentions with the CSS Custom Highlight API: the page's DOM is never touched. The
 * `::highlight()` rules are in the content script's manifest stylesheet (highlights.css).
 *
 * Ranges are added and removed one by one as the scan and the page's changes go: a highlight is a
 * set, and re-filling it costs every range again (Firefox pays about 5 µs for each added range).
 *
 * Any change to a highlight makes Chromium recompute the overflow of every underlined line's
 * containers (an underline may reach outside its line): 50-70 ms on a page of 50,000 paragraphs,
 * where a registered highlight left alone costs nothing. On pages with very many marks (the
 * scanner's window mode) changes are therefore gathered and applied together, at most once per
 * `spaceChanges` gap, or at once when the page has just added content of its own
 * (`applyWaiting`): the browser lays those containers out again for that frame anyway, and a
 * change to the highlight in the same frame then costs nothing more (an infinite-scroll feed).
 */
/**
 * Whether a line of very many marks is better painted near the viewport only. In Chromium,
 * every change to the page repaints every registered range: the 16,000 marks of a line of 200,000
 * one-letter nodes froze a click for 17 s, and those near the viewport take 0.4 s. Firefox handles
 * the whole line in 0.3 s but freezes for 30 s when only part of it is marked.
 */
export const PAINT_LONG_LINES_IN_PART = !import.meta.env.FIREFOX;

export const HIGHLIGHT_ALL = 'backstory-entity';
export const HIGHLIGHT_CURRENT = 'backstory-current';
/** The same marks under another name, styled as a tint (the reader's "background" marking style). */
export const HIGHLIGHT_ALL_BACKGROUND = 'backstory-entity-bg';

export function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

export function createHighlighter(win: Window = window) {
  const all = new Highlight();
  const current = new Highlight();
  // The current (keyboard) mention is painted above the others.
  current.priority = 1;
  CSS.highlights.set(HIGHLIGHT_ALL, all);
  CSS.highlights.set(HIGHLIGHT_CURRENT, current);

  // Changes not yet applied, while they are spaced out (`gapMs` > 0).
  const adding = new Set<AbstractRange>();
  const removing = new Set<AbstractRange>();
  let gapMs = 0;
  let lastApplied = -Infinity;
  let timer = 0;
  /** Forgets the waiting changes. */
  const drop = () => {
    if (timer !== 0) win.clearTimeout(timer);
    timer = 0;
    adding.clear();
    removing.clear();
  };
  const apply = () => {
    lastApplied = performance.now();
    for (const r of removing) all.delete(r);
    for (const r of adding) all.add(r);
    drop();
  };
  const applyWaiting = () => {
    if (adding.size > 0 || removing.size > 0) apply();
  };
  // At the end of the current task at the earliest, so one round of the scan is one change.
  const schedule = () => {
    if (timer === 0) timer = win.setTimeout(apply, Math.max(0, lastApplied + gapMs - performance.now()));
  };

  return {
    paint(ranges: Iterable<AbstractRange>) {
      drop();
      all.clear();
      for (const r of ranges) all.add(r);
    },
    add(range: AbstractRange) {
      if (gapMs === 0) {
        all.add(range);
        return;
      }
      if (!removing.delete(range)) adding.add(range);
      schedule();
    },
    remove(range: AbstractRange) {
      if (gapMs === 0) {
        all.delete(range);
        return;
      }
      if (!adding.delete(range)) removing.add(range);
      schedule();
    },
    clear() {
      drop();
      all.clear();
    },
    /**
     * Applies changes at most once per `ms` from now on (0: at once, as they come). Changes
     * waiting when the gap is set to 0 are applied then.
     */
    spaceChanges(ms: number) {
      gapMs = ms;
      if (ms === 0) applyWaiting();
    },
    /** Applies the changes waiting for the gap now (the page has just added content). */
    applyWaiting,
    /** How many ranges are painted now (changes still waiting not counted). */
    get size(): number {
      return all.size;
    },
    /** Moves the marks to the tinted highlight name, or back to the underlined one. */
    setBackground(on: boolean) {
      const [from, to] = on
        ? [HIGHLIGHT_ALL, HIGHLIGHT_ALL_BACKGROUND]
        : [HIGHLIGHT_ALL_BACKGROUND, HIGHLIGHT_ALL];
      if (CSS.highlights.get(from) === all) CSS.highlights.delete(from);
      CSS.highlights.set(to, all);
    },
    setCurrent(range: AbstractRange | null) {
      // Every change costs Chromium a pass over the page's containers (above): none when it is
      // already so (every card's closing asks for none).
      if (range === null ? current.size === 0 : current.size === 1 && current.has(range)) return;
      current.clear();
      if (range) current.add(range);
    },
    dispose() {
      drop();
      all.clear();
      current.clear();
      if (CSS.highlights.get(HIGHLIGHT_ALL) === all) CSS.highlights.delete(HIGHLIGHT_ALL);
      if (CSS.highlights.get(HIGHLIGHT_ALL_BACKGROUND) === all)
        CSS.highlights.delete(HIGHLIGHT_ALL_BACKGROUND);
      if (CSS.highlights.get(HIGHLIGHT_CURRENT) === current) CSS.highlights.delete(HIGHLIGHT_CURRENT);
    },
  };
}

export type Highlighter = ReturnType<typeof createHighlighter>;
