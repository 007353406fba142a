import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { TargetedKeyboardEvent } from 'preact';
import type { Result } from '../../messaging/result';
import { MAX_NOTE_TEXT, MAX_TAGS, normalizeTags } from '../../storage/note-model';
import type { Note } from '../../storage/notes';
import { formatTime } from '../../popup/notes-model';
import { isWebUrl, quoteUrl } from '../../popup/text-fragment';
import { LinkedText } from './LinkedText';

export interface NoteItemProps {
  readonly note: Note;
  /** The entity the note is about ('Other passages' for a note on a passage). */
  readonly entityName: string;
  /** The note's accessible name: "Note on NATO". */
  readonly label: string;
  /** Where the entity's name links to (its page in the notes view); null: not a link. */
  readonly entityHref: string | null;
  /** '_blank' where following a link must not replace the view (the popup). */
  readonly linkTarget?: '_blank';
  /** Saves new text and tags; the item stays in edit mode, draft intact, when this fails. */
  readonly onSave: (id: string, text: string, tags: readonly string[]) => Promise<Result<Note>>;
  /** Goes back to the note's previous version. */
  readonly onUndoEdit: (id: string) => Promise<Result<Note>>;
  readonly onDelete: (note: Note) => void;
  /** Shows the notes with this tag; without it tags are plain text. */
  readonly onTag?: (tag: string) => void;
  /** Told when editing starts and ends, so the list keeps the note rendered meanwhile. */
  readonly onEditingChange?: (id: string, editing: boolean) => void;
}

type Focus = 'textarea' | 'edit' | 'undo' | null;

const tagsText = (tags: readonly string[]) => tags.join(', ');
const parseTags = (text: string) => normalizeTags(text.split(',').map((t) => t.trim()));

/** One note: what it is about, the quote, the text with links, tags, page, times; edit, undo edit, delete. */
export function NoteItem({
  note,
  entityName,
  label,
  entityHref,
  linkTarget,
  onSave,
  onUndoEdit,
  onDelete,
  onTag,
  onEditingChange,
}: NoteItemProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [tagDraft, setTagDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  // Where focus goes after the next render: into the textarea on Edit, back to a button on leaving.
  const focusNext = useRef<Focus>(null);
  const errorId = useId();
  const tagsHintId = useId();
  const editing = draft !== null;

  // Layout effect: focus must move before the next keystroke arrives, not after the next paint.
  useLayoutEffect(() => {
    const target = focusNext.current;
    focusNext.current = null;
    if (target === 'textarea' && textarea.current) {
      const field = textarea.current;
      field.focus();
      field.setSelectionRange(field.value.length, field.value.length);
    } else if (target === 'undo' && undoButton.current) {
      undoButton.current.focus();
    } else if (target === 'edit' || target === 'undo') {
      editButton.current?.focus();
    }
  });

  const editingChange = useRef(onEditingChange);
  editingChange.current = onEditingChange;
  useEffect(() => {
    if (!editing) return;
    editingChange.current?.(note.id, true);
    return () => editingChange.current?.(note.id, false);
  }, [editing, note.id]);

  function startEditing() {
    focusNext.current = 'textarea';
    setError(null);
    setTagDraft(tagsText(note.tags));
    setDraft(note.text);
  }

  function stopEditing() {
    focusNext.current = 'edit';
    setError(null);
    setDraft(null);
  }

  async function save() {
    if (draft === null || busy.current) return;
    const text = draft.trim();
    if (!text) {
      setError('A note needs some text. To remove it, cancel and choose Delete.');
      return;
    }
    const tags = parseTags(tagDraft);
    if (text === note.text && tagsText(tags) === tagsText(note.tags)) {
      stopEditing();
      return;
    }
    busy.current = true;
    const result = await onSave(note.id, text, tags);
    busy.current = false;
    if (result.ok) stopEditing();
    else setError(`Not saved: ${result.error.message}`);
  }

  async function undoEdit() {
    if (busy.current) return;
    busy.current = true;
    // Set before the answer: the parent re-renders this note with the undone version first.
    focusNext.current = 'undo';
    const result = await onUndoEdit(note.id);
    busy.current = false;
    if (result.ok) {
      setError(null);
    } else {
      focusNext.current = null;
      setError(`The edit was not undone: ${result.error.message}`);
    }
  }

  function onKeyDown(event: TargetedKeyboardEvent<HTMLElement>) {
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

  const title = note.pageTitle || note.pageUrl;
  const edited = note.updatedAt > note.createdAt;
  const canUndo = note.history.length > 0;
  const previous = note.history.at(-1);
  const target = linkTarget;
  const rel = linkTarget ? 'noopener noreferrer' : undefined;

  return (
    <article class="note" aria-label={label} data-note-id={note.id}>
      <p class="note-about">
        {entityHref ? (
          <a href={entityHref} target={target} rel={rel} class="note-entity">
            {entityName}
          </a>
        ) : (
          <span class="note-entity">{entityName}</span>
        )}
      </p>
      {note.quote && <blockquote class="note-quote">{note.quote.exact}</blockquote>}
      {editing ? (
        <div class="note-edit">
          <textarea
            ref={textarea}
            aria-label="Edit note"
            aria-invalid={error !== null}
            aria-describedby={error !== null ? errorId : undefined}
            maxLength={MAX_NOTE_TEXT}
            rows={4}
            value={draft}
            onInput={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={onKeyDown}
          />
          <label class="tags-field">
            <span>Tags</span>
            <input
              type="text"
              value={tagDraft}
              aria-describedby={tagsHintId}
              onInput={(e) => setTagDraft(e.currentTarget.value)}
              onKeyDown={onKeyDown}
            />
          </label>
          <p id={tagsHintId} class="hint">
            Separate tags with commas; up to {MAX_TAGS}.
          </p>
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
          <p class="note-text">
            <LinkedText text={note.text} />
          </p>
          {note.tags.length > 0 && (
            <ul class="tags" aria-label="Tags">
              {note.tags.map((tag) => (
                <li key={tag}>
                  {onTag ? (
                    <button
                      type="button"
                      class="tag"
                      title={`Show notes tagged ${tag}`}
                      onClick={() => onTag(tag)}
                    >
                      #{tag}
                    </button>
                  ) : (
                    <span class="tag">#{tag}</span>
                  )}
                </li>
              ))}
            </ul>
          )}
          <p class="note-meta">
            {title &&
              (isWebUrl(note.pageUrl) ? (
                <a
                  href={quoteUrl(note.pageUrl, note.quote)}
                  target="_blank"
                  rel="noopener noreferrer"
                  title={note.quote ? 'Opens the page at the quoted passage' : undefined}
                >
                  {title}
                </a>
              ) : (
                <span>{title}</span>
              ))}
            {title && ' · '}
            Written{' '}
            <time dateTime={new Date(note.createdAt).toISOString()}>{formatTime(note.createdAt)}</time>
            {edited && (
              <>
                {', edited '}
                <time dateTime={new Date(note.updatedAt).toISOString()}>{formatTime(note.updatedAt)}</time>
              </>
            )}
          </p>
          {error !== null && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <div class="actions">
            <button type="button" ref={editButton} data-action="edit" onClick={startEditing}>
              Edit
            </button>
            {canUndo && (
              <button
                type="button"
                ref={undoButton}
                onClick={() => void undoEdit()}
                title={previous ? `Back to: ${previous.text.slice(0, 200)}` : undefined}
              >
                Undo edit
              </button>
            )}
            <button type="button" onClick={() => onDelete(note)}>
              Delete
            </button>
          </div>
        </>
      )}
    </article>
  );
}
