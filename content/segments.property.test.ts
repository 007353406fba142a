// @vitest-environment happy-dom
/**
 * Property tests for the text walker and the scanner's reading of it: random Unicode text (lone
 * surrogates, zero-width and combining marks included) in random DOM trees. Nothing throws, every
 * offset points into the node it names, nothing skipped is read, and a rescan gives the same result.
 */
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compileMatcher, type Term } from '../matcher/matcher';
import { createScanner, type Painter } from './scan';
import {
  blockOf,
  CARD_HOST_TAG,
  collectSegments,
  hasText,
  insideSkipped,
  isInlineElement,
  nodeIndex,
  SegmentReader,
  skippedTest,
  type Segment,
} from './segments';

beforeAll(() => {
  // happy-dom has no StaticRange; the scanner only creates them and hands them to the painter.
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

/** Characters that break naive text code: joiners, marks, bidi controls, a BOM, lone surrogates. */
const ODD_UNITS = [
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u0301',
  '\u0308',
  '\u20dd',
  '\u202e',
  '\u00a0',
  '\u3000',
  '\ud83d',
  '\ude00',
  '\ud83d\ude00',
  '\ud83c\uddfa\ud83c\udde6',
  '\n',
  '\t',
  ' ',
];
/** Words the matcher below knows, so the scanner has mentions to find. */
const WORDS = ['NATO', 'Vladimir Putin', 'Mr. Putin', 'Kyiv', 'nato', 'Putin'];

const unit = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 1 }) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD_UNITS) },
  { weight: 2, arbitrary: fc.constantFrom(...WORDS, ' ', '. ') },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
);
const text = fc.array(unit, { maxLength: 24 }).map((parts) => parts.join(''));

/** Inline, block, skipped and editable elements, and SVG (lower-case tag names). */
const TAGS = ['b', 'i', 'span', 'a', 'p', 'div', 'li', 'br', 'script', 'style', 'textarea', 'button', 'svg'];

type Tree = { kind: 'text'; text: string } | { kind: 'el'; tag: string; editable: boolean; children: Tree[] };

const { tree } = fc.letrec<{ tree: Tree; node: Tree }>((tie) => ({
  tree: fc.record({
    kind: fc.constant('el' as const),
    tag: fc.constantFrom('div', 'p', 'span'),
    editable: fc.constant(false),
    children: fc.array(tie('node'), { maxLength: 6 }),
  }),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ kind: fc.constant('text' as const), text }),
    fc.record({
      kind: fc.constant('el' as const),
      tag: fc.constantFrom(...TAGS),
      editable: fc.constantFrom(false, false, false, false, true),
      children: fc.array(tie('node'), { maxLength: 4 }),
    }),
  ),
}));

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(t: Tree, parent: Node): void {
  if (t.kind === 'text') {
    parent.appendChild(document.createTextNode(t.text));
    return;
  }
  const inSvg = parent instanceof Element && parent.namespaceURI === SVG_NS;
  const el =
    t.tag === 'svg' || inSvg
      ? document.createElementNS(SVG_NS, inSvg ? 'text' : 'svg')
      : document.createElement(t.tag);
  if (t.editable) el.setAttribute('contenteditable', 'true');
  parent.appendChild(el);
  if (t.tag !== 'br') for (const child of t.children) build(child, el);
}

function mount(t: Tree): HTMLElement {
  document.body.replaceChildren();
  const root = document.createElement('main');
  document.body.append(root);
  build(t, root);
  return root;
}

function checkSegment(segment: Segment): void {
  expect(segment.nodes.length).toBe(segment.starts.length);
  expect(segment.nodes.length).toBeGreaterThan(0);
  expect(hasText(segment.text)).toBe(true);
  let at = 0;
  segment.nodes.forEach((node, i) => {
    expect(segment.starts[i]).toBe(at);
    expect(insideSkipped(node)).toBe(false);
    at += node.data.length;
  });
  // The segment's text is exactly its nodes' data, in order.
  expect(segment.nodes.map((n) => n.data).join('')).toBe(segment.text);
  expect(at).toBe(segment.text.length);
  for (let offset = 0; offset <= segment.text.length; offset++) {
    for (const atEnd of [false, true]) {
      // The node holding the offset, an end staying in the node it closes.
      const index = nodeIndex(segment.starts, offset, atEnd);
      const inNode = offset - segment.starts[index]!;
      expect(inNode).toBeGreaterThanOrEqual(atEnd && offset > 0 ? 1 : 0);
      expect(inNode).toBeLessThanOrEqual(
        segment.nodes[index]!.data.length - (atEnd ? 0 : 1) + (offset === segment.text.length ? 1 : 0),
      );
    }
  }
}

