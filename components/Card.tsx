import { describeFacts, formatDay, KIND_LABELS, wikipediaUrl } from '../glossary/facts';
import type { CardData } from '../messaging/background-protocol';
import type { Result } from '../messaging/result';
import type { Note } from '../storage/notes';
import { CardNotes } from './CardNotes';
import { FactList } from './FactList';

export interface CardProps {
  /** Null while the details are on their way. */
  readonly data: CardData | null;
  readonly error: string | null;
  /** Fallback title while loading: the name as it is known to the content script. */
  readonly name: string;
  /** The page's publication date (YYYY-MM-DD): the card speaks for that day. */
  readonly asOf?: string | null;
  /** Today (YYYY-MM-DD); a prop so tests don't depend on the clock. */
  readonly today?: string;
  onAddNote(entryId: string, text: string): Promise<Result<Note>>;
  onOpenRelated(entryId: string): void;
  onClose(): void;
  /** Whether a DOM event came from the reader rather than from a page script. */
  readonly trusted?: (e: Event) => boolean;
  /** The page's address: its notes are listed first, labelled. */
  readonly here?: string;
  /** Stops marking this entry on every page (the card offers it when given). */
  onMute?(entryId: string): void;
}

const isTrusted = (e: Event) => e.isTrusted;

/** A card is read at a glance: a few related entries, the closest first. */
const MAX_RELATED = 6;

/** The background card of one glossary entry: a labelled, non-modal dialog. */
export function Card({
  data,
  error,
  name,
  asOf,
  today = new Date().toISOString().slice(0, 10),
  onAddNote,
  onOpenRelated,
  onClose,
  trusted = isTrusted,
  here,
  onMute,
}: CardProps) {
  const entry = data?.entry;
  const pageDate = asOf ?? undefined;
  return (
    <div class="card" role="dialog" aria-modal="false" aria-labelledby="backstory-card-title">
      <div class="card-header">
        <h2 id="backstory-card-title">{entry?.name ?? name}</h2>
        {entry && <span class="kind">{KIND_LABELS[entry.kind]}</span>}
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
      {error !== null && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {data === null && error === null && <p class="loading">Loading…</p>}
      {entry && data && (
        <>
          <p class="summary">{entry.summary}</p>
          {entry.metonymy !== undefined && <p class="metonymy">{entry.metonymy}</p>}
          {pageDate !== undefined && pageDate < today && (
            <p class="as-of">As of {formatDay(pageDate)}, the date of this page:</p>
          )}
          <FactList lines={describeFacts(entry.facts, today, pageDate)} />
          {data.related.length > 0 && (
            <nav class="related" aria-label="Related">
              <span>Related:</span>
              <ul>
                {data.related.slice(0, MAX_RELATED).map((r) => (
                  <li key={r.id}>
                    <button
                      type="button"
                      class="link"
                      onClick={(e) => {
                        if (trusted(e)) onOpenRelated(r.id);
                      }}
                    >
                      {r.name}
                    </button>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          {entry.wikipedia === '' ? (
            // The reader's own entry: no article, no checked facts.
            <p class="more checked">Your own entry</p>
          ) : (
            <p class="more">
              <a href={wikipediaUrl(entry.wikipedia)} target="_blank" rel="noopener noreferrer">
                Read more on Wikipedia
              </a>
              <span class="checked">
                {' '}
                · facts checked {formatDay(entry.checked.padEnd(10, '-01').slice(0, 10))}
              </span>
            </p>
          )}
          <CardNotes
            key={entry.id}
            notes={data.notes}
            onAdd={(text) => onAddNote(entry.id, text)}
            trusted={trusted}
            here={here}
          />
          {onMute && (
            <p class="mute">
              <button
                type="button"
                class="link"
                onClick={(e) => {
                  if (trusted(e)) onMute(entry.id);
                }}
              >
                Mute {entry.name} (stop marking it)
              </button>
            </p>
          )}
        </>
      )}
    </div>
  );
}
