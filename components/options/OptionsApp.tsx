import { useEffect, useRef, useState } from 'preact/hooks';
import type { Result } from '../../messaging/result';
import type { OptionsApi } from '../../popup/options-api';
import { READER_ID_PREFIX, type ReaderGlossary } from '../../storage/reader-entries';
import type { Settings } from '../../storage/settings';
import { BundledChanges } from './BundledChanges';
import { MarkingOptions } from './MarkingOptions';
import { MutedEntities } from './MutedEntities';
import { ReaderEntries } from './ReaderEntries';
import { ReaderEntriesTransfer } from './ReaderEntriesTransfer';
import { SiteOptions } from './SiteOptions';

export interface OptionsAppProps {
  readonly api: OptionsApi;
  readonly notesHref?: string;
  readonly download?: (filename: string, mimeType: string, text: string) => void;
}

/** The options page: settings (synced), the reader's own entries and their changes to bundled ones. */
export function OptionsApp({ api, notesHref, download }: OptionsAppProps) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [glossary, setGlossary] = useState<ReaderGlossary | null>(null);
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saved, setSaved] = useState('');
  // One settings write at a time: each reads what the last one stored, so none undoes another.
  const writes = useRef<Promise<unknown>>(Promise.resolve());

  useEffect(() => {
    const controller = new AbortController();
    void Promise.all([api.readSettings(), api.readReaderGlossary()]).then(([s, g]) => {
      if (controller.signal.aborted) return;
      if (s.ok) setSettings(s.value);
      if (g.ok) setGlossary(g.value);
      const failed = [s, g].find((r) => !r.ok);
      if (failed && !failed.ok) setLoadError(failed.error.message);
    });
    api.watchSettings(setSettings, controller.signal);
    api.watchReaderGlossary(setGlossary, controller.signal);
    return () => controller.abort();
  }, [api]);

  // Names for muted and changed entries: the reader's own from their glossary, bundled ones asked for.
  const wanted = [
    ...new Set([...(settings?.mutedEntries ?? []), ...(glossary?.changes.map((c) => c.entryId) ?? [])]),
  ];
  const missing = wanted.filter((id) => !id.startsWith(READER_ID_PREFIX) && !names.has(id)).join(',');
  useEffect(() => {
    if (missing === '') return;
    let cancelled = false;
    void api.getEntries(missing.split(',')).then((result) => {
      if (cancelled || !result.ok) return;
      setNames((old) => new Map([...old, ...result.value.map((e) => [e.id, e.name] as const)]));
    });
    return () => {
      cancelled = true;
    };
  }, [api, missing]);
  const allNames = new Map(names);
  for (const e of glossary?.entries ?? []) allNames.set(e.id, e.name);

  function change(part: Partial<Settings>) {
    if (!settings) return;
    const before = settings;
    setSettings({ ...settings, ...part });
    setSaved('');
    writes.current = writes.current.then(async () => {
      const result = await api.updateSettings(part);
      if (result.ok) {
        setSaveError(null);
        setSettings(result.value);
        setSaved('Saved.');
      } else {
        setSettings(before);
        setSaveError(result.error.message);
      }
    });
  }

  async function glossaryChange<T>(work: Promise<Result<T>>, pick: (v: T) => ReaderGlossary) {
    const result = await work;
    if (result.ok) setGlossary(pick(result.value));
    return result;
  }

  return (
    <main class="options">
      <header class="page-header">
        <h1>Backstory options</h1>
        <p class="quiet">
          Settings sync across your browsers where you are signed in and the browser syncs extension data.
          Your own entries, like your notes, stay in this browser.
          {notesHref && (
            <>
              {' '}
              <a href={notesHref}>Your notes</a>
            </>
          )}
        </p>
        <p class="quiet save-status" role="status">
          {saved}
        </p>
        {loadError !== null && (
          <p class="error" role="alert">
            Your settings could not be read: {loadError}
          </p>
        )}
        {saveError !== null && (
          <p class="error" role="alert">
            Not saved: {saveError}
          </p>
        )}
      </header>
      {settings === null ? (
        loadError === null && <p class="quiet">Loading your settings…</p>
      ) : (
        <>
          <MarkingOptions settings={settings} onChange={change} />
          <SiteOptions settings={settings} onChange={change} />
          <MutedEntities
            muted={settings.mutedEntries}
            names={allNames}
            onUnmute={(id) => change({ mutedEntries: settings.mutedEntries.filter((m) => m !== id) })}
          />
        </>
      )}
      {glossary !== null && (
        <>
          <ReaderEntries
            entries={glossary.entries}
            onSave={async (input, id) => {
              const result = await glossaryChange(api.saveReaderEntry(input, id), (v) => v.glossary);
              return result.ok ? { ok: true, value: result.value.entry.id } : result;
            }}
            onRemove={(id) => glossaryChange(api.removeReaderEntry(id), (g) => g)}
          />
          <BundledChanges
            changes={glossary.changes}
            names={allNames}
            api={api}
            onChange={(entryId, c) => glossaryChange(api.setBundledChange(entryId, c), (g) => g)}
          />
          <ReaderEntriesTransfer
            api={api}
            download={download}
            onImported={() =>
              void api.readReaderGlossary().then((g) => {
                if (g.ok) setGlossary(g.value);
              })
            }
          />
        </>
      )}
    </main>
  );
}
