import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { downloadText, readPickedFile } from '../../popup/download';
import type { OptionsApi } from '../../popup/options-api';
import {
  describeReaderImport,
  MAX_READER_FILE_CHARS,
  type ReaderImportPlan,
} from '../../storage/reader-entries';

export interface ReaderEntriesTransferProps {
  readonly api: Pick<OptionsApi, 'exportReaderEntries' | 'previewReaderImport' | 'applyReaderImport'>;
  readonly download?: (filename: string, mimeType: string, text: string) => void;
  /** Called after an import changed the reader's entries. */
  readonly onImported?: () => void;
}

type Step =
  | { readonly kind: 'idle' }
  | {
      readonly kind: 'preview';
      readonly name: string;
      readonly text: string;
      readonly plan: ReaderImportPlan;
    }
  | { readonly kind: 'done'; readonly message: string };

/** The reader's own entries and changes as a file of their own, separate from the notes export. */
export function ReaderEntriesTransfer({
  api,
  download = downloadText,
  onImported,
}: ReaderEntriesTransferProps) {
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const headingId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const done = useRef<HTMLParagraphElement>(null);

  useLayoutEffect(() => {
    if (step.kind === 'done') done.current?.focus();
  }, [step.kind]);

  async function exportFile() {
    setError(null);
    const file = await api.exportReaderEntries();
    if (!file.ok) {
      setError(`The export failed: ${file.error.message}`);
      return;
    }
    download(file.value.filename, file.value.mimeType, file.value.text);
    setExported(`Saved ${file.value.filename} to your downloads.`);
  }

  async function pick(input: HTMLInputElement) {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setError(null);
    setExported(null);
    let text: string;
    try {
      text = await readPickedFile(file, MAX_READER_FILE_CHARS * 4);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return;
    }
    const plan = await api.previewReaderImport(text);
    if (!plan.ok) {
      setStep({ kind: 'idle' });
      setError(`${file.name} can’t be imported: ${plan.error.message}`);
      return;
    }
    setStep({ kind: 'preview', name: file.name, text, plan: plan.value });
  }

  async function apply() {
    if (step.kind !== 'preview') return;
    const result = await api.applyReaderImport(step.text);
    if (!result.ok) {
      setError(`Nothing was imported: ${result.error.message}`);
      return;
    }
    setError(null);
    setStep({ kind: 'done', message: `Imported ${step.name}: ${describeReaderImport(result.value, true)}.` });
    onImported?.();
  }

  const plan = step.kind === 'preview' ? step.plan : null;
  const changes = plan ? plan.added + plan.updated : 0;

  return (
    <section class="options-section" aria-labelledby={headingId}>
      <h2 id={headingId}>Export and import your entries</h2>
      <p class="quiet">
        Your own entries and your changes to Backstory’s entries go in one JSON file (format
        “backstory-reader-glossary”), apart from your notes, which the notes view exports. Importing adds what
        is new; where an entry is in both, the more recently edited version is kept.
      </p>
      <div class="actions">
        <button type="button" onClick={() => void exportFile()}>
          Export your entries
        </button>
      </div>
      {exported !== null && (
        <p class="quiet" role="status">
          {exported}
        </p>
      )}
      <label class="file-pick">
        <span>Import entries from a file</span>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          onChange={(e) => void pick(e.currentTarget)}
        />
      </label>
      {plan && step.kind === 'preview' && (
        <div class="import-preview">
          <p role="status">
            <strong>{step.name}</strong>: {describeReaderImport(plan)}.
          </p>
          {plan.problems.length > 0 && (
            <ul class="problems">
              {plan.problems.slice(0, 20).map((p, i) => (
                <li key={i}>{p.line === null ? p.message : `line ${p.line}: ${p.message}`}</li>
              ))}
            </ul>
          )}
          <p class="quiet">
            {changes > 0 ? 'Nothing has changed yet.' : 'Importing this file would change nothing.'}
          </p>
          <div class="actions">
            {changes > 0 && (
              <button type="button" class="primary" onClick={() => void apply()}>
                Import
              </button>
            )}
            <button
              type="button"
              onClick={() => {
                setStep({ kind: 'idle' });
                fileInput.current?.focus();
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
      {step.kind === 'done' && (
        <p ref={done} tabIndex={-1} role="status">
          {step.message}
        </p>
      )}
      {error !== null && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
