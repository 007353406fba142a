/**
 * The card as the page sees it: plain descriptions of what to show (`CardView`) in, a card in its
 * closed shadow root out. Kept apart from `page.tsx` so that Preact, Floating UI and the card's
 * components load only with the card's code (`card-module.ts`), not in every tab.
 */
import { Card } from '../components/Card';
import { PassageCard } from '../components/PassageCard';
import type { CardData } from '../messaging/background-protocol';
import type { Result } from '../messaging/result';
import type { Note } from '../storage/notes';
import { createCardHost, type CardAnchor } from './card-host';

/** The card of a glossary entry. */
export interface EntityCardView {
  readonly kind: 'entity';
  /** A new key renders a new card (fresh state). */
  readonly key: string;
  readonly data: CardData | null;
  readonly error: string | null;
  readonly name: string;
  readonly asOf: string | null;
  readonly here: string;
  onClose(): void;
  onOpenRelated(entryId: string): void;
  onMute(entryId: string): void;
  onAddNote(entryId: string, text: string): Promise<Result<Note>>;
}

/** The card of a passage with notes, or of a selection about to get one. */
export interface PassageCardView {
  readonly kind: 'passage';
  readonly key: string;
  readonly quote: string;
  readonly notes: readonly Note[];
  readonly startEditing: boolean;
  readonly here: string;
  onClose(): void;
  onAddNote(text: string): Promise<Result<Note>>;
}

export type CardView = EntityCardView | PassageCardView;

function cardOf(view: CardView) {
  if (view.kind === 'passage') {
    return (
      <PassageCard
        key={view.key}
        quote={view.quote}
        notes={view.notes}
        startEditing={view.startEditing}
        here={view.here}
        onAddNote={view.onAddNote}
        onClose={view.onClose}
      />
    );
  }
  return (
    <Card
      key={view.key}
      data={view.data}
      error={view.error}
      asOf={view.asOf}
      here={view.here}
      name={view.name}
      onClose={view.onClose}
      onOpenRelated={view.onOpenRelated}
      onMute={view.onMute}
      onAddNote={view.onAddNote}
    />
  );
}

export function createCardUi(doc: Document, onPointerInside: (inside: boolean) => void) {
  const host = createCardHost(doc, onPointerInside);
  return {
    show: (view: CardView, anchor: CardAnchor) => host.show(cardOf(view), anchor),
    update: (view: CardView) => host.update(cardOf(view)),
    hide: () => host.hide(),
    contains: (event: Event) => host.contains(event),
    hasFocus: () => host.hasFocus(),
    hasUnsavedNote: () => host.hasUnsavedNote(),
    focusFirst: () => host.focusFirst(),
    announce: (text: string) => host.announce(text),
    dispose: () => host.dispose(),
  };
}

export type CardUi = ReturnType<typeof createCardUi>;
