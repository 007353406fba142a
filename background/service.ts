/**
 * What the background does for each request. Storage and glossary come in as arguments so that unit
 * tests run the same handlers against fake-indexeddb.
 */
import type { Runtime } from 'webextension-polyfill';
import type { Entry } from '../glossary/schema';
import type {
  BackgroundParams,
  BackgroundRequest,
  BackgroundResults,
  RelatedEntry,
} from '../messaging/background-protocol';
import { RequestError } from '../messaging/channel';
import type { NotesStore } from '../storage/notes';
import { senderPage } from './senders';

type Handlers = {
  [K in BackgroundRequest]: (
    params: BackgroundParams<K>,
    sender: Runtime.MessageSender,
  ) => Promise<BackgroundResults[K]>;
};

export interface ServiceDeps {
  readonly entries: readonly Entry[];
  readonly notes: NotesStore;
  readonly openNotesTab: () => Promise<void>;
}

/** Turns an IndexedDB failure into a message a reader can act on. */
async function storing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    const inner = (error as { inner?: { name?: string } }).inner?.name ?? '';
    if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
      throw new RequestError(
        'storage',
        'The browser has no room left to save notes. Free some disk space and try again.',
      );
    }
    throw new RequestError(
      'storage',
      `Notes could not be saved or read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

export function createBackgroundService(deps: ServiceDeps): Handlers {
  const byId = new Map(deps.entries.map((e) => [e.id, e]));
  const summary = (e: Entry): RelatedEntry => ({ id: e.id, name: e.name, kind: e.kind });

  function entry(id: string): Entry {
    const found = byId.get(id);
    if (!found) throw new RequestError('not-found', `No glossary entry "${id}".`);
    return found;
  }

  return {
    async getCard({ entryId }) {
      const e = entry(entryId);
      const related = e.related.flatMap((id) => {
        const r = byId.get(id);
        return r ? [summary(r)] : [];
      });
      return { entry: e, related, notes: await storing(() => deps.notes.forEntry(entryId)) };
    },
    async addNote({ entryId, text, pageTitle }, sender) {
      entry(entryId);
      return storing(() => deps.notes.add({ entryId, text, pageTitle, pageUrl: senderPage(sender) }));
    },
    async listNotes({ query }) {
      return storing(() => deps.notes.list(query));
    },
    async updateNote({ id, text }) {
      const note = await storing(() => deps.notes.update(id, text));
      if (!note) throw new RequestError('not-found', 'That note no longer exists.');
      return note;
    },
    async deleteNote({ id }) {
      const note = await storing(() => deps.notes.remove(id));
      if (!note) throw new RequestError('not-found', 'That note no longer exists.');
      return note;
    },
    async restoreNote({ note }) {
      entry(note.entryId);
      return storing(() => deps.notes.restore(note));
    },
    async getEntries({ ids }) {
      return ids.flatMap((id) => {
        const e = byId.get(id);
        return e ? [summary(e)] : [];
      });
    },
    async openNotesTab() {
      await deps.openNotesTab();
      return null;
    },
  };
}
