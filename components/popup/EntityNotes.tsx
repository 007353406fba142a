import { useCallback, useEffect, useId, useState } from 'preact/hooks';
import type { RelatedEntry } from '../../messaging/background-protocol';
import { loadSources, type EntitySources } from '../../popup/entity-sources';
import { formatTime, KIND_SINGULAR } from '../../popup/notes-model';
import { isWebUrl } from '../../popup/text-fragment';
import type { NotesApi } from '../../popup/types';
import { NotesPanel } from './NotesPanel';

export interface EntityNotesProps {
  readonly api: NotesApi;
  readonly entryId: string;
  /** The address of the list of all notes. */
  readonly backHref?: string;
  readonly undoMs?: number;
  /** Goes up when notes changed elsewhere (an import). */
  readonly refresh?: number;
}

/** How many pages are listed before "Show all". */
const FIRST_PAGES = 20;

/** One entity's page in the notes view: everything the reader wrote about it, and the pages it came from. */
export function EntityNotes({ api, entryId, backHref = '#', undoMs, refresh = 0 }: EntityNotesProps) {
  const [entry, setEntry] = useState<RelatedEntry | null>(null);
  const [sources, setSources] = useState<EntitySources | null>(null);
  const [sourcesError, setSourcesError] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  const headingId = useId();
  const sourcesId = useId();

  useEffect(() => {
    let cancelled = false;
    setEntry(null);
    void api.getEntries([entryId]).then((result) => {
      if (!cancelled && result.ok) setEntry(result.value[0] ?? null);
    });
    return () => {
      cancelled = true;
    };
  }, [api, entryId]);

  const readSources = useCallback(async () => {
    const result = await loadSources(api, entryId);
    if (result.ok) {
      setSources(result.value);
      setSourcesError(null);
    } else {
      setSourcesError(result.error.message);
    }
  }, [api, entryId]);

  useEffect(() => {
    setSources(null);
    setShowAll(false);
    void readSources();
  }, [readSources, refresh]);

  const name = entry?.name ?? entryId;
  const list = sources?.sources ?? [];
  const shown = showAll ? list : list.slice(0, FIRST_PAGES);

  return (
    <section class="entity-page" aria-labelledby={headingId}>
      <p class="back">
        <a href={backHref}>← All notes</a>
      </p>
      <h2 id={headingId}>{name}</h2>
      <p class="quiet">{entry ? KIND_SINGULAR[entry.kind] : 'Not in Backstory’s glossary (any more)'}</p>
      <section class="sources" aria-labelledby={sourcesId}>
        <h3 id={sourcesId}>Pages your notes came from</h3>
        {sourcesError !== null && (
          <p class="error" role="alert">
            The pages could not be listed: {sourcesError}
          </p>
        )}
        {sources === null && sourcesError === null && <p class="quiet">Looking through your notes…</p>}
        {sources !== null && list.length === 0 && (
          <p class="quiet">None: these notes were not written on a page.</p>
        )}
        {list.length > 0 && (
          <ul class="source-list">
            {shown.map((s) => (
              <li key={s.url}>
                {isWebUrl(s.url) ? (
                  <a href={s.url} target="_blank" rel="noopener noreferrer">
                    {s.title}
                  </a>
                ) : (
                  <span>{s.title}</span>
                )}{' '}
                <span class="quiet">
                  {[
                    s.site,
                    s.pageDate ?? null,
                    `${s.count} ${s.count === 1 ? 'note' : 'notes'}`,
                    `latest ${formatTime(s.latest)}`,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </li>
            ))}
          </ul>
        )}
        {!showAll && list.length > FIRST_PAGES && (
          <button type="button" onClick={() => setShowAll(true)}>
            Show all {list.length} pages
          </button>
        )}
        {sources !== null && sources.counted < sources.total && (
          <p class="quiet">
            Counted from your latest {sources.counted.toLocaleString()} of {sources.total.toLocaleString()}{' '}
            notes.
          </p>
        )}
      </section>
      <NotesPanel
        api={api}
        fixed={{ entryId }}
        heading={`Your notes on ${name}`}
        headingLevel={3}
        undoMs={undoMs}
        refresh={refresh}
        onNotesChanged={() => void readSources()}
      />
    </section>
  );
}
