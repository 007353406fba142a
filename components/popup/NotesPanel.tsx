import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Note } from '../../storage/notes';
import { entityName, groupNotes, loadNotes, newestFirst, type Names } from '../../popup/notes-model';
import type { NotesApi } from '../../popup/types';
import { NoteItem } from './NoteItem';

export interface NotesPanelProps {
  readonly api: NotesApi;
  /** How long "Note deleted. Undo" stays offered. */
  readonly undoMs?: number;
  /** Pause after the last keystroke before searching. */
  readonly debounceMs?: number;
}

type FocusTarget = { readonly kind: 'undo' } | { readonly kind: 'note'; readonly id: string } | null;

/** "Your notes": search, notes grouped by entity, inline edit, delete with undo. */
export function NotesPanel({ api, undoMs = 10_000, debounceMs = 100 }: NotesPanelProps) {
  const [query, setQuery] = useState('');
  const [notes, setNotes] = useState<Note[] | null>(null);
  const [names, setNames] = useState<Names>(new Map());
  const [loadError, setLoadError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [deleted, setDeleted] = useState<Note | null>(null);
  const [focusTarget, setFocusTarget] = useState<FocusTarget>(null);

  const namesRef = useRef(names);
  namesRef.current = names;
  const loadSeq = useRef(0);
  const firstLoad = useRef(true);
  const panel = useRef<HTMLElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const status = useRef<HTMLDivElement>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  const headingId = useId();

  useEffect(() => {
    const delay = firstLoad.current ? 0 : debounceMs;
    firstLoad.current = false;
    const seq = ++loadSeq.current;
    const timer = setTimeout(async () => {
      const result = await loadNotes(api, query, namesRef.current);
      // A slower answer to an older query must not replace a newer one.
      if (seq !== loadSeq.current) return;
      if (result.ok) {
        setNotes(result.value.notes);
        setNames(result.value.names);
        setLoadError(null);
      } else {
        setLoadError(result.error.message);
      }
    }, delay);
    return () => clearTimeout(timer);
  }, [api, query, debounceMs]);

  useEffect(() => {
    if (!deleted) return;
    const timer = setTimeout(() => {
      // The Undo button is about to vanish; keep keyboard users in the panel rather than on <body>.
      if (status.current?.contains(document.activeElement)) search.current?.focus();
      setDeleted(null);
    }, undoMs);
    return () => clearTimeout(timer);
  }, [deleted, undoMs]);

  useLayoutEffect(() => {
    if (!focusTarget) return;
    setFocusTarget(null);
    if (focusTarget.kind === 'undo') {
      undoButton.current?.focus();
      return;
    }
    const article = [...(panel.current?.querySelectorAll<HTMLElement>('[data-note-id]') ?? [])].find(
      (el) => el.dataset.noteId === focusTarget.id,
    );
    article?.querySelector('button')?.focus();
  }, [focusTarget]);

  async function save(id: string, text: string) {
    const result = await api.updateNote(id, text);
    if (result.ok) setNotes((list) => list?.map((n) => (n.id === id ? result.value : n)) ?? list);
    return result;
  }

  async function remove(note: Note) {
    const result = await api.deleteNote(note.id);
    if (!result.ok) {
      setActionError(`The note was not deleted: ${result.error.message}`);
      return;
    }
    setActionError(null);
    setNotes((list) => list?.filter((n) => n.id !== note.id) ?? list);
    setDeleted(result.value);
    setFocusTarget({ kind: 'undo' });
  }

  async function undo() {
    if (!deleted) return;
    const result = await api.restoreNote(deleted);
    if (!result.ok) {
      setActionError(`The note could not be restored: ${result.error.message}`);
      return;
    }
    const restored = result.value;
    setActionError(null);
    setDeleted(null);
    setNotes((list) => newestFirst([...(list ?? []).filter((n) => n.id !== restored.id), restored]));
    setFocusTarget({ kind: 'note', id: restored.id });
  }

  const groups = notes ? groupNotes(notes, names) : [];
  const trimmed = query.trim();

  return (
    <section class="notes-panel" aria-labelledby={headingId} ref={panel}>
      <h2 id={headingId}>Your notes</h2>
      <input
        ref={search}
        type="search"
        class="search"
        aria-label="Search notes"
        placeholder="Search notes"
        maxLength={500}
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      {loadError !== null && (
        <p class="error" role="alert">
          Your notes could not be loaded: {loadError}
        </p>
      )}
      {actionError !== null && (
        <p class="error" role="alert">
          {actionError}
        </p>
      )}
      <div class="undo" role="status" ref={status}>
        {deleted && (
          <>
            Note deleted.{' '}
            <button type="button" ref={undoButton} onClick={() => void undo()}>
              Undo
            </button>
          </>
        )}
      </div>
      {notes === null ? (
        loadError === null && <p class="quiet">Loading notes…</p>
      ) : groups.length === 0 ? (
        <p class="quiet">
          {trimmed
            ? `No notes match “${trimmed}”.`
            : 'No notes yet. Open the card of a marked name on any page to write one.'}
        </p>
      ) : (
        groups.map((group) => (
          <section class="note-group" key={group.entryId ?? ''} aria-label={group.name}>
            <h3>{group.name}</h3>
            <ul class="notes">
              {group.notes.map((note) => (
                <li key={note.id}>
                  <NoteItem
                    note={note}
                    entityName={entityName(note.entryId, names)}
                    onSave={save}
                    onDelete={(n) => void remove(n)}
                  />
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </section>
  );
}
