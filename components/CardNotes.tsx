import { useState } from 'preact/hooks';
import type { Result } from '../messaging/result';
import type { Note } from '../storage/notes';
import { NoteForm } from './NoteForm';

export interface CardNotesProps {
  readonly notes: readonly Note[];
  onAdd(text: string): Promise<Result<Note>>;
  trusted: (e: Event) => boolean;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** The reader's notes on an entry, newest first, and the button that opens the editor. */
export function CardNotes({ notes, onAdd, trusted }: CardNotesProps) {
  const [shown, setShown] = useState<readonly Note[]>(notes);
  const [editing, setEditing] = useState(false);

  const add = async (text: string) => {
    const result = await onAdd(text);
    if (result.ok) {
      setShown((list) => [result.value, ...list]);
      setEditing(false);
    }
    return result;
  };

  return (
    <section class="notes" aria-label="Your notes">
      {shown.length > 0 && (
        <ul class="note-list">
          {shown.map((n) => (
            <li key={n.id}>
              <p class="note-text">{n.text}</p>
              <p class="note-meta">
                {dateFormat.format(n.createdAt)}
                {n.pageTitle !== '' && <> · {n.pageTitle}</>}
              </p>
            </li>
          ))}
        </ul>
      )}
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
