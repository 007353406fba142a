/**
 * Backstory on one page: scans and marks the glossary's names, opens cards on hover and from the
 * keyboard, and answers the popup. Everything it registers ends when `signal` aborts.
 */
import type { GlossaryIndex } from '../glossary/compile';
import { Card } from '../components/Card';
import { compileMatcher, type Matcher } from '../matcher/matcher';
import type { CardData } from '../messaging/background-protocol';
import type { PageEntity } from '../messaging/content-protocol';
import type { Result } from '../messaging/result';
import type { Note } from '../storage/notes';
import { createCardHost } from './card-host';
import { createHighlighter } from './highlighter';
import { mentionRect, pieceAt } from './hit-test';
import { createHoverIntent } from './hover-intent';
import { countEntities, createScanner, type PageMention, type PageMentions } from './scan';
import { publicationDate } from './page-date';

/** What the page needs from the background. */
export interface CardApi {
  getCard(entryId: string): Promise<Result<CardData>>;
  addNote(entryId: string, text: string, pageTitle: string): Promise<Result<Note>>;
}

export interface PageOptions {
  readonly doc: Document;
  readonly index: GlossaryIndex;
  readonly api: CardApi;
  readonly signal: AbortSignal;
  /** A matcher compiled once per content script, reused when the page is turned off and on. */
  readonly matcher?: Matcher;
}

interface OpenCard {
  readonly mention: PageMention;
  entryId: string;
  data: CardData | null;
  error: string | null;
  /** Where focus goes back to when a card opened from the keyboard closes. */
  readonly returnFocus: Element | null;
  readonly viaKeyboard: boolean;
}

const EMPTY: PageMentions = { list: [], byNode: new Map() };

