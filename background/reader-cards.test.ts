import type { Runtime } from 'webextension-polyfill';
import { afterEach, describe, expect, it } from 'vitest';
import type { Entry } from '../glossary/schema';
import { openDb, type BackstoryDb } from '../storage/db';
import { createNotes } from '../storage/notes';
import type { ReaderGlossary } from '../storage/reader-entries';
import { createBackgroundService } from './service';

const nato: Entry = {
  id: 'nato',
  qid: 'Q7184',
  kind: 'organisation',
  name: 'NATO',
  aliases: [],
  summary: 'Bundled summary.',
  facts: [],
  related: [],
  wikipedia: 'NATO',
  checked: '2026-11-26',
};
const reader: ReaderGlossary = {
  entries: [
    {
      id: 'reader-baltic-council',
      name: 'Baltic Council',
      aliases: ['the Council of the Baltic'],
      kind: 'organisation',
      summary: 'My own summary.',
      qid: null,
      createdAt: 1,
      updatedAt: 1,
    },
  ],
  changes: [{ entryId: 'nato', hidden: false, summary: 'My corrected summary.', updatedAt: 2 }],
};
const sender: Runtime.MessageSender = {
  id: 'backstory-id',
  url: 'https://news.example/story',
  tab: { id: 3, index: 0, highlighted: false, active: true, pinned: false, incognito: false },
};

let db: BackstoryDb;
afterEach(async () => {
  await db.delete();
});

function service() {
  db = openDb(`reader-cards-${crypto.randomUUID()}`);
  return createBackgroundService({
    entries: [nato],
    notes: createNotes(db),
    openNotesTab: async () => {},
    readerGlossary: async () => reader,
  });
}

describe('cards of the reader glossary', () => {
  it("gives a reader entry's card, with its notes, and takes notes on it", async () => {
    const s = service();
    const note = await s.addNote(
      {
        entryId: 'reader-baltic-council',
        text: 'Met them',
        pageTitle: 'Story',
        quote: null,
        pageDate: null,
        tags: [],
      },
      sender,
    );
    const card = await s.getCard({ entryId: 'reader-baltic-council' }, sender);
    expect(card.entry.name).toBe('Baltic Council');
    expect(card.entry.summary).toBe('My own summary.');
    expect(card.entry.wikipedia).toBe('');
    expect(card.notes.map((n) => n.id)).toEqual([note.id]);
  });

  it("shows the reader's corrected summary on a bundled entry", async () => {
    const card = await service().getCard({ entryId: 'nato' }, sender);
    expect(card.entry.summary).toBe('My corrected summary.');
  });

  it('refuses a reader id the reader does not have', async () => {
    await expect(service().getCard({ entryId: 'reader-gone' }, sender)).rejects.toThrow(/No glossary entry/);
  });
});