/**
 * The plain reading the reader must agree with: every element and text node in document order
 * (`nextNode`), a segment ending at each element that is not inline and wherever a text node's
 * block (`blockOf`) changes; skipped elements and editors stepped over whole.
 */
function referenceRead(root: Node, options: { startAt?: Node; stopAt?: Node } = {}): Segment[] {
  const skipped = new Set(
    [
      ...['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'BUTTON'],
      ...['IFRAME', 'OBJECT', 'SVG', 'MATH', 'CANVAS', 'VIDEO', 'AUDIO', 'HEAD', 'TITLE', CARD_HOST_TAG],
    ].flatMap((t) => [t, t.toLowerCase()]),
  );
  const editable = (el: Element) => {
    const value = el.getAttribute('contenteditable');
    return value !== null && value.toLowerCase() !== 'false';
  };
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  const out: Segment[] = [];
  let text = '';
  let nodes: Text[] = [];
  let starts: number[] = [];
  let block: Element | null = null;
  const flush = () => {
    if (nodes.length > 0 && hasText(text)) out.push({ text, nodes, starts });
    text = '';
    nodes = [];
    starts = [];
  };
  let node: Node | null = options.startAt ?? (root.nodeType === Node.TEXT_NODE ? root : walker.nextNode());
  if (options.startAt) walker.currentNode = options.startAt;
  while (node && node !== options.stopAt) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      const el = node as Element;
      if (skipped.has(el.tagName) || (el !== root && editable(el))) {
        // Past the whole subtree.
        walker.currentNode = el;
        let next: Node | null = null;
        while (!(next = walker.nextSibling()) && walker.parentNode());
        node = next;
        continue;
      }
      if (!isInlineElement(el)) flush();
    } else {
      const t = node as Text;
      if (t.data.length > 0) {
        const own = blockOf(t);
        if (own !== block) {
          block = own;
          flush();
        }
        starts.push(text.length);
        nodes.push(t);
        text += t.data;
      }
    }
    node = walker.nextNode();
  }
  flush();
  return out;
}

const shape = (segments: readonly Segment[]) => segments.map((s) => ({ text: s.text, nodes: [...s.nodes] }));

describe('collectSegments on random trees', () => {
  it('throws nothing, gives valid offsets, reads each text node at most once, and rescans the same', () => {
    fc.assert(
      fc.property(tree, (t) => {
        const root = mount(t);
        const segments = collectSegments(root);
        const seen = new Set<Text>();
        for (const segment of segments) {
          checkSegment(segment);
          for (const node of segment.nodes) {
            expect(seen.has(node)).toBe(false);
            seen.add(node);
          }
        }
        // Every text node that is not skipped and has some text is read.
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const node = n as Text;
          if (!insideSkipped(node) && hasText(node.data)) expect(seen.has(node)).toBe(true);
        }
        expect(shape(collectSegments(root))).toEqual(shape(segments));
      }),
      { numRuns: 300 },
    );
  });

  it('reads the same from any start node to the end as the tail of a full read', () => {
    fc.assert(
      fc.property(tree, fc.nat(), (t, pick) => {
        const root = mount(t);
        const all = collectSegments(root);
        const nodes = all.flatMap((s) => s.nodes);
        if (nodes.length === 0) return;
        // Start at the first node of a segment: the reader gives that segment and all after it.
        const starts = all.map((s) => s.nodes[0]!);
        const start = starts[pick % starts.length]!;
        const reader = new SegmentReader(root, { startAt: start });
        const tail: Segment[] = [];
        for (let s = reader.next(); s; s = reader.next()) tail.push(s);
        tail.forEach(checkSegment);
        const from = all.findIndex((s) => s.nodes[0] === start);
        expect(shape(tail)).toEqual(shape(all.slice(from)));
      }),
      { numRuns: 200 },
    );
  });

  it('tells skipped nodes as insideSkipped does, each ancestor looked at once', () => {
    fc.assert(
      fc.property(tree, (t) => {
        const root = mount(t);
        const skipped = skippedTest();
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) expect(skipped(n)).toBe(insideSkipped(n));
      }),
      { numRuns: 300 },
    );
  });

  it('reads what the plain reading does, from any node and up to any node', () => {
    fc.assert(
      fc.property(tree, fc.nat(), fc.boolean(), (t, pick, below) => {
        const root = mount(t);
        expect(shape(collectSegments(root))).toEqual(shape(referenceRead(root)));
        const all: Node[] = [];
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) all.push(n);
        const at = all[pick % Math.max(1, all.length)];
        if (!at || (at.nodeType === Node.ELEMENT_NODE && insideSkipped(at))) return;
        const options = below ? { startAt: at } : { stopAt: at };
        const reader = new SegmentReader(root, options);
        const read: Segment[] = [];
        for (let s = reader.next(); s; s = reader.next()) read.push(s);
        expect(shape(read)).toEqual(shape(referenceRead(root, options)));
      }),
      { numRuns: 500 },
    );
  });
});

