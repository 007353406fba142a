import { useMemo, useState } from 'preact/hooks';
import type { Result } from '../messaging/result';
import { pageKey } from '../storage/note-model';
import type { Note } from '../storage/notes';
import { NoteForm } from './NoteForm';

export interface CardNotesProps {
  readonly notes: readonly Note[];
  onAdd(text: string): Promise<Result<Note>>;
  trusted: (e: Event) => boolean;
  /** The page the card is on (its address): notes written here are listed first, under their own label. */
  readonly here?: string;
  /** Open with the editor showing (a note on a fresh selection). */
  readonly startEditing?: boolean;
}

function NoteList({ notes }: { readonly notes: readonly Note[] }) {
  // Made when a card shows notes, not when the content script loads: building it costs every page ~26 ms.
  const dateFormat = useMemo(() => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }), []);
  return (
    <ul class="note-list">
      {notes.map((n) => (
        <li key={n.id}>
          <p class="note-text">{n.text}</p>
          <p class="note-meta">
            {dateFormat.format(n.createdAt)}
            {n.pageTitle !== '' && <> · {n.pageTitle}</>}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** The reader's notes on an entry, this page's first, newest first, and the button that opens the editor. */
export function CardNotes({ notes, onAdd, trusted, here, startEditing = false }: CardNotesProps) {
  const [shown, setShown] = useState<readonly Note[]>(notes);
  const [editing, setEditing] = useState(startEditing);

  const add = async (text: string) => {
    const result = await onAdd(text);
    if (result.ok) {
      setShown((list) => [result.value, ...list]);
      setEditing(false);
    }
    return result;
  };

  const key = here === undefined ? '' : pageKey(here);
  const onPage = key === '' ? [] : shown.filter((n) => pageKey(n.pageUrl) === key);
  const elsewhere = onPage.length === 0 ? shown : shown.filter((n) => !onPage.includes(n));

  return (
    <section class="notes" aria-label="Your notes">
      {onPage.length > 0 && (
        <>
          <p class="notes-label">On this page</p>
          <NoteList notes={onPage} />
          {elsewhere.length > 0 && <p class="notes-label">Elsewhere</p>}
        </>
      )}
      {elsewhere.length > 0 && <NoteList notes={elsewhere} />}
      {editing ? (
        <NoteForm onSave={add} onCancel={() => setEditing(false)} trusted={trusted} />
      ) : (
        <button
          type="button"
          class="add-note"
          onClick={(e) => {
            if (trusted(e)) setEditing(true);
          }}
        >
          Add note
        </button>
      )}
    </section>
  );
}
