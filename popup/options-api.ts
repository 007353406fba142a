/**
 * What the options page needs, as functions returning `Result` values: the synced settings
 * (storage/settings.ts), the reader's own glossary (storage/reader-entries.ts) and, from the
 * background, glossary names and summaries. `createOptionsApi` is the real one; tests use a fake.
 */
import { askBackground } from '../messaging/clients';
import type { RelatedEntry } from '../messaging/background-protocol';
import { fail, ok, type Result } from '../messaging/result';
import {
  exportReaderEntries,
  importReaderEntries,
  readReaderEntries,
  ReaderEntryError,
  removeReaderEntry,
  saveReaderEntry,
  setBundledChange,
  watchReaderEntries,
  type ReaderEntry,
  type ReaderEntryInput,
  type ReaderFile,
  type ReaderGlossary,
  type ReaderImportPlan,
} from '../storage/reader-entries';
import {
  readSettings,
  updateSettings,
  watchSettings,
  type Settings,
  type SettingsArea,
} from '../storage/settings';

export interface OptionsApi {
  readSettings(): Promise<Result<Settings>>;
  /** Returns the settings as stored. */
  updateSettings(change: Partial<Settings>): Promise<Result<Settings>>;
  /** Changes made elsewhere (the popup's site switch, another synced browser), until `signal` aborts. */
  watchSettings(onChange: (settings: Settings) => void, signal: AbortSignal): void;
  readReaderGlossary(): Promise<Result<ReaderGlossary>>;
  watchReaderGlossary(onChange: (glossary: ReaderGlossary) => void, signal: AbortSignal): void;
  /** Adds (`id` null) or replaces an entry of the reader's own; gives the glossary and the entry as stored. */
  saveReaderEntry(
    input: ReaderEntryInput,
    id: string | null,
  ): Promise<Result<{ glossary: ReaderGlossary; entry: ReaderEntry }>>;
  removeReaderEntry(id: string): Promise<Result<ReaderGlossary>>;
  /** Hides a bundled entry or corrects its summary (`summary: null`: the bundled one again). */
  setBundledChange(
    entryId: string,
    change: { readonly hidden?: boolean; readonly summary?: string | null },
  ): Promise<Result<ReaderGlossary>>;
  exportReaderEntries(): Promise<Result<ReaderFile>>;
  /** What importing a file of entries would do; changes nothing. */
  previewReaderImport(text: string): Promise<Result<ReaderImportPlan>>;
  applyReaderImport(text: string): Promise<Result<ReaderImportPlan>>;
  /** Bundled glossary entries by id (names for muted and changed entries). */
  getEntries(ids: string[]): Promise<Result<RelatedEntry[]>>;
  searchEntries(query: string): Promise<Result<RelatedEntry[]>>;
  /** A bundled entry's own summary, to start a correction from. */
  bundledSummary(entryId: string): Promise<Result<string>>;
}

/** Storage throws; the page expects failures as values. A refused entry keeps its own message. */
async function settle<T>(work: () => Promise<T>, what: string): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (error) {
    if (error instanceof ReaderEntryError) return fail('invalid', error.message);
    return fail('storage', `${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export interface OptionsAreas {
  readonly sync?: SettingsArea;
  readonly local?: SettingsArea;
  readonly now?: () => number;
}

export function createOptionsApi(areas: OptionsAreas = {}): OptionsApi {
  const now = areas.now ?? Date.now;
  return {
    readSettings: () => settle(() => readSettings(areas.sync), 'Your settings could not be read'),
    updateSettings: (change) =>
      settle(() => updateSettings(change, areas.sync), 'The setting could not be saved'),
    watchSettings,
    readReaderGlossary: () =>
      settle(() => readReaderEntries(areas.local), 'Your own entries could not be read'),
    watchReaderGlossary: watchReaderEntries,
    saveReaderEntry: (input, id) =>
      settle(() => saveReaderEntry(input, id, areas.local, now), 'The entry could not be saved'),
    removeReaderEntry: (id) =>
      settle(() => removeReaderEntry(id, areas.local), 'The entry could not be removed'),
    setBundledChange: (entryId, change) =>
      settle(() => setBundledChange(entryId, change, areas.local, now), 'The change could not be saved'),
    exportReaderEntries: () =>
      settle(
        async () => exportReaderEntries(await readReaderEntries(areas.local), now()),
        'Your entries could not be read',
      ),
    previewReaderImport: (text) =>
      settle(() => importReaderEntries(text, areas.local, false), 'Your entries could not be read'),
    applyReaderImport: (text) =>
      settle(() => importReaderEntries(text, areas.local, true), 'Nothing was imported'),
    getEntries: (ids) => askBackground('getEntries', { ids }),
    searchEntries: (query) => askBackground('searchEntries', { query, limit: 20 }),
    bundledSummary: async (entryId) => {
      const card = await askBackground('getCard', { entryId });
      return card.ok ? ok(card.value.entry.summary) : card;
    },
  };
}
