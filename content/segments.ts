/**
 * Reads the page's text for the matcher: text nodes grouped into segments, one per run of inline
 * content, so that "Vladimir <b>Putin</b>" is matched as one name but two paragraphs never join.
 * Each text node's data is read exactly once (Firefox content scripts pay for every read of a long
 * `Text.data`).
 *
 * The walk is a TreeWalker without a filter: a filter is a call from the browser into script for
 * every node, and costs several times the walk itself. Skipped subtrees are stepped over by hand.
 * A reader can stop after any segment and go on later, so the walk can be cut into slices.
 */

/** Elements whose text is never marked: code, form fields, editors, and our own card. */
const SKIPPED_TAGS = [
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'BUTTON',
  'IFRAME',
  'OBJECT',
  'SVG',
  'MATH',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'HEAD',
  'TITLE',
];

/** Elements that flow inside a line: text on either side belongs to one segment. */
const INLINE_TAGS = [
  'A',
  'ABBR',
  'B',
  'BDI',
  'BDO',
  'CITE',
  'CODE',
  'DATA',
  'DFN',
  'EM',
  'FONT',
  'I',
  'INS',
  'DEL',
  'KBD',
  'MARK',
  'Q',
  'S',
  'SAMP',
  'SMALL',
  'SPAN',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'U',
  'VAR',
  'LABEL',
  'NOBR',
  'WBR',
];

export const CARD_HOST_TAG = 'BACKSTORY-CARD';

// Both cases: SVG and MathML report lower-case tag names, and so does XHTML. Looking up both
// spellings is cheaper than upper-casing every tag name.
const bothCases = (tags: readonly string[]) => new Set([...tags, ...tags.map((t) => t.toLowerCase())]);
const SKIPPED = bothCases([...SKIPPED_TAGS, CARD_HOST_TAG]);
const INLINE = bothCases(INLINE_TAGS);

export interface Segment {
  readonly text: string;
  readonly nodes: readonly Text[];
  /** Offset in `text` where each node's data begins. */
  readonly starts: readonly number[];
}

/** What `SegmentReader.nextText` answers when it stopped for the caller's slice to end. */
export const PAUSED: unique symbol = Symbol('paused');

/** Nodes walked between two questions whether a slice is overdue (a question reads the clock). */
const CHECK_EVERY = 1024;

/** The starts of a segment of one node (shared: segments never change their lists). */
const ONE_NODE: readonly number[] = Object.freeze([0]);

export const isInlineElement = (el: Element): boolean => INLINE.has(el.tagName);

/** JavaScript's `\s` outside ASCII. */
const isWideSpace = (c: number): boolean =>
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;

/** `/\S/.test(text)` without a regular expression: most segments answer at their first unit. */
export function hasText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 ? c !== 0x20 && (c < 0x09 || c > 0x0d) : !isWideSpace(c)) return true;
  }
  return false;
}

/** The element a text node's line belongs to: its nearest ancestor that is not inline. */
export function blockOf(node: Node): Element | null {
  let el = node.parentElement;
  while (el && INLINE.has(el.tagName)) el = el.parentElement;
  return el;
}

/**
 * Whether an element makes its content editable. Read from the attribute, not `isContentEditable`,
 * which brings the page's style up to date first: after a page change, that alone can cost more
 * than reading the new text.
 */
function isEditingHost(el: Element): boolean {
  const value = el.getAttribute('contenteditable');
  return value !== null && value.toLowerCase() !== 'false';
}

/** Editing hosts under `root`: their text is the reader's, never marked. */
function editingHosts(root: Node): Set<Element> {
  const hosts = new Set<Element>();
  const scope = root as ParentNode;
  if (typeof scope.querySelectorAll !== 'function') return hosts;
  for (const el of scope.querySelectorAll('[contenteditable]')) if (isEditingHost(el)) hosts.add(el);
  return hosts;
}

/** Whether the document has editing hosts at all (asked once per round of changes). */
export const hasEditors = (doc: Document): boolean => doc.querySelector('[contenteditable]') !== null;

/**
 * Whether `node` sits inside something whose text is never marked (checked up to the document).
 * `editors`: whether the document has editing hosts (`hasEditors`), when the caller knows.
 */
export function insideSkipped(node: Node, editors?: boolean): boolean {
  const doc = node.ownerDocument;
  editors ??= doc !== null && hasEditors(doc);
  for (let el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement; el;) {
    if (SKIPPED.has(el.tagName)) return true;
    if (editors && isEditingHost(el)) return true;
    const parent: Node | null = el.parentNode;
    // Our card lives in a shadow root; so may page widgets, whose text is not walked.
    el = parent instanceof Element ? parent : null;
  }
  return false;
}

