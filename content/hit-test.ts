/**
 * Finds the mention under a point: the caret position gives the text node and offset, the node's
 * pieces give the mention, and the piece's boxes confirm the point is on the text itself (the caret
 * snaps to the nearest character even in the margin).
 */
import type { Piece } from './scan';

interface Caret {
  readonly node: Node;
  readonly offset: number;
}

function caretAt(doc: Document, x: number, y: number): Caret | null {
  if (typeof doc.caretPositionFromPoint === 'function') {
    const pos = doc.caretPositionFromPoint(x, y);
    return pos ? { node: pos.offsetNode, offset: pos.offset } : null;
  }
  const range = (
    doc as Document & { caretRangeFromPoint?: (x: number, y: number) => Range | null }
  ).caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}

const SLOP = 1;

function boxesContain(range: Range, x: number, y: number): boolean {
  for (const r of range.getClientRects()) {
    if (x >= r.left - SLOP && x <= r.right + SLOP && y >= r.top - SLOP && y <= r.bottom + SLOP) return true;
  }
  return false;
}

export function pieceAt(
  doc: Document,
  byNode: ReadonlyMap<Text, readonly Piece[]>,
  x: number,
  y: number,
): Piece | null {
  const caret = caretAt(doc, x, y);
  if (!caret || caret.node.nodeType !== Node.TEXT_NODE) return null;
  const pieces = byNode.get(caret.node as Text);
  if (!pieces) return null;
  const range = doc.createRange();
  for (const piece of pieces) {
    if (caret.offset < piece.start || caret.offset > piece.end) continue;
    range.setStart(caret.node, piece.start);
    range.setEnd(caret.node, piece.end);
    if (boxesContain(range, x, y)) return piece;
  }
  return null;
}

/** The box of a mention to place its card beside: the line box under the point, else the first. */
export function mentionRect(range: AbstractRange, near?: { x: number; y: number }): DOMRect {
  const live = document.createRange();
  live.setStart(range.startContainer, range.startOffset);
  live.setEnd(range.endContainer, range.endOffset);
  const rects = [...live.getClientRects()];
  const hit =
    near && rects.find((r) => near.x >= r.left && near.x <= r.right && near.y >= r.top && near.y <= r.bottom);
  return hit ?? rects[0] ?? live.getBoundingClientRect();
}
