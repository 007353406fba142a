import type { NotesApi } from '../../popup/types';
import { NotesPanel } from './NotesPanel';

export interface NotesPageProps {
  readonly api: NotesApi;
  readonly undoMs?: number;
}

/** The full-tab notes view: the popup's notes panel with room to breathe. */
export function NotesPage({ api, undoMs }: NotesPageProps) {
  return (
    <main class="notes-page">
      <header class="page-header">
        <h1>Backstory</h1>
        <p class="quiet">
          Everything you have written about the names in the news, kept in this browser only.
        </p>
      </header>
      <NotesPanel api={api} undoMs={undoMs} />
    </main>
  );
}
