import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { TargetedKeyboardEvent } from 'preact';
import type { RelatedEntry } from '../../messaging/background-protocol';
import type { Result } from '../../messaging/result';
import { KIND_SINGULAR } from '../../popup/notes-model';
import type { OptionsApi } from '../../popup/options-api';
import { MAX_SUMMARY_LENGTH, type BundledChange } from '../../storage/reader-entries';

export interface BundledChangesProps {
  readonly changes: readonly BundledChange[];
  /** Names of the changed entries, by id. */
  readonly names: ReadonlyMap<string, string>;
  readonly api: Pick<OptionsApi, 'searchEntries' | 'bundledSummary'>;
  readonly onChange: (
    entryId: string,
    change: { readonly hidden?: boolean; readonly summary?: string | null },
  ) => Promise<Result<unknown>>;
  /** Pause after the last keystroke before searching. */
  readonly searchDelayMs?: number;
}

interface Correcting {
  readonly id: string;
  readonly name: string;
  readonly bundled: string | null;
  readonly draft: string;
}

/** Hiding a bundled entry, or giving it a summary of the reader's own; found by name. */
export function BundledChanges({ changes, names, api, onChange, searchDelayMs = 150 }: BundledChangesProps) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<RelatedEntry[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [correcting, setCorrecting] = useState<Correcting | null>(null);
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();
  const resultsId = useId();
  const changesId = useId();
  const editorId = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const seq = useRef(0);

  useEffect(() => {
    const q = query.trim();
    if (q === '') {
      setFound(null);
      return;
    }
    const mine = ++seq.current;
    const timer = setTimeout(async () => {
      const result = await api.searchEntries(q);
      if (mine !== seq.current) return;
      if (result.ok) {
        setFound(result.value);
        setSearchError(null);
      } else setSearchError(result.error.message);
    }, searchDelayMs);
    return () => clearTimeout(timer);
  }, [api, query, searchDelayMs]);

  useLayoutEffect(() => {
    if (correcting && document.activeElement !== textarea.current) textarea.current?.focus();
  }, [correcting?.id]);

  const changeOf = (id: string) => changes.find((c) => c.entryId === id);

  async function apply(entryId: string, change: { hidden?: boolean; summary?: string | null }) {
    const result = await onChange(entryId, change);
    setError(result.ok ? null : `Not saved: ${result.error.message}`);
    return result.ok;
  }

  async function startCorrecting(id: string, name: string) {
    const bundled = await api.bundledSummary(id);
    const own = changeOf(id)?.summary ?? null;
    setCorrecting({
      id,
      name,
      bundled: bundled.ok ? bundled.value : null,
      draft: own ?? (bundled.ok ? bundled.value : ''),
    });
  }

  async function saveCorrection() {
    if (!correcting) return;
    const text = correcting.draft.trim();
    const same = text === '' || text === correcting.bundled;
    if (await apply(correcting.id, { summary: same ? null : text })) {
      setCorrecting(null);
      searchBox.current?.focus();
    }
  }

  function onEditorKey(event: TargetedKeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      setCorrecting(null);
      searchBox.current?.focus();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void saveCorrection();
    }
  }

  const nameOf = (id: string) => names.get(id) ?? id;

  const actionsFor = (id: string, name: string) => {
    const change = changeOf(id);
    return (
      <span class="actions">
        {change?.hidden ? (
          <button
            type="button"
            aria-label={`Show ${name} again`}
            onClick={() => void apply(id, { hidden: false })}
          >
            Show again
          </button>
        ) : (
          <button type="button" aria-label={`Hide ${name}`} onClick={() => void apply(id, { hidden: true })}>
            Hide
          </button>
        )}
        <button
          type="button"
          aria-label={`Correct the summary of ${name}`}
          onClick={() => void startCorrecting(id, name)}
        >
          Correct summary
        </button>
        {change?.summary && (
          <button
            type="button"
            aria-label={`Use Backstory’s summary of ${name}`}
            onClick={() => void apply(id, { summary: null })}
          >
            Use Backstory’s summary
          </button>
        )}
      </span>
    );
  };

  return (
    <section class="options-section" aria-labelledby={headingId}>
      <h2 id={headingId}>Entries that come with Backstory</h2>
      <p class="quiet">Hide one so it is never marked, or give it a summary of your own.</p>
      <label class="field">
        <span>Find an entry by name</span>
        <input
          ref={searchBox}
          type="search"
          value={query}
          maxLength={200}
          aria-controls={resultsId}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </label>
      {searchError !== null && (
        <p class="error" role="alert">
          The glossary could not be searched: {searchError}
        </p>
      )}
      <div id={resultsId} aria-live="polite">
        {found !== null &&
          (found.length === 0 ? (
            <p class="quiet">No entry is called “{query.trim()}”.</p>
          ) : (
            <ul class="plain-list" aria-label="Matching entries">
              {found.map((e) => (
                <li key={e.id}>
                  <span>
                    {e.name} <span class="quiet">{KIND_SINGULAR[e.kind]}</span>
                  </span>
                  {actionsFor(e.id, e.name)}
                </li>
              ))}
            </ul>
          ))}
      </div>
      {correcting && (
        <div class="correction">
          <label for={editorId}>Your summary of {correcting.name}</label>
          <textarea
            id={editorId}
            ref={textarea}
            rows={4}
            maxLength={MAX_SUMMARY_LENGTH}
            value={correcting.draft}
            onInput={(e) => setCorrecting({ ...correcting, draft: e.currentTarget.value })}
            onKeyDown={onEditorKey}
          />
          {correcting.bundled !== null && <p class="quiet hint">Backstory’s summary: {correcting.bundled}</p>}
          <div class="actions">
            <button type="button" class="primary" onClick={() => void saveCorrection()}>
              Save summary
            </button>
            <button
              type="button"
              onClick={() => {
                setCorrecting(null);
                searchBox.current?.focus();
              }}
            >
              Cancel
            </button>
            <span class="hint">Ctrl+Enter saves, Esc cancels</span>
          </div>
        </div>
      )}
      {error !== null && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <h3 id={changesId}>Your changes</h3>
      {changes.length === 0 ? (
        <p class="quiet">None: every entry is as Backstory ships it.</p>
      ) : (
        <ul class="plain-list" aria-labelledby={changesId}>
          {changes.map((c) => {
            const name = nameOf(c.entryId);
            return (
              <li key={c.entryId}>
                <span>
                  {name}{' '}
                  <span class="quiet">
                    {[c.hidden ? 'hidden' : null, c.summary !== null ? 'own summary' : null]
                      .filter(Boolean)
                      .join(', ')}
                  </span>
                </span>
                {actionsFor(c.entryId, name)}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
