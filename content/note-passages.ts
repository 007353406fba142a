/**
 * Where the page's notes are: each note with a quote is found again in the page's text (fuzzy, so a
 * page that moved or lightly edited its text keeps its notes), and notes on the same stretch share
 * one passage. Pure: offsets in, offsets out.
 */
import { anchorQuote, describeQuote } from '../anchoring/text-quote';
import type { Note, TextQuoteSelector } from '../storage/note-model';
import { MAX_QUOTE_EXACT } from '../storage/note-model';

export interface PassageSpan {
  readonly start: number;
  readonly end: number;
  /** Newest first, as given. */
  readonly notes: readonly Note[];
}

export function anchorPassages(text: string, notes: readonly Note[]): PassageSpan[] {
  const spans = new Map<string, { start: number; end: number; notes: Note[] }>();
  for (const note of notes) {
    if (note.quote === null) continue;
    const found = anchorQuote(text, note.quote);
    if (!found) continue;
    const key = `${found.start}:${found.end}`;
    const span = spans.get(key);
    if (span) span.notes.push(note);
    else spans.set(key, { start: found.start, end: found.end, notes: [note] });
  }
  return [...spans.values()].sort((a, b) => a.start - b.start);
}

const SPACE = /\s/;

/**
 * The quote to store for text[start, end): white space at the edges left out (a double-click
 * selection often takes the space after a word), the exact text capped at what a note may keep.
 * Null when nothing but white space is selected.
 */
export function quoteFor(
  text: string,
  start: number,
  end: number,
): { start: number; end: number; quote: TextQuoteSelector } | null {
  while (start < end && SPACE.test(text[start]!)) start++;
  while (end > start && SPACE.test(text[end - 1]!)) end--;
  if (end <= start) return null;
  end = Math.min(end, start + MAX_QUOTE_EXACT);
  const { exact, prefix, suffix } = describeQuote(text, start, end);
  return { start, end, quote: { exact, prefix, suffix } };
}
