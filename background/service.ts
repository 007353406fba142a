/**
 * What the background does for each request. Storage, glossary, clock and the browser's storage
 * figures come in as arguments, so unit tests run the same handlers against fake-indexeddb.
 */
import type { Runtime } from 'webextension-polyfill';
import type { Entry } from '../glossary/schema';
import type {
  BackgroundInput,
  BackgroundRequest,
  BackgroundResults,
  EntityCount,
  RelatedEntry,
} from '../messaging/background-protocol';
import { RequestError } from '../messaging/channel';
import { exportNotes } from '../notes-format/export';
import { idsOf, planImport, readNotesFile, type ReadFile } from '../notes-format/import';
import type { EntityInfo } from '../notes-format/types';
import { describeStorageError } from '../storage/errors';
import { pageKey, type Note } from '../storage/note-model';
import type { NotesStore } from '../storage/notes';
import type { StorageFigures } from '../storage/persist';
import { EMPTY_READER_GLOSSARY, type ReaderGlossary } from '../storage/reader-entries';
import { createNotesQuery, fold } from './notes-query';
import { asCorrected, isReaderId, readerEntryAsEntry } from './reader-cards';
import { senderPage } from './senders';

type Handlers = {
  [K in BackgroundRequest]: (
    params: BackgroundInput<K>,
    sender: Runtime.MessageSender,
  ) => Promise<BackgroundResults[K]>;
};

export interface ServiceDeps {
  readonly entries: readonly Entry[];
  readonly notes: NotesStore;
  readonly openNotesTab: () => Promise<void>;
  /** The clock exports are stamped with. */
  readonly now?: () => number;
  readonly storageFigures?: () => Promise<StorageFigures>;
  /** The reader's own glossary (storage.local): their entries get cards, corrected summaries show. */
  readonly readerGlossary?: () => Promise<ReaderGlossary>;
}

/** Runs a storage operation; an IndexedDB failure becomes a message a reader can act on. */
async function storing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RequestError) throw error;
    throw new RequestError('storage', describeStorageError(error));
  }
}

function readable(text: string): ReadFile {
  const file = readNotesFile(text);
  if ('error' in file) throw new RequestError('invalid', `${file.error} Nothing was imported.`);
  return file;
}

