/**
 * W3C Web Annotation export (JSON-LD): one AnnotationCollection whose single page holds every note as
 * an Annotation. The note text is a TextualBody with purpose "commenting", each tag a TextualBody with
 * purpose "tagging", and the entity a SpecificResource with purpose "identifying" (its Wikidata item
 * when the glossary has one). The target is the page, narrowed by a TextQuoteSelector when the note
 * has a quote. Tools that read the Web Annotation model (Hypothesis exports, annotation servers)
 * can take it in.
 */
import type { Note } from '../storage/note-model';
import { fileOrder, isoTime } from './json';
import type { EntityInfoLookup } from './types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const noteIri = (id: string) =>
  UUID.test(id) ? `urn:uuid:${id.toLowerCase()}` : `urn:backstory:note:${id}`;
const entityIri = (id: string, qid: string | null | undefined) =>
  qid ? `http://www.wikidata.org/entity/${qid}` : `urn:backstory:entry:${encodeURIComponent(id)}`;

function annotation(note: Note, lookup: EntityInfoLookup) {
  const body: object[] = [
    { type: 'TextualBody', value: note.text, format: 'text/plain', purpose: 'commenting' },
  ];
  for (const tag of note.tags) body.push({ type: 'TextualBody', value: tag, purpose: 'tagging' });
  if (note.entryId !== null) {
    const entity = lookup(note.entryId);
    body.push({
      type: 'SpecificResource',
      source: entityIri(note.entryId, entity?.qid),
      purpose: 'identifying',
      ...(entity ? { label: entity.name } : {}),
    });
  }
  const target =
    note.pageUrl === ''
      ? entityIri(note.entryId ?? '', note.entryId === null ? null : lookup(note.entryId)?.qid)
      : note.quote
        ? {
            source: note.pageUrl,
            selector: {
              type: 'TextQuoteSelector',
              exact: note.quote.exact,
              prefix: note.quote.prefix,
              suffix: note.quote.suffix,
            },
          }
        : note.pageUrl;
  return {
    id: noteIri(note.id),
    type: 'Annotation',
    motivation: 'commenting',
    created: isoTime(note.createdAt),
    modified: isoTime(note.updatedAt),
    body,
    target,
  };
}

export function toWebAnnotations(
  notes: readonly Note[],
  lookup: EntityInfoLookup,
  exportedAt: number,
): string {
  const items = [...notes].sort(fileOrder).map((n) => annotation(n, lookup));
  const collection = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: `urn:backstory:export:${isoTime(exportedAt)}`,
    type: 'AnnotationCollection',
    label: 'Backstory notes',
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
  return `${JSON.stringify(collection, null, 2)}\n`;
}