export function startPage({ doc, index, api, signal, matcher = compileMatcher(index.terms) }: PageOptions) {
  const win = doc.defaultView ?? window;
  const highlighter = createHighlighter();
  let mentions = EMPTY;
  let current = -1;
  let open: OpenCard | null = null;
  const prefetched = new Map<string, Promise<Result<CardData>>>();
  // Read once: cards speak for the day the article was published.
  const asOf = publicationDate(doc, doc.location?.href ?? '');
  const listen = { capture: true, signal } as const;

  const fetchCard = (entryId: string) => {
    let pending = prefetched.get(entryId);
    if (!pending) {
      pending = api.getCard(entryId);
      prefetched.set(entryId, pending);
    }
    return pending;
  };

  const host = createCardHost(doc, (inside) => intent.pointerInCard(inside));
  const intent = createHoverIntent<PageMention>(
    {
      onIntentStart: (m) => void fetchCard(index.ids[m.entry]!),
      open: (m) => openCard(m, false),
      close: () => closeCard(false, true),
    },
    { set: (fn, ms) => win.setTimeout(fn, ms), clear: (id) => win.clearTimeout(id) },
  );

  function renderCard() {
    if (!open) return;
    const state = open;
    return (
      <Card
        key={state.entryId}
        data={state.data}
        error={state.error}
        asOf={asOf}
        name={index.names[index.ids.indexOf(state.entryId)] ?? ''}
        onClose={() => closeCard(true)}
        onOpenRelated={(id) => loadInto(state, id)}
        onAddNote={async (entryId, text) => {
          const result = await api.addNote(entryId, text, doc.title);
          prefetched.delete(entryId);
          return result;
        }}
      />
    );
  }

  function loadInto(state: OpenCard, entryId: string) {
    state.entryId = entryId;
    state.data = null;
    state.error = null;
    host.update(renderCard());
    void fetchCard(entryId).then((result) => {
      if (open !== state || state.entryId !== entryId) return;
      prefetched.delete(entryId);
      if (result.ok) state.data = result.value;
      else state.error = result.error.message;
      host.update(renderCard());
    });
  }

  let lastPoint: { x: number; y: number } | undefined;

  function openCard(mention: PageMention, viaKeyboard: boolean) {
    const entryId = index.ids[mention.entry]!;
    open = {
      mention,
      entryId,
      data: null,
      error: null,
      returnFocus: viaKeyboard ? doc.activeElement : null,
      viaKeyboard,
    };
    const near = viaKeyboard ? undefined : lastPoint;
    host.show(renderCard(), {
      getBoundingClientRect: () => mentionRect(mention.range, near),
      contextElement: mention.startNode.parentElement,
    });
    loadInto(open, entryId);
    if (viaKeyboard) {
      intent.setShown(mention);
      host.announce(
        `${index.names[mention.entry]}: card open. Press Tab to move into it, Escape to close it.`,
      );
    }
  }

  /** `gentle` closes (pointer gone, click elsewhere) keep a card whose note is not saved yet. */
  function closeCard(restoreFocus: boolean, gentle = false) {
    if (!open) return;
    if (gentle && host.hasUnsavedNote()) {
      intent.setShown(open.mention);
      return;
    }
    const { returnFocus, viaKeyboard } = open;
    const focusWasInCard = host.hasFocus();
    open = null;
    host.hide();
    intent.setShown(null);
    highlighter.setCurrent(null);
    if (viaKeyboard && (restoreFocus || focusWasInCard) && returnFocus instanceof HTMLElement) {
      returnFocus.focus();
    }
  }

  function reveal(position: number): boolean {
    const mention = mentions.list[position];
    if (!mention) return false;
    current = position;
    closeCard(false);
    highlighter.setCurrent(mention.range);
    const rect = mentionRect(mention.range);
    if (rect.top < 0 || rect.bottom > win.innerHeight) {
      win.scrollBy({ top: rect.top - win.innerHeight / 3, behavior: 'instant' });
    }
    openCard(mention, true);
    return true;
  }

  // Pointer: hit-test at most once a frame, on the reader's own moves only.
  let frame = 0;
  doc.addEventListener(
    'pointermove',
    (e) => {
      if (!e.isTrusted || e.pointerType === 'touch') return;
      if (host.contains(e)) return;
      lastPoint = { x: e.clientX, y: e.clientY };
      if (frame === 0) {
        frame = win.requestAnimationFrame(() => {
          frame = 0;
          if (!lastPoint) return;
          const piece = pieceAt(doc, mentions.byNode, lastPoint.x, lastPoint.y);
          intent.pointerOver(piece?.mention ?? null);
        });
      }
    },
    { ...listen, passive: true },
  );
  doc.addEventListener(
    'pointerdown',
    (e) => {
      if (e.isTrusted && open && !host.contains(e)) closeCard(false, true);
    },
    listen,
  );
  doc.addEventListener(
    'keydown',
    (e) => {
      if (!e.isTrusted || !open) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        if (host.hasUnsavedNote()) {
          host.announce('Your note is not saved yet: save it, or cancel it, before closing the card.');
          return;
        }
        closeCard(true);
      } else if (e.key === 'Tab' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
        if (open.viaKeyboard && !host.hasFocus() && host.focusFirst()) e.preventDefault();
      }
    },
    listen,
  );

  // Scanning in slices, then keeping the marks true as the page changes (scan.ts). It stops on
  // `signal` by itself.
  const scanner = createScanner({ doc, matcher, painter: highlighter, signal });
  mentions = scanner.mentions;

  signal.addEventListener(
    'abort',
    () => {
      win.cancelAnimationFrame(frame);
      intent.dispose();
      host.dispose();
      highlighter.dispose();
    },
    { once: true },
  );

  const ready = scanner.ready;

  return {
    /** Resolves when the first scan has painted. */
    ready,
    entities(): PageEntity[] {
      return countEntities(mentions.list, index);
    },
    /** Moves to the next mention in reading order and opens its card. */
    next(): boolean {
      if (mentions.list.length === 0) return false;
      return reveal((current + 1) % mentions.list.length);
    },
    /** Moves to the next mention of one entry and opens its card. */
    reveal(entryId: string): boolean {
      const entry = index.ids.indexOf(entryId);
      const n = mentions.list.length;
      for (let step = 1; step <= n; step++) {
        const position = (current + step + n) % n;
        if (mentions.list[position]!.entry === entry) return reveal(position);
      }
      return false;
    },
  };
}

export type BackstoryPage = ReturnType<typeof startPage>;
