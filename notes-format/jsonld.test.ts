import { describe, expect, it } from 'vitest';
import { toWebAnnotations } from './jsonld';
import { EXPORTED_AT, lookup, sampleNotes } from './test-notes';

interface Annotation {
  id: string;
  type: string;
  motivation: string;
  created: string;
  modified: string;
  body: { type: string; value?: string; purpose: string; source?: string }[];
  target: string | { source: string; selector: Record<string, string> };
}

describe('W3C Web Annotation export', () => {
  const collection = JSON.parse(toWebAnnotations(sampleNotes(), lookup, EXPORTED_AT)) as {
    '@context': string;
    type: string;
    total: number;
    first: { type: string; items: Annotation[] };
  };
  const items = collection.first.items;
  const byId = (id: string) => items.find((a) => a.id === `urn:uuid:${id}`)!;

  it('is an AnnotationCollection with one page of all notes', () => {
    expect(collection['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.total).toBe(3);
    expect(collection.first.type).toBe('AnnotationPage');
    expect(items.map((a) => a.type)).toEqual(['Annotation', 'Annotation', 'Annotation']);
  });

  it('targets the page with a TextQuoteSelector, and carries text, tags and entity as bodies', () => {
    const a = byId('5b1c0a7e-3f7d-4c1e-9a53-0d3c2f9e4a11');
    expect(a.target).toEqual({
      source: 'https://news.example/world/nato-summit?id=7',
      selector: {
        type: 'TextQuoteSelector',
        exact: 'two percent',
        prefix: 'spend at least ',
        suffix: ' of their',
      },
    });
    expect(a.body.map((b) => [b.purpose, b.value ?? b.source])).toEqual([
      ['commenting', sampleNotes()[0]!.text],
      ['tagging', 'defence'],
      ['tagging', 'money'],
      ['identifying', 'http://www.wikidata.org/entity/Q7184'],
    ]);
    expect(a).toMatchObject({
      motivation: 'commenting',
      created: '2026-11-20T09:30:00.125Z',
      modified: '2026-11-20T09:31:00.125Z',
    });
  });

  it('targets the entity when the note was written on no page', () => {
    expect(byId('a0000000-2222-4c1e-9a53-0d3c2f9e4a33').target).toBe('http://www.wikidata.org/entity/Q458');
  });

  it('has no entity body for a note on a passage', () => {
    expect(byId('0f6f1c7e-1111-4c1e-9a53-0d3c2f9e4a22').body.map((b) => b.purpose)).toEqual(['commenting']);
  });
});
