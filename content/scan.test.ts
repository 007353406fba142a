// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compileMatcher, type Term } from '../matcher/matcher';
import { createScanner, WINDOW_CHANGE_GAP, type Painter } from './scan';

// happy-dom has no StaticRange; the scanner only creates them and hands them to the painter.
beforeAll(() => {
  if (typeof globalThis.StaticRange === 'undefined') {
    class FakeStaticRange {
      readonly startContainer: Node;
      readonly startOffset: number;
      readonly endContainer: Node;
      readonly endOffset: number;
      constructor(init: StaticRangeInit) {
        this.startContainer = init.startContainer;
        this.startOffset = init.startOffset;
        this.endContainer = init.endContainer;
        this.endOffset = init.endOffset;
      }
    }
    (globalThis as Record<string, unknown>).StaticRange = FakeStaticRange;
  }
});

const NATO = 0;
const PUTIN = 1;
const terms: Term[] = [
  { text: 'NATO', entry: NATO, case: 'exact' },
  { text: 'Vladimir Putin', entry: PUTIN, case: 'upper-ok' },
  { text: 'Mr. Putin', entry: PUTIN, case: 'upper-ok', requires: [PUTIN] },
];
const matcher = compileMatcher(terms);

/** A painter that keeps the painted ranges' text. */
function recordingPainter() {
  const painted = new Set<StaticRange>();
  /** Every gap the scanner asked the painter to space its changes by. */
  const gaps: number[] = [];
  let adds = 0;
  /** How often the scanner asked for waiting changes to be applied at once. */
  let appliedWaiting = 0;
  const painter: Painter = {
    add: (r) => {
      adds++;
      painted.add(r as StaticRange);
    },
    remove: (r) => painted.delete(r as StaticRange),
    clear: () => painted.clear(),
    spaceChanges: (ms) => gaps.push(ms),
    applyWaiting: () => appliedWaiting++,
  };
  const texts = () =>
    [...painted]
      .map((r) => {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        return range.toString();
      })
      .sort();
  return { painter, texts, gaps, adds: () => adds, appliedWaiting: () => appliedWaiting };
}

// Each test's scanners stop when it ends, so no observer or timer outlives the test environment.
let life = new AbortController();
afterEach(() => {
  life.abort();
  life = new AbortController();
});

async function start(
  html: string | Node,
  options: {
    sliceMs?: number;
    now?: () => number;
    windowAbove?: number;
    longLinesInPart?: boolean;
    onChange?: () => void;
    indexPart?: number;
  } = {},
) {
  document.body.replaceChildren(
    typeof html === 'string' ? document.createRange().createContextualFragment(html) : html,
  );
  const { painter, texts, gaps, adds, appliedWaiting } = recordingPainter();
  const signal = new AbortController();
  life.signal.addEventListener('abort', () => signal.abort());
  const scanner = createScanner({
    doc: document,
    matcher,
    painter,
    signal: signal.signal,
    throttleMs: 0,
    ...options,
  });
  await scanner.ready;
  return { scanner, texts, gaps, adds, appliedWaiting };
}

/** Waits for the throttled MutationObserver round to run. */
const settled = () => new Promise((done) => setTimeout(done, 30));