/**
 * `insideSkipped` for many nodes at once (the places a round of page changes touched): each
 * ancestor is looked at once, and no query of the whole document asks first whether it has
 * editors (on a page of 100,000 nodes that query costs more than the changes).
 */
export function skippedTest(): (node: Node) => boolean {
  const known = new Map<Element, boolean>();
  const inside = (el: Element): boolean => {
    const seen = known.get(el);
    if (seen !== undefined) return seen;
    const parent: Node | null = el.parentNode;
    const result =
      SKIPPED.has(el.tagName) || isEditingHost(el) || (parent instanceof Element && inside(parent));
    known.set(el, result);
    return result;
  };
  return (node) => {
    const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
    return el !== null && inside(el);
  };
}

/**
 * Reads the segments under `root` one at a time, in document order. With `stopAt`, the reader
 * ends where that node begins (the part of the page before it).
 *
 * The walk goes child by child (`firstChild`, `nextSibling`, `parentNode` of one TreeWalker) and
 * keeps the block of each level on a stack, so a text node's block is known without asking for its
 * parents: every call into the page's DOM from a content script crosses into another world.
 */
export class SegmentReader {
  private readonly walker: TreeWalker;
  private readonly hosts: Set<Element>;
  private readonly stopAt: Node | null;
  /** The block that the children of each level of the walk belong to, the root's level first. */
  private readonly blocks: (Element | null)[];
  /** The next node to read; the walker stands on it. */
  private node: Node | null;
  private finished = false;
  /** The block of the segment being built. */
  private block: Element | null = null;
  private text = '';
  /** The segment's nodes and where each begins in its text: the first `count` entries (reused buffers). */
  private readonly nodes: Text[] = [];
  private readonly starts: number[] = [];
  private held = 0;
  /** Whether the last `nextText` gave up inside a run: the next call goes on with it. */
  private paused = false;
  /** A text node read past the end of the last segment: it begins the next one. */
  private carried: Text | null = null;
  private carriedData = '';

  constructor(
    private readonly root: Node,
    options: { startAt?: Node; stopAt?: Node } = {},
  ) {
    const doc = root.ownerDocument ?? (root as Document);
    this.walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    this.hosts = editingHosts(root);
    this.stopAt = options.stopAt ?? null;
    const top =
      root.nodeType === Node.ELEMENT_NODE && !INLINE.has((root as Element).tagName)
        ? (root as Element)
        : root.nodeType === Node.DOCUMENT_NODE
          ? null
          : blockOf(root);
    this.blocks = [top];
    const start = options.startAt;
    if (start) {
      // The levels between the root and the start node, from the top down.
      const above: Element[] = [];
      for (let p = start.parentNode; p && p !== root; p = p.parentNode) above.push(p as Element);
      for (let i = above.length - 1; i >= 0; i--) {
        const el = above[i]!;
        this.blocks.push(INLINE.has(el.tagName) ? this.top : el);
      }
      this.walker.currentNode = start;
      this.node = start;
    } else if (root.nodeType === Node.TEXT_NODE) {
      // A rescan of a single text node: the root's own text.
      this.node = root;
    } else this.node = this.walker.firstChild();
    // A document in design mode is all editor.
    if (doc.designMode === 'on') this.finished = true;
  }

  get done(): boolean {
    return this.finished;
  }

  /** False once the page has removed the node the walk stands on: the walk cannot go on from there. */
  get connected(): boolean {
    return this.finished || this.walker.currentNode.isConnected;
  }

  /** How many text nodes the segment last returned by `nextText` has. */
  get count(): number {
    return this.held;
  }

  /** Text node `i` of the segment last returned by `nextText`. */
  nodeAt(i: number): Text {
    return this.nodes[i]!;
  }

  /**
   * The nodes of the segment last returned by `nextText` that hold its text from `from` to `to`,
   * with where each begins in that text: all a record of the names there needs to keep (a
   * paragraph of many links may have one name in a few of its dozens of nodes).
   */
  nodesHolding(from: number, to: number): { nodes: Text[]; starts: readonly number[] } {
    const first = nodeIndex(this.starts, from, false, this.held);
    const last = nodeIndex(this.starts, to, true, this.held);
    return {
      nodes: this.nodes.slice(first, last + 1),
      starts: first === last && this.starts[first] === 0 ? ONE_NODE : this.starts.slice(first, last + 1),
    };
  }

