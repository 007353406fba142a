import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { TargetedKeyboardEvent } from 'preact';
import type { Result } from '../../messaging/result';
import type { Note } from '../../storage/notes';

export interface NoteItemProps {
  readonly note: Note;
  /** The entity the note is about, for the note's accessible name. */
  readonly entityName: string;
  /** Saves new text; the item stays in edit mode, draft intact, when this fails. */
  readonly onSave: (id: string, text: string) => Promise<Result<Note>>;
  readonly onDelete: (note: Note) => void;
}

const MAX_NOTE_LENGTH = 20_000;

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Only links a browser can open from an extension page; anything else is shown as text. */
function linkable(url: string): boolean {
  return /^(https?|file):/i.test(url);
}

export function NoteItem({ note, entityName, onSave, onDelete }: NoteItemProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const saving = useRef(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  // Where focus goes after the next render: into the textarea on Edit, back to Edit on leaving.
  const focusNext = useRef<'textarea' | 'edit' | null>(null);
  const errorId = useId();
  const editing = draft !== null;

  // Layout effect: focus must move before the next keystroke arrives, not after the next paint.
  useLayoutEffect(() => {
    const target = focusNext.current;
    focusNext.current = null;
    if (target === 'textarea' && textarea.current) {
      const field = textarea.current;
      field.focus();
      field.setSelectionRange(field.value.length, field.value.length);
    } else if (target === 'edit') {
      editButton.current?.focus();
    }
  }, [editing]);

  function startEditing() {
    focusNext.current = 'textarea';
    setError(null);
    setDraft(note.text);
  }

  function stopEditing() {
    focusNext.current = 'edit';
    setError(null);
    setDraft(null);
  }

  async function save() {
    if (draft === null || saving.current) return;
    const text = draft.trim();
    if (!text) {
      setError('A note needs some text. To remove it, cancel and choose Delete.');
      return;
    }
    if (text === note.text) {
      stopEditing();
      return;
    }
    saving.current = true;
    const result = await onSave(note.id, text);
    saving.current = false;
    if (result.ok) stopEditing();
    else setError(`Not saved: ${result.error.message}`);
  }

  function onKeyDown(event: TargetedKeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Escape') {
      // Handled here, so the browser does not also close the popup and lose the reader's place.
      event.preventDefault();
      event.stopPropagation();
      stopEditing();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void save();
    }
  }

  const created = new Date(note.createdAt);
  const title = note.pageTitle || note.pageUrl;

  return (
    <article class="note" aria-label={`Note on ${entityName}`} data-note-id={note.id}>
      {editing ? (
        <div class="note-edit">
          <textarea
            ref={textarea}
            aria-label="Edit note"
            aria-invalid={error !== null}
            aria-describedby={error !== null ? errorId : undefined}
            maxLength={MAX_NOTE_LENGTH}
            rows={4}
            value={draft}
            onInput={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={onKeyDown}
          />
          {error !== null && (
            <p id={errorId} class="error" role="alert">
              {error}
            </p>
          )}
          <div class="actions">
            <button type="button" class="primary" onClick={() => void save()}>
              Save
            </button>
            <button type="button" onClick={stopEditing}>
              Cancel
            </button>
            <span class="hint">Ctrl+Enter saves, Esc cancels</span>
          </div>
        </div>
      ) : (
        <>
          <p class="note-text">{note.text}</p>
          <p class="note-meta">
            {title &&
              (linkable(note.pageUrl) ? (
                <a href={note.pageUrl} target="_blank" rel="noopener noreferrer">
                  {title}
                </a>
              ) : (
                <span>{title}</span>
              ))}
            {title && ' · '}
            <time dateTime={created.toISOString()}>{dateFormat.format(created)}</time>
            {note.updatedAt > note.createdAt && <span class="edited"> (edited)</span>}
          </p>
          <div class="actions">
            <button type="button" ref={editButton} onClick={startEditing}>
              Edit
            </button>
            <button type="button" onClick={() => onDelete(note)}>
              Delete
            </button>
          </div>
        </>
      )}
    </article>
  );
}
