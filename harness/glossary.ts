/** Glossary entries as the tests see them: read from the JSON files at test time, not from the build. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { GLOSSARY_ENTRIES_DIR } from './paths';

export interface GlossaryEntryText {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly summary: string;
}

/** One entry from one file of glossary/entries/, e.g. `readEntry('organisations.json', 'nato')`. */
export async function readEntry(file: string, id: string): Promise<GlossaryEntryText> {
  const data = JSON.parse(await readFile(path.join(GLOSSARY_ENTRIES_DIR, file), 'utf8')) as {
    entries: GlossaryEntryText[];
  };
  const entry = data.entries.find((e) => e.id === id);
  if (!entry) throw new Error(`no entry "${id}" in glossary/entries/${file}`);
  return entry;
}

/** The card's text collapses whitespace; compare summaries the same way. */
export const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();
