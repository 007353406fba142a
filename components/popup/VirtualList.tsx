import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface VirtualListProps {
  readonly count: number;
  /** A stable key for row `index` (a note's id); measured heights are kept by it. */
  readonly keyOf: (index: number) => string;
  readonly renderRow: (index: number) => ComponentChildren;
  /** Height assumed for a row until it has been on screen. */
  readonly estimate: number;
  /** 'self': the list scrolls in its own box, whose height CSS limits; 'window': the page scrolls. */
  readonly scroller?: 'self' | 'window';
  /** Pixels of rows kept rendered above and below the visible part, so Tab always has a next row. */
  readonly overscan?: number;
  /** Rows kept rendered wherever the list is scrolled (a note being edited keeps its draft). */
  readonly pinned?: readonly number[];
  /** Told which rows are rendered, so their data can be fetched. */
  readonly onRangeChange?: (start: number, end: number) => void;
  /** When this changes (a new search), the list goes back to its top. */
  readonly resetKey?: string;
  /** The list's accessible name. */
  readonly label: string;
  readonly class?: string;
  /** The visible height when the browser reports none (a list not laid out yet, tests). */
  readonly fallbackHeight?: number;
  readonly busy?: boolean;
}

interface Viewport {
  /** Scroll position within the list, in pixels from its top. */
  readonly top: number;
  readonly height: number;
}

/** First index whose row ends below `y`. `ends[i]` is where row i ends; increasing. */
function firstEndingBelow(ends: Float64Array, count: number, y: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid]! > y) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * A list that renders only the rows near the visible part, each absolutely placed at the sum of the
 * heights before it: measured heights for rows that have been on screen, `estimate` for the rest.
 * The row holding keyboard focus stays rendered when scrolled away, so focus is never dropped on
 * the page; screen readers hear each row's place in the whole list (aria-posinset, aria-setsize).
 */
