import { useEffect, useRef, useState } from 'preact/hooks';
import type { Result } from '../messaging/result';

export interface NoteFormProps {
  /** Saves the text; the form keeps it when saving fails. */
  onSave(text: string): Promise<Result<unknown>>;
  onCancel(): void;
  /** Whether a DOM event came from the reader rather than from a page script. */
  trusted: (e: Event) => boolean;
}

/** The "Add note" editor inside a card. Ctrl/Cmd+Enter saves; the text survives a failed save. */
export function NoteForm({ onSave, onCancel, trusted }: NoteFormProps) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  // The editor opens because the reader asked for it: put the caret there, in sight in a tall card.
  useEffect(() => {
    box.current?.focus();
    box.current?.closest('form')?.scrollIntoView?.({ block: 'nearest' });
  }, []);

  const save = async () => {
    if (saving || text.trim() === '') return;
    setSaving(true);
    const result = await onSave(text);
    setSaving(false);
    if (result.ok) {
      setText('');
      setError(null);
    } else setError(result.error.message);
  };

  return (
    <form
      class="note-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (trusted(e)) void save();
      }}
    >
      <textarea
        aria-label="Note"
        rows={3}
        value={text}
        ref={box}
        onInput={(e) => {
          if (trusted(e)) setText(e.currentTarget.value);
        }}
        onKeyDown={(e) => {
          if (!trusted(e)) return;
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void save();
          }
        }}
      />
      {error !== null && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" disabled={saving || text.trim() === ''}>
          Save note
        </button>
        <button
          type="button"
          class="secondary"
          onClick={(e) => {
            if (trusted(e)) onCancel();
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