const terms: Term[] = [
  { text: 'NATO', entry: 0, case: 'exact' },
  { text: 'Vladimir Putin', entry: 1, case: 'upper-ok' },
  { text: 'Mr. Putin', entry: 1, case: 'upper-ok', requires: [1] },
  { text: 'Kyiv', entry: 2, case: 'upper-ok' },
];
const matcher = compileMatcher(terms);

const life = new AbortController();
afterEach(() => life.abort());

/** Scans the document once, checking each painted range; the marked texts, sorted. */
async function scanOnce(): Promise<string[]> {
  const painted = new Set<AbstractRange>();
  const painter: Painter = {
    add: (r) => painted.add(r),
    remove: (r) => painted.delete(r),
    clear: () => painted.clear(),
    spaceChanges: () => {},
    applyWaiting: () => {},
  };
  const signal = new AbortController();
  const scanner = createScanner({ doc: document, matcher, painter, signal: signal.signal, throttleMs: 0 });
  await scanner.ready;
  const out: string[] = [];
  for (const r of painted) {
    expect(r.startContainer.nodeType).toBe(Node.TEXT_NODE);
    expect(r.endContainer.nodeType).toBe(Node.TEXT_NODE);
    expect(r.startOffset).toBeGreaterThanOrEqual(0);
    expect(r.startOffset).toBeLessThanOrEqual((r.startContainer as Text).data.length);
    expect(r.endOffset).toBeGreaterThanOrEqual(0);
    expect(r.endOffset).toBeLessThanOrEqual((r.endContainer as Text).data.length);
    expect(insideSkipped(r.startContainer)).toBe(false);
    const range = document.createRange();
    range.setStart(r.startContainer, r.startOffset);
    range.setEnd(r.endContainer, r.endOffset);
    const marked = range.toString();
    // Every mark is one of the terms, up to case and white space.
    expect(terms.some((t) => t.text.toLowerCase() === marked.replace(/\s+/g, ' ').toLowerCase())).toBe(true);
    out.push(marked);
  }
  for (const [node, pieces] of scanner.mentions.byNode) {
    for (const piece of pieces) {
      expect(piece.start).toBeGreaterThanOrEqual(0);
      expect(piece.start).toBeLessThan(piece.end);
      expect(piece.end).toBeLessThanOrEqual(node.data.length);
    }
  }
  signal.abort();
  return out.sort();
}

describe('the scanner on random trees', () => {
  it('throws nothing, marks only terms at valid offsets, and a rescan marks the same', async () => {
    let marks = 0;
    await fc.assert(
      fc.asyncProperty(tree, async (t) => {
        mount(t);
        const first = await scanOnce();
        marks += first.length;
        expect(await scanOnce()).toEqual(first);
      }),
      { numRuns: 120 },
    );
    // The trees hold the terms often enough that the checks above saw real marks.
    expect(marks).toBeGreaterThan(0);
  });
});
