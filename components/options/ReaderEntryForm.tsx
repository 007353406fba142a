import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { TargetedKeyboardEvent, TargetedSubmitEvent } from 'preact';
import { KINDS, type Kind } from '../../glossary/schema';
import type { Result } from '../../messaging/result';
import { KIND_SINGULAR } from '../../popup/notes-model';
import {
  checkReaderEntryInput,
  MAX_SUMMARY_LENGTH,
  type FieldProblem,
  type ReaderEntry,
  type ReaderEntryInput,
} from '../../storage/reader-entries';

export interface ReaderEntryFormProps {
  /** The entry being edited; a new one without it. */
  readonly entry?: ReaderEntry;
  /** Saves; the form stays open, with the reason, when this fails. */
  readonly onSubmit: (input: ReaderEntryInput) => Promise<Result<unknown>>;
  readonly onCancel: () => void;
}

type Field = 'name' | 'aliases' | 'kind' | 'summary' | 'qid';
const FIELDS: readonly Field[] = ['name', 'aliases', 'kind', 'summary', 'qid'];

/** Name, other names, kind, summary and an optional Wikidata QID, checked before saving. */
export function ReaderEntryForm({ entry, onSubmit, onCancel }: ReaderEntryFormProps) {
  const [name, setName] = useState(entry?.name ?? '');
  const [aliases, setAliases] = useState(entry?.aliases.join('\n') ?? '');
  const [kind, setKind] = useState<Kind>(entry?.kind ?? 'organisation');
  const [summary, setSummary] = useState(entry?.summary ?? '');
  const [qid, setQid] = useState(entry?.qid ?? '');
  const [problems, setProblems] = useState<readonly FieldProblem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const ids = { name: useId(), aliases: useId(), kind: useId(), summary: useId(), qid: useId() };
  const errorIds = { name: useId(), aliases: useId(), kind: useId(), summary: useId(), qid: useId() };
  const focusProblem = useRef(false);

  useLayoutEffect(() => {
    form.current?.querySelector<HTMLElement>(`#${CSS.escape(ids.name)}`)?.focus();
  }, []);

  useLayoutEffect(() => {
    if (!focusProblem.current) return;
    focusProblem.current = false;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [problems]);

  const problemFor = (field: Field) => problems.find((p) => p.field === field)?.message ?? null;

  async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    const input: ReaderEntryInput = { name, aliases: aliases.split(/\n/), kind, summary, qid };
    const checked = checkReaderEntryInput(input);
    if (!checked.ok) {
      focusProblem.current = true;
      setProblems(
        checked.problems.map((p) => (FIELDS.includes(p.field as Field) ? p : { ...p, field: 'name' })),
      );
      return;
    }
    setProblems([]);
    setSaving(true);
    const result = await onSubmit(checked.value);
    setSaving(false);
    setFailure(result.ok ? null : `Not saved: ${result.error.message}`);
  }

  function onKeyDown(event: TargetedKeyboardEvent<HTMLFormElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  }

  const described = (field: Field, hint?: string) =>
    [problemFor(field) !== null ? errorIds[field] : null, hint].filter(Boolean).join(' ') || undefined;
  const error = (field: Field) =>
    problemFor(field) !== null && (
      <p id={errorIds[field]} class="error">
        {problemFor(field)}
      </p>
    );
  const hintId = useId();

  return (
    <form class="entry-form" ref={form} onSubmit={submit} onKeyDown={onKeyDown} noValidate>
      <div class="field">
        <label for={ids.name}>Name</label>
        <input
          id={ids.name}
          type="text"
          value={name}
          maxLength={200}
          aria-invalid={problemFor('name') !== null}
          aria-describedby={described('name')}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        {error('name')}
      </div>
      <div class="field">
        <label for={ids.aliases}>Other names</label>
        <textarea
          id={ids.aliases}
          rows={3}
          value={aliases}
          aria-invalid={problemFor('aliases') !== null}
          aria-describedby={described('aliases', hintId)}
          onInput={(e) => setAliases(e.currentTarget.value)}
        />
        <p id={hintId} class="quiet hint">
          One per line: how pages also write the name (“the Quad”, an acronym).
        </p>
        {error('aliases')}
      </div>
      <div class="field">
        <label for={ids.kind}>Kind</label>
        <select id={ids.kind} value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_SINGULAR[k]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={ids.summary}>Summary</label>
        <textarea
          id={ids.summary}
          rows={4}
          value={summary}
          maxLength={MAX_SUMMARY_LENGTH}
          aria-invalid={problemFor('summary') !== null}
          aria-describedby={described('summary')}
          onInput={(e) => setSummary(e.currentTarget.value)}
        />
        <p class="quiet hint">
          {summary.length} / {MAX_SUMMARY_LENGTH} characters
        </p>
        {error('summary')}
      </div>
      <div class="field">
        <label for={ids.qid}>Wikidata QID (optional)</label>
        <input
          id={ids.qid}
          type="text"
          value={qid}
          placeholder="Q7184"
          maxLength={14}
          aria-invalid={problemFor('qid') !== null}
          aria-describedby={described('qid')}
          onInput={(e) => setQid(e.currentTarget.value)}
        />
        {error('qid')}
      </div>
      {failure !== null && (
        <p class="error" role="alert">
          {failure}
        </p>
      )}
      {problems.length > 0 && (
        <p class="error" role="alert">
          {problems.length === 1 ? 'One field needs' : `${problems.length} fields need`} fixing before saving.
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={saving}>
          {entry ? 'Save changes' : 'Add entry'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
