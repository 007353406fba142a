/**
 * Quotes and passages in the live page: the DOM side of `note-passages.ts`, reading the page's text
 * once per call (`page-text.ts`). Needed only when a note is written or the page has notes, so it
 * loads with the card's code.
 */
import type { Note, TextQuoteSelector } from '../storage/note-model';
import { anchorPassages, quoteFor } from './note-passages';
import { rangeAt, rangeOffsets, readPageText } from './page-text';

/** The quote to store for `range` (trimmed, capped), and the range it covers now. */
export function quoteOfRange(
  doc: Document,
  range: AbstractRange,
): { quote: TextQuoteSelector; range: Range } | null {
  const text = readPageText(doc.body);
  const at = rangeOffsets(text, range);
  const q = at && quoteFor(text.text, at.start, at.end);
  const found = q && rangeAt(text, q.start, q.end);
  return q && found ? { quote: q.quote, range: found } : null;
}

export interface FoundPassage {
  readonly range: Range;
  /** The passage's text as it stands on the page now. */
  readonly quote: string;
  /** Newest first. */
  readonly notes: Note[];
}

/** Where `notes` are on the page now, and which of them were found. */
export function findPassages(
  doc: Document,
  notes: readonly Note[],
): { passages: FoundPassage[]; placed: Set<Note> } {
  const text = readPageText(doc.body);
  const placed = new Set<Note>();
  const passages: FoundPassage[] = [];
  for (const span of anchorPassages(text.text, notes)) {
    const range = rangeAt(text, span.start, span.end);
    if (!range) continue;
    for (const n of span.notes) placed.add(n);
    passages.push({ range, quote: text.text.slice(span.start, span.end), notes: [...span.notes] });
  }
  return { passages, placed };
}