  /** The segment last returned by `nextText`, as a segment of its own (copies of its node lists). */
  segment(text: string): Segment {
    return {
      text,
      nodes: this.nodes.slice(0, this.held),
      // Most segments are one node: they share one list of starts.
      starts: this.held === 1 ? ONE_NODE : this.starts.slice(0, this.held),
    };
  }

  /** The block of the level the walk is at. */
  private get top(): Element | null {
    return this.blocks[this.blocks.length - 1] ?? null;
  }

  /** Past the current node's subtree: its next sibling, or up and on; null at the end of the walk. */
  private skip(): Node | null {
    const w = this.walker;
    for (;;) {
      const sibling = w.nextSibling();
      if (sibling !== null) return sibling;
      if (this.blocks.length <= 1 || w.parentNode() === null) return null;
      this.blocks.pop();
    }
  }

  private add(node: Text, data: string): void {
    this.nodes[this.held] = node;
    this.starts[this.held] = this.text.length;
    this.held++;
    this.text = this.held === 1 ? data : this.text + data;
  }

  /**
   * The text of the next run of inline content, white space only or not, or null when the walk is
   * over. Its nodes are `nodeAt(0 … count - 1)` until the next call. Nothing is allocated for it
   * but its text, so a caller that finds nothing in it keeps nothing.
   *
   * With `overdue`, asked every `CHECK_EVERY` nodes, the reader may give up before the run ends
   * and answer `PAUSED`; the next call goes on where it stopped. A line of 200,000 one-letter
   * nodes is read in several slices this way, not in one long task.
   */
  nextText(): string | null;
  nextText(overdue: () => boolean): string | null | typeof PAUSED;
  nextText(overdue?: () => boolean): string | null | typeof PAUSED {
    if (this.paused) this.paused = false;
    else {
      this.held = 0;
      this.text = '';
      if (this.carried !== null) {
        this.add(this.carried, this.carriedData);
        this.carried = null;
        this.carriedData = '';
      }
    }
    let steps = 0;
    while (!this.finished) {
      if (overdue !== undefined && ++steps === CHECK_EVERY) {
        if (overdue()) {
          this.paused = true;
          return PAUSED;
        }
        steps = 0;
      }
      const node = this.node;
      if (node === null || node === this.stopAt) {
        this.finished = true;
        break;
      }
      // One call tells text from element and gives the tag.
      const name = node.nodeName;
      if (name === '#text') {
        // Its block before the walk moves on (and perhaps up).
        const own = this.top;
        this.node = this.skip();
        const textNode = node as Text;
        const data = textNode.data;
        if (data.length === 0) continue;
        if (own !== this.block) {
          this.block = own;
          if (this.held > 0) {
            this.carried = textNode;
            this.carriedData = data;
            return this.text;
          }
        }
        this.add(textNode, data);
        continue;
      }
      // The walker shows elements and text only.
      const el = node as Element;
      if (SKIPPED.has(name) || (this.hosts.size > 0 && this.hosts.has(el))) {
        // A skipped element is no line break: "a <button>b</button> c" stays one segment.
        this.node = this.skip();
        continue;
      }
      const inline = INLINE.has(name);
      const child = this.walker.firstChild();
      if (child !== null) {
        this.blocks.push(inline ? this.top : el);
        this.node = child;
      } else this.node = this.skip();
      if (!inline && this.held > 0) return this.text;
    }
    return this.held > 0 ? this.text : null;
  }

  /** The next segment with some non-space text, or null when the walk is over. */
  next(): Segment | null {
    for (let text = this.nextText(); text !== null; text = this.nextText()) {
      if (hasText(text)) return this.segment(text);
    }
    return null;
  }
}

/** Collects the segments under `root`. */
export function collectSegments(root: Node): Segment[] {
  const reader = new SegmentReader(root);
  const segments: Segment[] = [];
  for (let s = reader.next(); s; s = reader.next()) segments.push(s);
  return segments;
}

/**
 * Index of the node of a segment holding `offset`: the last node starting at or before it (strictly
 * before for an end, so an end stays in the node it closes). `count`: how many of `starts` count.
 */
export function nodeIndex(
  starts: readonly number[],
  offset: number,
  atEnd: boolean,
  count = starts.length,
): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const s = starts[mid]!;
    if (s < offset || (!atEnd && s === offset)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
