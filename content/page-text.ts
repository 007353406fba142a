/**
 * The page's text as one string, for note quotes: a selection is described by its offsets in it, and
 * a saved quote is found in it again. Both sides use this one reading, so they agree on offsets.
 * Read when needed (a note is written, the page's notes are anchored), not kept up to date.
 */
import { CARD_HOST_TAG } from './segments';

/** Elements whose text a reader can't select as page prose. */
const UNREAD = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', CARD_HOST_TAG]);

export interface PageText {
  readonly text: string;
  readonly nodes: readonly Text[];
  /** Where each node's data starts in `text`. */
  readonly starts: readonly number[];
}

export function readPageText(root: Node): PageText {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (n) =>
      n.nodeType === Node.ELEMENT_NODE && UNREAD.has((n as Element).tagName.toUpperCase())
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
  const nodes: Text[] = [];
  const starts: number[] = [];
  const parts: string[] = [];
  let at = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType !== Node.TEXT_NODE) continue;
    const data = (n as Text).data;
    nodes.push(n as Text);
    starts.push(at);
    parts.push(data);
    at += data.length;
  }
  return { text: parts.join(''), nodes, starts };
}

/** Index of the last node that starts at or before `offset`. */
function nodeIndex(page: PageText, offset: number): number {
  let lo = 0;
  let hi = page.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (page.starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The offset in `page.text` of a DOM boundary point; null when it is outside the read text. */
export function offsetOf(page: PageText, node: Node, offset: number): number | null {
  if (node.nodeType === Node.TEXT_NODE) {
    const i = page.nodes.indexOf(node as Text);
    return i === -1 ? null : page.starts[i]! + offset;
  }
  // A point between children: the text of the first text node at or after it.
  const doc = node.ownerDocument ?? (node as Document);
  const probe = doc.createRange();
  probe.setStart(node, offset);
  for (let i = 0; i < page.nodes.length; i++) {
    const t = page.nodes[i]!;
    if (probe.comparePoint(t, 0) >= 0) return page.starts[i]!;
  }
  return page.text.length;
}

/** [start, end) of a range in `page.text`, or null when it is not in the page's text. */
export function rangeOffsets(page: PageText, range: AbstractRange): { start: number; end: number } | null {
  const start = offsetOf(page, range.startContainer, range.startOffset);
  const end = offsetOf(page, range.endContainer, range.endOffset);
  return start === null || end === null || end <= start ? null : { start, end };
}

/** A live range over text[start, end). */
export function rangeAt(page: PageText, start: number, end: number): Range | null {
  if (page.nodes.length === 0 || end <= start) return null;
  const a = nodeIndex(page, start);
  // The end belongs to the node that holds its last character.
  const b = nodeIndex(page, end - 1);
  const doc = page.nodes[a]!.ownerDocument;
  const range = doc.createRange();
  range.setStart(page.nodes[a]!, start - page.starts[a]!);
  range.setEnd(page.nodes[b]!, end - page.starts[b]!);
  return range;
}
