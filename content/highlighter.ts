/**
 * Paints mentions with the CSS Custom Highlight API: the page's DOM is never touched. The
 * `::highlight()` rules are in the content script's manifest stylesheet (highlights.css).
 *
 * Ranges are added and removed one by one as the scan and the page's changes go: a highlight is a
 * set, and re-filling it costs every range again (Firefox pays about 5 µs for each added range).
 */
export const HIGHLIGHT_ALL = 'backstory-entity';
export const HIGHLIGHT_CURRENT = 'backstory-current';
/** The same marks under another name, styled as a tint (the reader's "background" marking style). */
export const HIGHLIGHT_ALL_BACKGROUND = 'backstory-entity-bg';

export function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

export function createHighlighter() {
  const all = new Highlight();
  const current = new Highlight();
  // The current (keyboard) mention is painted above the others.
  current.priority = 1;
  CSS.highlights.set(HIGHLIGHT_ALL, all);
  CSS.highlights.set(HIGHLIGHT_CURRENT, current);
  return {
    paint(ranges: Iterable<AbstractRange>) {
      all.clear();
      for (const r of ranges) all.add(r);
    },
    add(range: AbstractRange) {
      all.add(range);
    },
    remove(range: AbstractRange) {
      all.delete(range);
    },
    clear() {
      all.clear();
    },
    /** How many ranges are painted now. */
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
      current.clear();
      if (range) current.add(range);
    },
    dispose() {
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
