import { useEffect, useState } from 'preact/hooks';
import { entityFromHash, entityHash } from '../../popup/notes-model';
import type { NotesApi, TransferApi } from '../../popup/types';
import { EntityNotes } from './EntityNotes';
import { NotesPanel } from './NotesPanel';
import { NotesTransfer } from './NotesTransfer';

export interface NotesPageProps {
  readonly api: NotesApi;
  readonly transfer: TransferApi;
  readonly undoMs?: number;
  /** The options page's address; no link without it. */
  readonly optionsHref?: string;
  /** Saves an exported file; a Blob download by default. */
  readonly download?: (filename: string, mimeType: string, text: string) => void;
}

/**
 * The full-tab notes view. Its address says what it shows: `notes.html` all notes,
 * `notes.html#entity=nato` one entity's page, so both can be bookmarked and linked from the popup.
 */
export function NotesPage({ api, transfer, undoMs, optionsHref, download }: NotesPageProps) {
  const [hash, setHash] = useState(() => location.hash);
  const [refresh, setRefresh] = useState(0);
  const entity = entityFromHash(hash);

  useEffect(() => {
    const onHash = () => {
      setHash(location.hash);
      window.scrollTo(0, 0);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    document.title = entity === null ? 'Your notes · Backstory' : 'Notes on one name · Backstory';
  }, [entity]);

  return (
    <main class="notes-page">
      <header class="page-header">
        <h1>Backstory</h1>
        <p class="quiet">
          Everything you have written about the names in the news, kept in this browser only.
        </p>
        {optionsHref && (
          <p>
            <a href={optionsHref}>Options and your own glossary entries</a>
          </p>
        )}
      </header>
      <details class="transfer-box">
        <summary>Export or import your notes</summary>
        <NotesTransfer api={transfer} onImported={() => setRefresh((n) => n + 1)} download={download} />
      </details>
      {entity === null ? (
        <NotesPanel api={api} undoMs={undoMs} refresh={refresh} entityHref={entityHash} />
      ) : (
        <EntityNotes key={entity} api={api} entryId={entity} undoMs={undoMs} refresh={refresh} />
      )}
    </main>
  );
}
