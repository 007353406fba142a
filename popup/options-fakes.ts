/** An in-memory options API for component tests: real settings and reader-entry code over memory areas. */
import type { RelatedEntry } from '../messaging/background-protocol';
import { fail, ok, type Result } from '../messaging/result';
import type { ReaderGlossary } from '../storage/reader-entries';
import { parseReaderGlossary } from '../storage/reader-entries';
import { parseSettings, type Settings, type SettingsArea } from '../storage/settings';
import { createOptionsApi, type OptionsApi } from './options-api';

export interface MemoryArea extends SettingsArea {
  readonly data: Record<string, unknown>;
  /** Makes the next `set` fail with this message. */
  failNextWrite: string | null;
}

export function memoryArea(): MemoryArea {
  const area: MemoryArea = {
    data: {},
    failNextWrite: null,
    get: async (key) => ({ [key]: structuredClone(area.data[key]) }),
    set: async (items) => {
      if (area.failNextWrite) {
        const message = area.failNextWrite;
        area.failNextWrite = null;
        throw new Error(message);
      }
      Object.assign(area.data, structuredClone(items));
    },
  };
  return area;
}

export const BUNDLED: readonly (RelatedEntry & { summary: string })[] = [
  { id: 'nato', name: 'NATO', kind: 'organisation', summary: 'A military alliance of 32 countries.' },
  { id: 'un', name: 'United Nations', kind: 'organisation', summary: 'An organisation of 193 states.' },
  { id: 'vladimir-putin', name: 'Vladimir Putin', kind: 'person', summary: 'President of Russia.' },
];

export class FakeOptionsApi implements OptionsApi {
  readonly sync = memoryArea();
  readonly local = memoryArea();
  private clock = Date.UTC(2026, 0, 1);
  private readonly real = createOptionsApi({
    sync: this.sync,
    local: this.local,
    now: () => (this.clock += 1_000),
  });
  private readonly settingsWatchers: ((s: Settings) => void)[] = [];
  private readonly glossaryWatchers: ((g: ReaderGlossary) => void)[] = [];
  searchFailure: string | null = null;

  readSettings = () => this.real.readSettings();
  updateSettings = (change: Partial<Settings>) => this.real.updateSettings(change);
  readReaderGlossary = () => this.real.readReaderGlossary();
  saveReaderEntry: OptionsApi['saveReaderEntry'] = (input, id) => this.real.saveReaderEntry(input, id);
  removeReaderEntry = (id: string) => this.real.removeReaderEntry(id);
  setBundledChange: OptionsApi['setBundledChange'] = (entryId, change) =>
    this.real.setBundledChange(entryId, change);
  exportReaderEntries = () => this.real.exportReaderEntries();
  previewReaderImport = (text: string) => this.real.previewReaderImport(text);
  applyReaderImport = (text: string) => this.real.applyReaderImport(text);

  watchSettings(onChange: (s: Settings) => void, signal: AbortSignal) {
    this.settingsWatchers.push(onChange);
    signal.addEventListener('abort', () =>
      this.settingsWatchers.splice(this.settingsWatchers.indexOf(onChange), 1),
    );
  }

  watchReaderGlossary(onChange: (g: ReaderGlossary) => void, signal: AbortSignal) {
    this.glossaryWatchers.push(onChange);
    signal.addEventListener('abort', () =>
      this.glossaryWatchers.splice(this.glossaryWatchers.indexOf(onChange), 1),
    );
  }

  /** Another page (the popup, another browser) changed the settings. */
  async changeSettingsElsewhere(change: Partial<Settings>) {
    const next = parseSettings({ ...parseSettings(this.sync.data.settings), ...change });
    this.sync.data.settings = next;
    for (const watcher of this.settingsWatchers) watcher(next);
  }

  /** Another options page changed the reader's entries. */
  changeGlossaryElsewhere(glossary: ReaderGlossary) {
    this.local.data.readerGlossary = structuredClone(glossary);
    for (const watcher of this.glossaryWatchers) watcher(parseReaderGlossary(glossary));
  }

  async getEntries(ids: string[]): Promise<Result<RelatedEntry[]>> {
    return ok(BUNDLED.filter((e) => ids.includes(e.id)).map(({ id, name, kind }) => ({ id, name, kind })));
  }

  async searchEntries(query: string): Promise<Result<RelatedEntry[]>> {
    if (this.searchFailure) return fail('unreachable', this.searchFailure);
    const q = query.trim().toLowerCase();
    return ok(
      q === ''
        ? []
        : BUNDLED.filter((e) => e.name.toLowerCase().includes(q)).map(({ id, name, kind }) => ({
            id,
            name,
            kind,
          })),
    );
  }

  async bundledSummary(entryId: string): Promise<Result<string>> {
    const entry = BUNDLED.find((e) => e.id === entryId);
    return entry ? ok(entry.summary) : fail('not-found', `No glossary entry "${entryId}".`);
  }
}
