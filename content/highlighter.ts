/**
 * Paints mentions with the CSS Custom Highlight API: the page's DOM is never touched. The
 * `::highlight()` rules are in the content script's manifest stylesheet (highlights.css).
 */
export const HIGHLIGHT_ALL = 'backstory-entity';
export const HIGHLIGHT_CURRENT = 'backstory-current';

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
    setCurrent(range: AbstractRange | null) {
      current.clear();
      if (range) current.add(range);
    },
    dispose() {
      all.clear();
      current.clear();
      if (CSS.highlights.get(HIGHLIGHT_ALL) === all) CSS.highlights.delete(HIGHLIGHT_ALL);
      if (CSS.highlights.get(HIGHLIGHT_CURRENT) === current) CSS.highlights.delete(HIGHLIGHT_CURRENT);
    },
  };
}

export type Highlighter = ReturnType<typeof createHighlighter>;
