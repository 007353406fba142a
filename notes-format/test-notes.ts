/** Notes for the format tests: varied enough to exercise every field. Tests only. */
import type { Note } from '../storage/note-model';
import type { EntityInfo } from './types';

const T0 = Date.UTC(2026, 10, 20, 9, 30, 0, 125);

export function sampleNotes(): Note[] {
  return [
    {
      id: '5b1c0a7e-3f7d-4c1e-9a53-0d3c2f9e4a11',
      entryId: 'nato',
      text: 'Budget target is 2% of GDP.\n\n# not a heading\n<b>not html</b>',
      tags: ['defence', 'money'],
      createdAt: T0,
      updatedAt: T0 + 60_000,
      pageUrl: 'https://news.example/world/nato-summit?id=7',
      pageTitle: 'NATO [summit] *live*',
      pageDate: '2026-11-19',
      quote: { exact: 'two percent', prefix: 'spend at least ', suffix: ' of their' },
      history: [{ text: 'Budget target', tags: ['defence'], updatedAt: T0 }],
    },
    {
      id: '0f6f1c7e-1111-4c1e-9a53-0d3c2f9e4a22',
      entryId: null,
      text: 'A passage worth remembering.',
      tags: [],
      createdAt: T0 + 120_000,
      updatedAt: T0 + 120_000,
      pageUrl: 'https://other.example/essay',
      pageTitle: 'An essay',
      pageDate: null,
      quote: { exact: 'the long peace', prefix: 'what historians call ', suffix: ', which' },
      history: [],
    },
    {
      id: 'a0000000-2222-4c1e-9a53-0d3c2f9e4a33',
      entryId: 'eu',
      text: 'Written in the notes view, on no page.',
      tags: ['todo'],
      createdAt: T0 - 86_400_000,
      updatedAt: T0 - 86_400_000,
      pageUrl: '',
      pageTitle: '',
      pageDate: null,
      quote: null,
      history: [{ text: 'old', updatedAt: T0 - 90_000_000 }],
    },
  ];
}

const ENTITIES: Record<string, EntityInfo> = {
  nato: { id: 'nato', name: 'NATO', kind: 'organisation', qid: 'Q7184' },
  eu: { id: 'eu', name: 'European Union', kind: 'organisation', qid: 'Q458' },
};

export const lookup = (id: string): EntityInfo | undefined => ENTITIES[id];

export const EXPORTED_AT = Date.UTC(2026, 10, 27, 12, 0, 0, 0);
