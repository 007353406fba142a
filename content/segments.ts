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
 * Reads the segments under `root` one at a time, in document order. With `stopAt`, the reader
 * ends where that node begins (the part of the page before it).
 */
export class SegmentReader {
  private readonly walker: TreeWalker;
  private readonly hosts: Set<Element>;
  private readonly stopAt: Node | null;
  /** The node to handle next when a skip has already moved the walker there. */
  private pending: Node | null = null;
  private started = false;
  private finished = false;
  private text = '';
  private nodes: Text[] = [];
  private starts: number[] = [];
  private block: Element | null = null;
  private lastParent: Node | null = null;
  private lastBlock: Element | null = null;

  constructor(
    private readonly root: Node,
    options: { startAt?: Node; stopAt?: Node } = {},
  ) {
    const doc = root.ownerDocument ?? (root as Document);
    this.walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    this.hosts = editingHosts(root);
    this.stopAt = options.stopAt ?? null;
    // A document in design mode is all editor.
    if (doc.designMode === 'on') this.finished = true;
    if (options.startAt) {
      this.walker.currentNode = options.startAt;
      this.pending = options.startAt;
      this.started = true;
    }
  }

  get done(): boolean {
    return this.finished;
  }

  /** False once the page has removed the node the walk stands on: the walk cannot go on from there. */
  get connected(): boolean {
    return this.finished || this.walker.currentNode.isConnected;
  }

  /** The next node of the walk after the whole subtree of `el`, or null at the end. */
  private after(el: Node): Node | null {
    const w = this.walker;
    w.currentNode = el;
    for (;;) {
      const sibling = w.nextSibling();
      if (sibling) return sibling;
      if (!w.parentNode()) return null;
    }
  }

  private advance(): Node | null {
    if (this.pending) {
      const node = this.pending;
      this.pending = null;
      return node;
    }
    if (!this.started) {
      this.started = true;
      // The root's own text (a rescan of a single text node) comes first.
      if (this.root.nodeType === Node.TEXT_NODE) return this.root;
    }
    return this.walker.nextNode();
  }

  /** Ends the segment being built; returns it if it has any non-space text. */
  private flush(): Segment | null {
    const segment =
      this.nodes.length > 0 && hasText(this.text)
        ? { text: this.text, nodes: this.nodes, starts: this.starts }
        : null;
    this.text = '';
    this.nodes = [];
    this.starts = [];
    return segment;
  }

  private add(node: Text, data: string): void {
    this.starts.push(this.text.length);
    this.nodes.push(node);
    this.text = this.text.length === 0 ? data : this.text + data;
  }

  /** The next segment, or null when the walk is over. */
  next(): Segment | null {
    while (!this.finished) {
      const node = this.pending === null && this.started ? this.walker.nextNode() : this.advance();
      if (node === null || node === this.stopAt) {
        this.finished = true;
        return this.flush();
      }
      // One call tells text from element and gives the tag: a content script pays for each call
      // into the page's DOM (its own wrappers, in its own world).
      const name = node.nodeName;
      if (name !== '#text') {
        // The walker shows elements and text only.
        const el = node as Element;
        const tag = name;
        if (SKIPPED.has(tag) || (this.hosts.size > 0 && this.hosts.has(el))) {
          this.pending = this.after(el);
          if (this.pending === null) this.finished = true;
          // A skipped element is no line break: "a <button>b</button> c" stays one segment.
          if (this.finished) return this.flush();
          continue;
        }
        if (!INLINE.has(tag)) {
          const segment = this.flush();
          if (segment) return segment;
        }
        continue;
      }
      const textNode = node as Text;
      const data = textNode.data;
      if (data.length === 0) continue;
      const parent = textNode.parentNode;
      let own: Element | null;
      if (parent === this.lastParent) own = this.lastBlock;
      else {
        own = blockOf(textNode);
        this.lastParent = parent;
        this.lastBlock = own;
      }
      if (own !== this.block) {
        this.block = own;
        const segment = this.flush();
        this.add(textNode, data);
        if (segment) return segment;
        continue;
      }
      this.starts.push(this.text.length);
      this.nodes.push(textNode);
      this.text = this.text.length === 0 ? data : this.text + data;
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

/** The node holding `offset` of the segment, and the offset inside it. */
export function locate(
  segment: Pick<Segment, 'nodes' | 'starts'>,
  offset: number,
  atEnd: boolean,
): { index: number; node: Text; offset: number } {
  const { starts, nodes } = segment;
  // Binary search for the last node starting at or before offset (strictly before for an end).
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const s = starts[mid]!;
    if (s < offset || (!atEnd && s === offset)) lo = mid;
    else hi = mid - 1;
  }
  return { index: lo, node: nodes[lo]!, offset: offset - starts[lo]! };
}
