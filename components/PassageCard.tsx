import type { Result } from '../messaging/result';
import type { Note } from '../storage/notes';
import { CardNotes } from './CardNotes';

export interface PassageCardProps {
  /** The passage's text as it stands on the page now. */
  readonly quote: string;
  /** Notes on this passage, newest first; none for a fresh selection. */
  readonly notes: readonly Note[];
  onAddNote(text: string): Promise<Result<Note>>;
  onClose(): void;
  /** Open with the editor showing: the reader asked to write a note on a selection. */
  readonly startEditing?: boolean;
  readonly here?: string;
  /** Whether a DOM event came from the reader rather than from a page script. */
  readonly trusted?: (e: Event) => boolean;
}

const isTrusted = (e: Event) => e.isTrusted;
/** Long selections are shown cut short: the card sits over the page it quotes. */
const SHOWN_QUOTE = 280;

/** A card for a passage of the page the reader wrote (or is writing) notes on. */
export function PassageCard({
  quote,
  notes,
  onAddNote,
  onClose,
  startEditing = false,
  here,
  trusted = isTrusted,
}: PassageCardProps) {
  const shown = quote.length > SHOWN_QUOTE ? `${quote.slice(0, SHOWN_QUOTE).trimEnd()}…` : quote;
  return (
    <div class="card" role="dialog" aria-modal="false" aria-labelledby="backstory-card-title">
      <div class="card-header">
        <h2 id="backstory-card-title">{notes.length === 0 ? 'Note on this passage' : 'Your notes here'}</h2>
        <button
          type="button"
          class="close"
          aria-label="Close"
          onClick={(e) => {
            if (trusted(e)) onClose();
          }}
        >
          ×
        </button>
      </div>
      <blockquote class="quote">{shown}</blockquote>
      <CardNotes notes={notes} onAdd={onAddNote} trusted={trusted} here={here} startEditing={startEditing} />
    </div>
  );
}
