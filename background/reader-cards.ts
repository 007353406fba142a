/**
 * Cards for the reader's own glossary: a reader entry shown as an entry (no facts, no Wikipedia
 * article), and bundled entries with the reader's corrected summary.
 */
import type { Entry } from '../glossary/schema';
import { correctedSummary, READER_ID_PREFIX, type ReaderGlossary } from '../storage/reader-entries';

export const isReaderId = (id: string): boolean => id.startsWith(READER_ID_PREFIX);

/** A reader entry in the shape cards show; `wikipedia` and `checked` are '' (the card leaves them out). */
export function readerEntryAsEntry(glossary: ReaderGlossary, id: string): Entry | null {
  const e = glossary.entries.find((r) => r.id === id);
  if (!e) return null;
  return {
    id: e.id,
    qid: e.qid,
    kind: e.kind,
    name: e.name,
    aliases: e.aliases.map((text) => ({ text })),
    summary: e.summary,
    facts: [],
    related: [],
    wikipedia: '',
    checked: '',
  };
}

/** A bundled entry as the reader sees it: with their corrected summary, when they wrote one. */
export function asCorrected(glossary: ReaderGlossary, entry: Entry): Entry {
  const summary = correctedSummary(glossary, entry.id);
  return summary === null ? entry : { ...entry, summary };
}
