import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHighlighter, HIGHLIGHT_ALL, HIGHLIGHT_CURRENT } from './highlighter';

/** Node has no Custom Highlight API: a highlight is a set of ranges with a priority. */
class FakeHighlight extends Set<AbstractRange> {
  priority = 0;
  /** How many times the set was changed (each costs Chromium a repaint of the whole page). */
  changes = 0;
  override add(range: AbstractRange) {
    this.changes++;
    return super.add(range);
  }
  override delete(range: AbstractRange) {
    this.changes++;
    return super.delete(range);
  }
  override clear() {
    this.changes++;
    super.clear();
  }
}

const range = (n: number) => ({ n }) as unknown as AbstractRange;
// The unit tests run in Node: the highlighter's timers come from a window-shaped stand-in.
const win = {
  setTimeout: (run: () => void, ms: number) => setTimeout(run, ms),
  clearTimeout: (id: number) => clearTimeout(id),
} as unknown as Window;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  vi.stubGlobal('Highlight', FakeHighlight);
  vi.stubGlobal('CSS', { highlights: new Map<string, FakeHighlight>() });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const registered = () => CSS.highlights.get(HIGHLIGHT_ALL) as unknown as FakeHighlight;

describe('highlighter', () => {
  it('applies changes at once by default', () => {
    const h = createHighlighter(win);
    const a = range(1);
    const b = range(2);
    h.add(a);
    h.add(b);
    h.remove(a);
    expect([...registered()]).toEqual([b]);
  });

  it('gathers spaced-out changes and applies them together, at most once per gap', () => {
    const h = createHighlighter(win);
    const a = range(1);
    const b = range(2);
    const c = range(3);
    h.add(a);
    h.spaceChanges(300);
    h.add(b);
    h.add(c);
    h.remove(a);
    expect([...registered()]).toEqual([a]);
    // The end of the task: the first change after a quiet time is not held back.
    vi.advanceTimersByTime(0);
    expect([...registered()]).toEqual([b, c]);
    // Then nothing more until the gap has passed; a range added and removed meanwhile never shows.
    const d = range(4);
    h.add(d);
    h.remove(b);
    h.add(a);
    h.remove(a);
    vi.advanceTimersByTime(299);
    expect([...registered()]).toEqual([b, c]);
    const before = registered().changes;
    vi.advanceTimersByTime(1);
    expect([...registered()]).toEqual([c, d]);
    expect(registered().changes - before).toBe(2);
  });

  it('applies waiting changes at once when asked (the page has just added content), then spaces again', () => {
    const h = createHighlighter(win);
    h.spaceChanges(300);
    h.add(range(1));
    vi.advanceTimersByTime(0);
    expect(registered().size).toBe(1);
    h.add(range(2));
    h.applyWaiting();
    expect(registered().size).toBe(2);
    const before = registered().changes;
    h.applyWaiting();
    expect(registered().changes).toBe(before);
    // The gap counts from the changes just applied.
    h.add(range(3));
    vi.advanceTimersByTime(299);
    expect(registered().size).toBe(2);
    vi.advanceTimersByTime(1);
    expect(registered().size).toBe(3);
  });

  it('changes the current mark only when it is another', () => {
    const h = createHighlighter(win);
    const current = CSS.highlights.get(HIGHLIGHT_CURRENT) as unknown as FakeHighlight;
    h.setCurrent(null);
    expect(current.changes).toBe(0);
    const a = range(1);
    h.setCurrent(a);
    const after = current.changes;
    h.setCurrent(a);
    expect(current.changes).toBe(after);
    const b = range(2);
    h.setCurrent(b);
    expect([...current]).toEqual([b]);
    h.setCurrent(null);
    h.setCurrent(null);
    expect(current.size).toBe(0);
    expect(current.changes).toBe(after + 3);
  });

  it('applies waiting changes when the gap goes back to 0, and drops them when cleared or disposed', () => {
    const h = createHighlighter(win);
    h.spaceChanges(300);
    h.add(range(1));
    h.spaceChanges(0);
    expect(registered().size).toBe(1);
    h.spaceChanges(300);
    h.add(range(2));
    h.clear();
    vi.advanceTimersByTime(1000);
    expect(registered().size).toBe(0);
    h.add(range(3));
    const all = registered();
    h.dispose();
    vi.advanceTimersByTime(1000);
    expect(all.size).toBe(0);
    expect(CSS.highlights.has(HIGHLIGHT_ALL)).toBe(false);
  });
});