export function createBackgroundService(deps: ServiceDeps): Handlers {
  const now = deps.now ?? Date.now;
  const byId = new Map(deps.entries.map((e) => [e.id, e]));
  const summary = (e: Entry): RelatedEntry => ({ id: e.id, name: e.name, kind: e.kind });
  const summaries = new Map(deps.entries.map((e) => [e.id, summary(e)]));
  const info = (id: string): EntityInfo | undefined => {
    const e = byId.get(id);
    return e && { id: e.id, name: e.name, kind: e.kind, qid: e.qid };
  };
  const query = createNotesQuery((id) => summaries.get(id));
  const entitiesOf = (notes: readonly Note[]) => [
    ...new Set(
      notes.flatMap((n) =>
        n.entryId !== null && summaries.has(n.entryId) ? [summaries.get(n.entryId)!] : [],
      ),
    ),
  ];

  function entry(id: string): Entry {
    const found = byId.get(id);
    if (!found) throw new RequestError('not-found', `No glossary entry "${id}".`);
    return found;
  }
  const gone = () => new RequestError('not-found', 'That note no longer exists.');

  return {
    async getCard({ entryId }, sender) {
      const reader = (await deps.readerGlossary?.()) ?? EMPTY_READER_GLOSSARY;
      const own = isReaderId(entryId) ? readerEntryAsEntry(reader, entryId) : null;
      const e = own ?? asCorrected(reader, entry(entryId));
      const related = e.related.flatMap((id) => {
        const r = summaries.get(id);
        return r ? [r] : [];
      });
      const notes = await storing(() => deps.notes.forEntry(entryId));
      // The notes written on the asking page come first (the store gives newest first; sort is stable).
      const here = pageKey(senderPage(sender));
      const ordered =
        here === ''
          ? notes
          : [...notes].sort(
              (a, b) => Number(pageKey(b.pageUrl) === here) - Number(pageKey(a.pageUrl) === here),
            );
      return { entry: e, related, notes: ordered };
    },
    async addNote({ entryId, text, pageTitle, quote, pageDate, tags }, sender) {
      if (entryId !== null && !isReaderId(entryId)) entry(entryId);
      const pageUrl = senderPage(sender);
      return storing(() =>
        deps.notes.add({
          entryId,
          text,
          pageTitle: pageUrl === '' ? '' : pageTitle,
          pageUrl,
          quote,
          pageDate,
          tags,
        }),
      );
    },
    async notesForPage(_params, sender) {
      return storing(() => deps.notes.forPage(senderPage(sender)));
    },
    async listNotes(params) {
      const { sort } = params;
      const unfiltered =
        !params.query?.trim() &&
        params.entryId === undefined &&
        params.tag === undefined &&
        params.site === undefined &&
        params.kind === undefined;
      if (unfiltered && sort !== 'entity' && !deps.notes.loaded()) {
        // The first view of the notes: one page through an index, while the table loads for search.
        const page = await storing(() => deps.notes.timePage(sort, params.offset, params.limit));
        void deps.notes.all().catch(() => {});
        return { ...page, entities: entitiesOf(page.notes) };
      }
      const all = await storing(() => deps.notes.all());
      return query(all, params);
    },
    async updateNote({ id, text, tags }) {
      const note = await storing(() => deps.notes.update(id, text, tags));
      if (!note) throw gone();
      return note;
    },
    async undoEdit({ id }) {
      const outcome = await storing(() => deps.notes.undo(id));
      if ('note' in outcome) return outcome.note;
      if (outcome.missing === 'note') throw gone();
      throw new RequestError('not-found', 'This note has no earlier version to go back to.');
    },
    async deleteNote({ id }) {
      const note = await storing(() => deps.notes.remove(id));
      if (!note) throw gone();
      return note;
    },
    async restoreNote({ note }) {
      return storing(() => deps.notes.restore(note));
    },
    async listTags() {
      return storing(() => deps.notes.tagCounts());
    },
    async listSites() {
      return storing(() => deps.notes.siteCounts());
    },
    async listNoteEntities() {
      const all = await storing(() => deps.notes.all());
      const counts = new Map<string | null, number>();
      for (const note of all) counts.set(note.entryId, (counts.get(note.entryId) ?? 0) + 1);
      return [...counts]
        .map(([entryId, count]): EntityCount => {
          const e = entryId === null ? undefined : summaries.get(entryId);
          return { entryId, name: e?.name ?? entryId ?? '', kind: e?.kind ?? null, count };
        })
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    },
    async getEntries({ ids }) {
      return ids.flatMap((id) => {
        const e = summaries.get(id);
        return e ? [e] : [];
      });
    },
    async searchEntries({ query: text, limit }) {
      const words = fold(text).split(/\s+/).filter(Boolean);
      if (words.length === 0) return [];
      const all = (names: string) => words.every((w) => names.includes(w));
      const ranked = deps.entries.flatMap((e) => {
        const name = fold(e.name);
        const rank = name.startsWith(words[0]!) && all(name) ? 0 : all(name) ? 1 : 2;
        if (rank === 2 && !all(`${name}\n${e.aliases.map((a) => fold(a.text)).join('\n')}`)) return [];
        return [{ rank, entry: e }];
      });
      ranked.sort((a, b) => a.rank - b.rank || a.entry.name.localeCompare(b.entry.name));
      return ranked.slice(0, limit).map((r) => summary(r.entry));
    },
    async exportNotes({ format }) {
      const all = await storing(() => deps.notes.all());
      return exportNotes(format, all, info, now());
    },
    async previewImport({ text }) {
      const file = readable(text);
      const existing = await storing(() => deps.notes.getMany(idsOf(file)));
      return planImport(file, existing, (id) => byId.has(id)).preview;
    },
    async applyImport({ text }) {
      const file = readable(text);
      // Decided again inside the writing transaction: the notes may have changed since the preview.
      return storing(() =>
        deps.notes.writeBatch(idsOf(file), (existing) => {
          const plan = planImport(file, existing, (id) => byId.has(id));
          return { writes: plan.writes, result: plan.preview };
        }),
      );
    },
    async storageStatus() {
      const figures = (await deps.storageFigures?.()) ?? { persisted: null, usage: null, quota: null };
      return { ...figures, notes: await storing(() => deps.notes.count()) };
    },
    async openNotesTab() {
      await deps.openNotesTab();
      return null;
    },
  };
}
