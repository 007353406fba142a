/**
 * The reader's own glossary entries, marked like bundled ones: their names and aliases become terms
 * whose entry indexes follow the bundled ones, in one index and one matcher. Only readers with
 * entries of their own pay for building that matcher; everyone else uses the shipped, prebuilt one.
 */
import { foldKey, type GlossaryIndex } from '../glossary/compile';
import { termsOf, type Term } from '../matcher/matcher';
import type { ReaderEntry } from '../storage/reader-entries';

export function withReaderEntries(index: GlossaryIndex, entries: readonly ReaderEntry[]): GlossaryIndex {
  if (entries.length === 0) return index;
  const base = index.kinds.length;
  const terms: Term[] = termsOf(index.terms);
  entries.forEach((e, i) => {
    const seen = new Set<string>();
    for (const text of [e.name, ...e.aliases]) {
      const key = foldKey(text);
      if (key.trim() === '' || seen.has(key)) continue;
      seen.add(key);
      // The reader typed the name as it is written: it also counts in capitals (headlines).
      terms.push({ text, entry: base + i, case: 'upper-ok' });
    }
  });
  // The bundled names and ids are worked out on first use (glossary/pack.ts): joined only then too.
  let ids: string[] | null = null;
  let names: string[] | null = null;
  return {
    get ids() {
      return (ids ??= [...index.ids, ...entries.map((e) => e.id)]);
    },
    get names() {
      return (names ??= [...index.names, ...entries.map((e) => e.name)]);
    },
    kinds: [...index.kinds, ...entries.map((e) => e.kind)],
    terms,
  };
}