describe('createScanner', () => {
  it('marks names across inline elements and resolves conditions over the whole page', async () => {
    const { scanner, texts } = await start(
      '<p>Mr. Putin spoke.</p><p>NATO met <b>Vladimir</b> Putin.</p><p>Mr. <i>Putin</i> left.</p>',
    );
    expect(texts()).toEqual(['Mr. Putin', 'Mr. Putin', 'NATO', 'Vladimir Putin']);
    expect(scanner.mentions.list.map((m) => m.entry)).toEqual([PUTIN, NATO, PUTIN, PUTIN]);
    const first = document.querySelector('p')!.firstChild as Text;
    expect(scanner.mentions.byNode.get(first)?.map((p) => [p.start, p.end])).toEqual([[0, 9]]);
  });

  it('marks added text, drops marks of removed text, and re-reads changed text', async () => {
    const { scanner, texts } = await start('<div id="feed"><p>NATO</p></div>');
    const feed = document.getElementById('feed')!;
    const added = document.createElement('p');
    added.textContent = 'Vladimir Putin and Mr. Putin';
    feed.append(added);
    await settled();
    expect(texts()).toEqual(['Mr. Putin', 'NATO', 'Vladimir Putin']);

    // Without the full name on the page, "Mr. Putin" no longer counts.
    added.firstChild!.nodeValue = 'Only Mr. Putin now';
    await settled();
    expect(texts()).toEqual(['NATO']);

    feed.firstElementChild!.remove();
    await settled();
    expect(texts()).toEqual([]);
    expect(scanner.mentions.list).toEqual([]);
    expect(scanner.mentions.byNode.size).toBe(0);
  });

  it('drops the mark of a text changed to white space', async () => {
    const { scanner, texts } = await start('<p>NATO</p>');
    document.querySelector('p')!.firstChild!.nodeValue = '   ';
    await settled();
    expect(texts()).toEqual([]);
    expect(scanner.mentions.list).toEqual([]);
  });

  it('keeps mentions in reading order wherever text is added', async () => {
    const { scanner } = await start('<div id="feed"><p>NATO one</p><p>filler</p><p>NATO three</p></div>');
    const feed = document.getElementById('feed')!;
    const add = (text: string, before: Element | null) => {
      const p = document.createElement('p');
      p.textContent = text;
      feed.insertBefore(p, before);
    };
    add('Vladimir Putin two', feed.children[2]!);
    add('Vladimir Putin zero', feed.firstElementChild);
    add('Vladimir Putin four', null);
    await settled();
    const texts = scanner.mentions.list.map((m) => m.startNode.data);
    expect(texts).toEqual([
      'Vladimir Putin zero',
      'NATO one',
      'Vladimir Putin two',
      'NATO three',
      'Vladimir Putin four',
    ]);
  });

  it('joins text added inside a line to its neighbours', async () => {
    const { texts } = await start('<p id="line">Vladimir </p>');
    const b = document.createElement('b');
    b.textContent = 'Putin';
    document.getElementById('line')!.append(b);
    await settled();
    expect(texts()).toEqual(['Vladimir Putin']);
  });

  it('keeps true the marks of a line whose other nodes change', async () => {
    // A record keeps only the nodes that hold names; changes to the line's other nodes re-read it
    // all the same.
    const { scanner, texts } = await start(
      '<p id="line"><a>one</a> <a>two</a> and <b>NATO</b> with <a>three</a> <a>four</a></p>',
    );
    const line = document.getElementById('line')!;
    const nato = line.querySelector('b')!.firstChild as Text;
    expect(scanner.mentions.byNode.size).toBe(1);
    expect(scanner.mentions.byNode.get(nato)?.map((p) => [p.start, p.end])).toEqual([[0, 4]]);

    line.querySelectorAll('a')[3]!.firstChild!.nodeValue = 'Vladimir Putin';
    await settled();
    expect(texts()).toEqual(['NATO', 'Vladimir Putin']);
    line.querySelector('a')!.remove();
    await settled();
    expect(texts()).toEqual(['NATO', 'Vladimir Putin']);
    expect(scanner.mentions.list.map((m) => m.entry)).toEqual([NATO, PUTIN]);

    // Text inserted before the name moves nothing: ranges are in the name's own node.
    line.prepend('Moscow, ');
    await settled();
    expect(texts()).toEqual(['NATO', 'Vladimir Putin']);
    expect(scanner.mentions.list.map((m) => m.startNode)).toEqual([
      nato,
      line.querySelectorAll('a')[2]!.firstChild,
    ]);
  });

  it('works in slices and says so in the performance timeline', async () => {
    performance.clearMeasures();
    let clock = 0;
    const paragraphs = Array.from({ length: 40 }, (_, i) => `<p>NATO paragraph ${i}</p>`).join('');
    const { scanner } = await start(paragraphs, { sliceMs: 3, now: () => clock++ });
    expect(scanner.mentions.list).toHaveLength(40);
    expect(performance.getEntriesByName('backstory:scan').length).toBeGreaterThan(5);
    expect(performance.getEntriesByName('backstory:ready')).toHaveLength(1);
  });

  it('reads a line of thousands of nodes over several slices', async () => {
    performance.clearMeasures();
    let clock = 0;
    const letters = Array.from({ length: 6000 }, (_, i) => 'NATO '[i % 5]).join('</span><span>');
    const { scanner } = await start(`<p><span>${letters}</span></p>`, { sliceMs: 3, now: () => clock++ });
    expect(scanner.mentions.list).toHaveLength(1200);
    expect(performance.getEntriesByName('backstory:scan').length).toBeGreaterThanOrEqual(3);
  });

  it('keeps the nodes of a giant line a part at a time, and finds every one of them after', async () => {
    let clock = 0;
    const line = document.createElement('p');
    for (let i = 0; i < 3_000; i++) line.append('NATO '[i % 5]!);
    const { scanner } = await start(line, { sliceMs: 3, now: () => clock++, indexPart: 500 });
    const nodes = [...line.childNodes] as Text[];
    expect(nodes).toHaveLength(3_000);
    expect(scanner.mentions.list).toHaveLength(600);
    // The last "N" of the line: its piece is found although its node was entered last.
    const last = nodes[nodes.length - 5]!;
    expect(scanner.mentions.byNode.get(last)?.map((p) => [p.start, p.end])).toEqual([[0, 1]]);
    expect(scanner.mentions.byNode.size).toBe(2_400);
  });

  it('marks text once when the page moves it ahead of the first scan between slices', async () => {
    let clock = 0;
    let moved = false;
    const fillers = Array.from({ length: 30 }, (_, i) => `<p>filler ${i}</p>`).join('');
    const { scanner, texts } = await start(`<p id="moved">Vladimir Putin</p>${fillers}`, {
      sliceMs: 3,
      now: () => clock++,
      // After the slice that read it, the page moves the paragraph below where the scan is.
      onChange: () => {
        if (moved) return;
        moved = true;
        document.body.append(document.getElementById('moved')!);
      },
    });
    await settled();
    expect(moved).toBe(true);
    expect(texts()).toEqual(['Vladimir Putin']);
    expect(scanner.mentions.list).toHaveLength(1);
  });

  it('spaces out highlight changes while only the viewport part is painted, and not after', async () => {
    const { scanner, gaps } = await start('<p>NATO</p><p>NATO</p><p>NATO</p><p>NATO</p>', {
      windowAbove: 3,
    });
    expect(scanner.windowed).toBe(true);
    expect(gaps).toEqual([WINDOW_CHANGE_GAP]);
    for (const p of [...document.querySelectorAll('p')].slice(0, 3)) p.remove();
    await settled();
    expect(scanner.windowed).toBe(false);
    expect(gaps).toEqual([WINDOW_CHANGE_GAP, 0]);
  });

  it('applies waiting highlight changes in the task where the page adds content, not for other changes', async () => {
    const { appliedWaiting } = await start('<div id="feed"><p>NATO</p></div>');
    const feed = document.getElementById('feed')!;
    // A text change (a ticking clock) relays out no container: changes keep waiting for the gap.
    feed.firstElementChild!.firstChild!.nodeValue = 'NATO again';
    await Promise.resolve();
    expect(appliedWaiting()).toBe(0);
    feed.firstElementChild!.remove();
    await Promise.resolve();
    expect(appliedWaiting()).toBe(0);
    // The observer's callback runs before the task ends (before the browser renders).
    const added = document.createElement('p');
    added.textContent = 'Vladimir Putin';
    feed.append(added);
    await Promise.resolve();
    expect(appliedWaiting()).toBe(1);
  });

  it('paints a first slice of very many mentions once, near the viewport, not all first', async () => {
    const { scanner, texts, adds } = await start('<p>NATO, NATO, NATO, NATO and NATO</p>', {
      windowAbove: 3,
    });
    expect(scanner.windowed).toBe(true);
    expect(adds()).toBe(0);
    await settled();
    expect(texts()).toHaveLength(5);
    expect(adds()).toBe(5);
  });

  it('paints a line of very many mentions only near the viewport, and follows the scroll', async () => {
    // happy-dom lays nothing out: the one paragraph is 20,000 px tall, 20 px for each mention.
    const realRect = Element.prototype.getBoundingClientRect;
    const scrolled = { y: 0 };
    Element.prototype.getBoundingClientRect = function () {
      const top = -scrolled.y;
      return {
        top,
        bottom: top + 20_000,
        left: 0,
        right: 600,
        width: 600,
        height: 20_000,
        x: 0,
        y: top,
      } as DOMRect;
    };
    try {
      const { scanner, texts } = await start(`<p>${'NATO '.repeat(1000)}</p>`, {
        windowAbove: 10,
        longLinesInPart: true,
      });
      await settled();
      expect(scanner.windowed).toBe(true);
      const height = window.innerHeight;
      // Two screens below (none above yet), and the slack.
      const near = Math.ceil((2 * height) / 20) + 50;
      expect(texts()).toHaveLength(near);
      scrolled.y = 10_000;
      document.dispatchEvent(new Event('scroll'));
      await settled();
      // A screen above too, and the slack on both sides: 4 px of the paragraph a character, 5 a mention.
      const first = Math.ceil((10_000 - height) / 4 / 5);
      const last = Math.ceil((10_000 + 2 * height) / 4 / 5);
      expect(texts()).toHaveLength(last - first + 100);
      // Where painting part of a line costs more than all of it (Firefox), all of it is painted.
      life.abort();
      life = new AbortController();
      const whole = await start(`<p>${'NATO '.repeat(1000)}</p>`, {
        windowAbove: 10,
        longLinesInPart: false,
      });
      await settled();
      expect(whole.scanner.windowed).toBe(true);
      expect(whole.texts()).toHaveLength(1000);
    } finally {
      Element.prototype.getBoundingClientRect = realRect;
    }
  });

  it('keeps the painted part while the reader scrolls within it, and moves it near its edges', async () => {
    // happy-dom lays nothing out: paragraph i is 20 px tall, i × 20 px down the page.
    const realRect = Element.prototype.getBoundingClientRect;
    const scrolled = { y: 0 };
    Element.prototype.getBoundingClientRect = function (this: Element) {
      const top = Number(this.id.slice(1)) * 20 - scrolled.y;
      return { top, bottom: top + 20, left: 0, right: 600, width: 600, height: 20, x: 0, y: top } as DOMRect;
    };
    try {
      const html = Array.from({ length: 2000 }, (_, i) => `<p id="p${i}">NATO</p>`).join('');
      const { scanner, texts, adds } = await start(html, { windowAbove: 10 });
      await settled();
      expect(scanner.windowed).toBe(true);
      const height = window.innerHeight;
      /** The first paragraph whose top is below `y` on screen, and the first whose bottom reaches `y`. */
      const firstBelow = (y: number) => Math.floor((y + scrolled.y) / 20) + 1;
      const firstReaching = (y: number) => Math.max(0, Math.ceil((y + scrolled.y - 20) / 20));
      // Four screens below, and the slack.
      expect(texts()).toHaveLength(firstBelow(4 * height) + 24);
      const painted = adds();

      // Within the painted part: the highlight is left as it is.
      scrolled.y = height / 2;
      document.dispatchEvent(new Event('scroll'));
      await settled();
      expect(adds()).toBe(painted);

      // Within half a screen of its end (or past it): two screens above and four below are painted.
      scrolled.y = 4 * height;
      document.dispatchEvent(new Event('scroll'));
      await settled();
      const from = firstReaching(-2 * height) - 24;
      const to = firstBelow(4 * height) + 24;
      expect(texts()).toHaveLength(to - from);
      expect(adds()).toBeGreaterThan(painted);
    } finally {
      Element.prototype.getBoundingClientRect = realRect;
    }
  });

  it('trims what was painted before window mode to the window, even when the viewport is painted', async () => {
    const realRect = Element.prototype.getBoundingClientRect;
    Element.prototype.getBoundingClientRect = function (this: Element) {
      const top = Number(this.id.slice(1)) * 20;
      return { top, bottom: top + 20, left: 0, right: 600, width: 600, height: 20, x: 0, y: top } as DOMRect;
    };
    try {
      // Ten paragraphs at the top and fifty far down: 60 marks, all painted.
      const ids = [
        ...Array.from({ length: 10 }, (_, i) => i),
        ...Array.from({ length: 50 }, (_, i) => 1950 + i),
      ];
      const { scanner, texts } = await start(ids.map((i) => `<p id="p${i}">NATO</p>`).join(''), {
        windowAbove: 60,
      });
      expect(scanner.windowed).toBe(false);
      expect(texts()).toHaveLength(60);
      // One more, halfway: window mode. The viewport's ten stay; far ones beyond the slack go.
      document
        .getElementById('p9')!
        .after(Object.assign(document.createElement('p'), { id: 'p1000', textContent: 'NATO' }));
      await settled();
      expect(scanner.windowed).toBe(true);
      // Records up to the first below four screens (p1000, the eleventh), and 24 more.
      expect(texts()).toHaveLength(10 + 24);
    } finally {
      Element.prototype.getBoundingClientRect = realRect;
    }
  });

  it('stops when its signal aborts', async () => {
    document.body.replaceChildren();
    for (let i = 0; i < 50; i++)
      document.body.append(Object.assign(document.createElement('p'), { textContent: 'NATO' }));
    const { painter, texts } = recordingPainter();
    const stop = new AbortController();
    let clock = 0;
    const scanner = createScanner({
      doc: document,
      matcher,
      painter,
      signal: stop.signal,
      sliceMs: 1,
      now: () => clock++,
    });
    stop.abort();
    await scanner.ready;
    expect(texts().length).toBeLessThan(50);
  });
});
