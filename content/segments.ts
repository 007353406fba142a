/**
 * Reads the page's text for the matcher: text nodes grouped into segments, one per run of inline
 * content, so that "Vladimir <b>Putin</b>" is matched as one name but two paragraphs never join.
 * Each text node's data is read exactly once (Firefox content scripts pay for every read of a long
 * `Text.data`).
 */

/** Elements whose text is never marked: code, form fields, editors, and our own card. */
const SKIPPED = new Set([
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
]);

/** Elements that flow inside a line: text on either side belongs to one segment. */
const INLINE = new Set([
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
]);

export const CARD_HOST_TAG = 'BACKSTORY-CARD';

export interface Segment {
  readonly text: string;
  readonly nodes: readonly Text[];
  /** Offset in `text` where each node's data begins. */
  readonly starts: readonly number[];
}

function skipped(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  if (SKIPPED.has(tag) || tag === CARD_HOST_TAG) return true;
  return el instanceof HTMLElement && el.isContentEditable;
}

/**
 * Collects the segments under `root`. Elements are visited too, so that a block element or a line
 * break between two text nodes ends the segment even when both share a block ancestor.
 */
export function collectSegments(root: Node): Segment[] {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node.nodeType === Node.ELEMENT_NODE && skipped(node as Element)) return NodeFilter.FILTER_REJECT;
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  const segments: Segment[] = [];
  let text = '';
  let nodes: Text[] = [];
  let starts: number[] = [];
  let block: Element | null = null;
  const flush = () => {
    if (nodes.length > 0 && /\S/.test(text)) segments.push({ text, nodes, starts });
    text = '';
    nodes = [];
    starts = [];
  };
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      if (!INLINE.has((node as Element).tagName.toUpperCase())) flush();
      continue;
    }
    const textNode = node as Text;
    const data = textNode.data;
    if (data.length === 0) continue;
    const own = blockOf(textNode);
    if (own !== block) {
      flush();
      block = own;
    }
    starts.push(text.length);
    nodes.push(textNode);
    text += data;
  }
  flush();
  return segments;
}

function blockOf(node: Text): Element | null {
  let el = node.parentElement;
  while (el && INLINE.has(el.tagName.toUpperCase())) el = el.parentElement;
  return el;
}

/** The node holding `offset` of the segment, and the offset inside it. */
export function locate(
  segment: Segment,
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
