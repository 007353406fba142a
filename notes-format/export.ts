/** One entry point for the three export formats: the file's name, type and text. */
import type { Note } from '../storage/note-model';
import { isoTime, toJsonFile } from './json';
import { toWebAnnotations } from './jsonld';
import { toMarkdown } from './markdown';
import type { EntityInfoLookup, ExportFormat, ExportedFile } from './types';

export function exportNotes(
  format: ExportFormat,
  notes: readonly Note[],
  lookup: EntityInfoLookup,
  exportedAt: number,
): ExportedFile {
  const base = `backstory-notes-${isoTime(exportedAt).slice(0, 10)}`;
  switch (format) {
    case 'json':
      return { filename: `${base}.json`, mimeType: 'application/json', text: toJsonFile(notes, exportedAt) };
    case 'markdown':
      return {
        filename: `${base}.md`,
        mimeType: 'text/markdown',
        text: toMarkdown(notes, lookup, exportedAt),
      };
    case 'jsonld':
      return {
        filename: `${base}.jsonld`,
        mimeType: 'application/ld+json',
        text: toWebAnnotations(notes, lookup, exportedAt),
      };
  }
}
