import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Result } from '../../messaging/result';
import { KIND_SINGULAR } from '../../popup/notes-model';
import type { ReaderEntry, ReaderEntryInput } from '../../storage/reader-entries';
import { ReaderEntryForm } from './ReaderEntryForm';

export interface ReaderEntriesProps {
  readonly entries: readonly ReaderEntry[];
  /** Adds (`id` null) or replaces an entry; resolves to the saved entry's id. */
  readonly onSave: (input: ReaderEntryInput, id: string | null) => Promise<Result<string>>;
  readonly onRemove: (id: string) => Promise<Result<unknown>>;
}

type Editing = { readonly kind: 'new' } | { readonly kind: 'edit'; readonly id: string } | null;

/** The reader's own glossary entries: listed, added, edited, removed (after a confirmation). */
export function ReaderEntries({ entries, onSave, onRemove }: ReaderEntriesProps) {
  const [editing, setEditing] = useState<Editing>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();
  const section = useRef<HTMLElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  // Where focus goes once the list has re-rendered: an entry's button, or the Add button.
  const focusNext = useRef<{ id: string | null; action: string } | null>(null);

  useLayoutEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    focusNext.current = null;
    const row = target.id
      ? section.current?.querySelector<HTMLElement>(`[data-entry-id="${CSS.escape(target.id)}"]`)
      : null;
    const button = row?.querySelector<HTMLElement>(`[data-action="${target.action}"]`);
    (button ?? addButton.current)?.focus();
  });

  async function save(input: ReaderEntryInput, id: string | null) {
    const result = await onSave(input, id);
    if (result.ok) {
      setEditing(null);
      focusNext.current = { id: result.value, action: 'edit' };
    }
    return result;
  }

  async function remove(id: string) {
    const result = await onRemove(id);
    if (!result.ok) {
      setError(`Not removed: ${result.error.message}`);
      return;
    }
    setError(null);
    setConfirming(null);
    focusNext.current = { id: null, action: '' };
  }

  const sorted = [...entries].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <section class="options-section" aria-labelledby={headingId} ref={section}>
      <h2 id={headingId}>Your own entries</h2>
      <p class="quiet">
        Names you want Backstory to mark, with your own summary. They are kept in this browser only; export
        them below to keep a copy or move them.
      </p>
      {sorted.length === 0 ? (
        <p class="quiet">None yet.</p>
      ) : (
        <ul class="entry-list" aria-labelledby={headingId}>
          {sorted.map((entry) => (
            <li key={entry.id} data-entry-id={entry.id}>
              {editing?.kind === 'edit' && editing.id === entry.id ? (
                <ReaderEntryForm
                  entry={entry}
                  onSubmit={(input) => save(input, entry.id)}
                  onCancel={() => {
                    setEditing(null);
                    focusNext.current = { id: entry.id, action: 'edit' };
                  }}
                />
              ) : (
                <article aria-label={entry.name}>
                  <h3>{entry.name}</h3>
                  <p class="quiet">
                    {KIND_SINGULAR[entry.kind]}
                    {entry.qid && (
                      <>
                        {' · '}
                        <a
                          href={`https://www.wikidata.org/wiki/${entry.qid}`}
                          target="_blank"
                          rel="noopener noreferrer"
                        >
                          {entry.qid}
                        </a>
                      </>
                    )}
                    {entry.aliases.length > 0 && ` · also ${entry.aliases.join(', ')}`}
                  </p>
                  {entry.summary && <p class="entry-summary">{entry.summary}</p>}
                  {confirming === entry.id ? (
                    <div class="actions" role="group" aria-label={`Remove ${entry.name}?`}>
                      <span>Remove {entry.name}?</span>
                      <button
                        type="button"
                        class="danger"
                        data-action="confirm"
                        onClick={() => void remove(entry.id)}
                      >
                        Remove
                      </button>
                      <button
                        type="button"
                        onClick={() => {
                          setConfirming(null);
                          focusNext.current = { id: entry.id, action: 'remove' };
                        }}
                      >
                        Keep
                      </button>
                    </div>
                  ) : (
                    <div class="actions">
                      <button
                        type="button"
                        data-action="edit"
                        aria-label={`Edit ${entry.name}`}
                        onClick={() => setEditing({ kind: 'edit', id: entry.id })}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        data-action="remove"
                        aria-label={`Remove ${entry.name}`}
                        onClick={() => {
                          setConfirming(entry.id);
                          focusNext.current = { id: entry.id, action: 'confirm' };
                        }}
                      >
                        Remove
                      </button>
                    </div>
                  )}
                </article>
              )}
            </li>
          ))}
        </ul>
      )}
      {error !== null && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {editing?.kind === 'new' ? (
        <div class="new-entry">
          <h3>New entry</h3>
          <ReaderEntryForm
            onSubmit={(input) => save(input, null)}
            onCancel={() => {
              setEditing(null);
              focusNext.current = { id: null, action: '' };
            }}
          />
        </div>
      ) : (
        <button type="button" ref={addButton} onClick={() => setEditing({ kind: 'new' })}>
          Add an entry
        </button>
      )}
    </section>
  );
}
