import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ExportFormat, ImportPreview } from '../../messaging/background-protocol';
import { MAX_IMPORT_CHARS } from '../../messaging/background-protocol';
import { describeImport, describeProblem } from '../../notes-format/summary';
import { downloadText, readPickedFile } from '../../popup/download';
import type { TransferApi } from '../../popup/types';

export interface NotesTransferProps {
  readonly api: TransferApi;
  /** Called after an import changed notes, so the list asks again. */
  readonly onImported: () => void;
  /** Saves a file; a Blob download by default. */
  readonly download?: (filename: string, mimeType: string, text: string) => void;
}

const EXPORTS: readonly { format: ExportFormat; label: string }[] = [
  { format: 'json', label: 'Export JSON' },
  { format: 'markdown', label: 'Export Markdown' },
  { format: 'jsonld', label: 'Export Web Annotations' },
];

type Step =
  | { readonly kind: 'idle' }
  | { readonly kind: 'reading'; readonly name: string }
  | {
      readonly kind: 'preview';
      readonly name: string;
      readonly text: string;
      readonly preview: ImportPreview;
    }
  | { readonly kind: 'applying'; readonly name: string }
  | { readonly kind: 'done'; readonly message: string };

/**
 * Export (JSON, Markdown, Web Annotations) and import of a JSON export: the file is read, previewed
 * ("212 notes: 208 new, 3 already present, 1 invalid (line 40: …)"), and only "Import" changes anything.
 */
export function NotesTransfer({ api, onImported, download = downloadText }: NotesTransferProps) {
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const headingId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const result = useRef<HTMLParagraphElement>(null);

  // The Import and Cancel buttons go away; focus goes to what happened instead of the page's top.
  useLayoutEffect(() => {
    if (step.kind === 'done') result.current?.focus();
  }, [step.kind]);

  async function exportAs(format: ExportFormat) {
    setError(null);
    setExported(null);
    const file = await api.exportNotes(format);
    if (!file.ok) {
      setError(`The export failed: ${file.error.message}`);
      return;
    }
    download(file.value.filename, file.value.mimeType, file.value.text);
    setExported(`Saved ${file.value.filename} to your downloads.`);
  }

  async function pick(input: HTMLInputElement) {
    const file = input.files?.[0];
    // Cleared, so that picking the same file again (after a fix) reads it again.
    input.value = '';
    if (!file) return;
    setError(null);
    setExported(null);
    setStep({ kind: 'reading', name: file.name });
    let text: string;
    try {
      // Bytes, not characters: a UTF-8 file has at least as many bytes as characters, so this errs on the safe side.
      text = await readPickedFile(file, MAX_IMPORT_CHARS * 4);
    } catch (e) {
      setStep({ kind: 'idle' });
      setError(e instanceof Error ? e.message : String(e));
      return;
    }
    const preview = await api.previewImport(text);
    if (!preview.ok) {
      setStep({ kind: 'idle' });
      setError(`${file.name} can’t be imported: ${preview.error.message}`);
      return;
    }
    setStep({ kind: 'preview', name: file.name, text, preview: preview.value });
  }

  async function apply() {
    if (step.kind !== 'preview') return;
    const { name, text } = step;
    setStep({ kind: 'applying', name });
    const applied = await api.applyImport(text);
    if (!applied.ok) {
      setStep({ kind: 'preview', name, text, preview: step.preview });
      setError(`Nothing was imported: ${applied.error.message}`);
      return;
    }
    setError(null);
    setStep({ kind: 'done', message: `Imported ${name}: ${describeImport(applied.value, true)}.` });
    onImported();
  }

  function cancel() {
    setError(null);
    setStep({ kind: 'idle' });
    fileInput.current?.focus();
  }

  const preview = step.kind === 'preview' ? step.preview : null;
  const changes = preview ? preview.toAdd + preview.toUpdate : 0;

  return (
    <section class="transfer" aria-labelledby={headingId}>
      <h2 id={headingId}>Export and import</h2>
      <p class="quiet">
        Your notes are kept in this browser only. An export is your own copy: JSON can be imported again (here
        or in another browser), Markdown suits notes apps, Web Annotations suit annotation tools.
      </p>
      <div class="actions" role="group" aria-label="Export">
        {EXPORTS.map(({ format, label }) => (
          <button key={format} type="button" onClick={() => void exportAs(format)}>
            {label}
          </button>
        ))}
      </div>
      {exported !== null && (
        <p class="quiet" role="status">
          {exported}
        </p>
      )}
      <label class="file-pick">
        <span>Import a JSON export</span>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          disabled={step.kind === 'reading' || step.kind === 'applying'}
          onChange={(e) => void pick(e.currentTarget)}
        />
      </label>
      {step.kind === 'reading' && <p class="quiet">Reading {step.name}…</p>}
      {step.kind === 'applying' && <p class="quiet">Importing {step.name}…</p>}
      {preview && step.kind === 'preview' && (
        <div class="import-preview">
          <p role="status">
            <strong>{step.name}</strong>: {describeImport(preview)}.
          </p>
          {preview.problems.length > 0 && (
            <>
              <p>These notes can’t be imported and will be left out:</p>
              <ul class="problems">
                {preview.problems.map((p, i) => (
                  <li key={i}>{describeProblem(p)}</li>
                ))}
                {preview.moreProblems > 0 && <li>and {preview.moreProblems} more problems</li>}
              </ul>
            </>
          )}
          {preview.unknownEntries.length > 0 && (
            <p class="quiet">
              Notes about names this glossary doesn’t have ({preview.unknownEntries.join(', ')}) are imported
              all the same.
            </p>
          )}
          <p class="quiet">
            {changes > 0
              ? 'Nothing has changed yet. Import adds and updates these notes all at once.'
              : 'Importing this file would change nothing.'}
          </p>
          <div class="actions">
            {changes > 0 && (
              <button type="button" class="primary" onClick={() => void apply()}>
                Import
              </button>
            )}
            <button type="button" onClick={cancel}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {step.kind === 'done' && (
        <p ref={result} tabIndex={-1} role="status" class="import-done">
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