export function VirtualList({
  count,
  keyOf,
  renderRow,
  estimate,
  scroller = 'self',
  overscan = 480,
  pinned = [],
  onRangeChange,
  resetKey,
  label,
  class: className,
  fallbackHeight = 600,
  busy = false,
}: VirtualListProps) {
  const box = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLUListElement>(null);
  /** Measured heights by row key; rows not in it count as `estimate`. */
  const heights = useRef(new Map<string, number>());
  // The window's height is known before layout; a list of its own is measured once laid out.
  const [viewport, setViewport] = useState<Viewport>(() => ({
    top: 0,
    height: (scroller === 'window' && window.innerHeight) || fallbackHeight,
  }));
  const [measured, setMeasured] = useState(0);
  const [focused, setFocused] = useState<{ index: number; key: string } | null>(null);
  const frame = useRef(0);

  // Where each row ends: one pass over all rows, redone only when a height or the rows change.
  const layout = useRef<{ ends: Float64Array; count: number; measured: number; keyOf: unknown } | null>(null);
  let cached = layout.current;
  if (!cached || cached.count !== count || cached.measured !== measured || cached.keyOf !== keyOf) {
    const ends = new Float64Array(count);
    let sum = 0;
    const known = heights.current;
    for (let i = 0; i < count; i++) {
      sum += known.size === 0 ? estimate : (known.get(keyOf(i)) ?? estimate);
      ends[i] = sum;
    }
    cached = layout.current = { ends, count, measured, keyOf };
  }
  const ends = cached.ends;
  const total = count === 0 ? 0 : ends[count - 1]!;
  const startOf = (i: number) => (i === 0 ? 0 : ends[i - 1]!);

  // The first render draws only what is visible, to get notes on screen sooner; overscan follows a frame later.
  const [settled, setSettled] = useState(false);
  useEffect(() => setSettled(true), []);
  const extra = settled ? overscan : 0;
  const start = Math.min(count, firstEndingBelow(ends, count, viewport.top - extra));
  let end = start;
  const bottom = viewport.top + viewport.height + extra;
  while (end < count && startOf(end) < bottom) end++;

  const shown = new Set<number>();
  for (let i = start; i < end; i++) shown.add(i);
  for (const i of pinned) if (i >= 0 && i < count) shown.add(i);
  if (focused && focused.index < count && keyOf(focused.index) === focused.key) {
    // With its neighbours, so Tab and Shift+Tab go on from it even when it was scrolled far away.
    for (let i = focused.index - 1; i <= focused.index + 1; i++) if (i >= 0 && i < count) shown.add(i);
  }
  const rows = [...shown].sort((a, b) => a - b);

  function readViewport() {
    frame.current = 0;
    const el = box.current;
    const ul = list.current;
    if (!el || !ul) return;
    let next: Viewport;
    if (scroller === 'self') {
      next = { top: el.scrollTop, height: el.clientHeight || fallbackHeight };
    } else {
      const rect = ul.getBoundingClientRect();
      next = { top: Math.max(0, -rect.top), height: window.innerHeight || fallbackHeight };
    }
    setViewport((old) => (old.top === next.top && old.height === next.height ? old : next));
  }

  function onScroll() {
    // At most once a frame; reading layout on every scroll event would fight the browser's scrolling.
    if (frame.current === 0) frame.current = requestAnimationFrame(readViewport);
  }

  useLayoutEffect(() => {
    readViewport();
    if (scroller === 'window') {
      window.addEventListener('scroll', onScroll, { passive: true });
    }
    window.addEventListener('resize', onScroll);
    return () => {
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
      if (frame.current !== 0) cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [scroller]);

  // Back to the top for new content, without remembering heights of rows that are gone.
  const firstReset = useRef(true);
  useLayoutEffect(() => {
    if (firstReset.current) {
      firstReset.current = false;
      return;
    }
    if (scroller === 'self' && box.current) box.current.scrollTop = 0;
    else if (scroller === 'window' && list.current) {
      const top = list.current.getBoundingClientRect().top;
      if (top < 0) window.scrollBy(0, top);
    }
    readViewport();
  }, [resetKey]);

  function measure(elements: Iterable<Element>) {
    let changed = false;
    let shiftAbove = 0;
    for (const el of elements) {
      if (!(el instanceof HTMLElement) || el.dataset.key === undefined) continue;
      const height = el.getBoundingClientRect().height;
      if (height <= 0) continue; // not laid out (hidden, or a test's DOM without layout)
      const old = heights.current.get(el.dataset.key) ?? estimate;
      if (Math.abs(old - height) < 0.5) continue;
      heights.current.set(el.dataset.key, height);
      changed = true;
      // A row above the visible part that turns out taller or shorter would move what the reader is
      // looking at; scroll by the same amount so it stays put.
      const index = Number(el.dataset.index);
      if (startOf(index) + old <= viewport.top) shiftAbove += height - old;
    }
    if (shiftAbove !== 0) {
      if (scroller === 'self' && box.current) box.current.scrollTop += shiftAbove;
      else if (scroller === 'window') window.scrollBy(0, shiftAbove);
    }
    if (changed) setMeasured((n) => n + 1);
  }

  useLayoutEffect(() => {
    if (list.current) measure(list.current.children);
  });

  // Rows change height on their own too (a note opened for editing).
  const observer = useRef<ResizeObserver | null>(null);
  const measureRef = useRef(measure);
  measureRef.current = measure;
  useEffect(() => {
    if (typeof ResizeObserver === 'undefined') return;
    observer.current = new ResizeObserver((entries) => measureRef.current(entries.map((e) => e.target)));
    return () => observer.current?.disconnect();
  }, []);
  useLayoutEffect(() => {
    const ro = observer.current;
    if (!ro || !list.current) return;
    for (const child of list.current.children) ro.observe(child);
  });

  useEffect(() => {
    onRangeChange?.(start, end);
  }, [onRangeChange, start, end]);

  function onFocusIn(event: FocusEvent) {
    const row = (event.target as Element | null)?.closest?.('[data-index]');
    if (!(row instanceof HTMLElement)) return;
    const index = Number(row.dataset.index);
    const key = row.dataset.key ?? '';
    setFocused((old) => (old?.index === index && old.key === key ? old : { index, key }));
  }

  function onFocusOut(event: FocusEvent) {
    const next = event.relatedTarget as Node | null;
    if (!next || !list.current?.contains(next)) setFocused(null);
  }

  const items = (
    <ul
      ref={list}
      role="list"
      aria-label={label}
      aria-busy={busy}
      class="vlist-rows"
      style={{ position: 'relative', height: `${total}px`, margin: 0, padding: 0 }}
      onFocusIn={onFocusIn}
      onFocusOut={onFocusOut}
    >
      {rows.map((i) => {
        const key = keyOf(i);
        return (
          <li
            key={key}
            data-key={key}
            data-index={i}
            aria-posinset={i + 1}
            aria-setsize={count}
            style={{ position: 'absolute', top: `${startOf(i)}px`, left: 0, right: 0 }}
          >
            {renderRow(i)}
          </li>
        );
      })}
    </ul>
  );

  return scroller === 'self' ? (
    <div ref={box} class={`vlist vlist-self ${className ?? ''}`} onScroll={onScroll}>
      {items}
    </div>
  ) : (
    <div ref={box} class={`vlist vlist-window ${className ?? ''}`}>
      {items}
    </div>
  );
}
