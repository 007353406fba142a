/**
 * Backstory on one page: scans and marks the glossary's names as the reader's settings say, opens
 * cards on hover and from the keyboard, finds the page's notes again and marks their passages, opens
 * a note card on a selection, and answers the popup. Everything it registers ends when `signal` aborts.
 */
import type { GlossaryIndex } from '../glossary/compile';
import { compileMatcher, type Matcher } from '../matcher/matcher';
import type { BackgroundParams, CardData } from '../messaging/background-protocol';
import type { PageEntity } from '../messaging/content-protocol';
import type { Result } from '../messaging/result';
import type { Note } from '../storage/notes';
import { DEFAULT_SETTINGS, type Settings } from '../storage/settings';
import type { CardAnchor } from './card-host';
import type { CardModule } from './card-code';
import type { CardUi, CardView } from './card-ui';
import { createHighlighter } from './highlighter';
import { mentionRect, pieceAt } from './hit-test';
import { createHoverIntent } from './hover-intent';
import { countEntities, createScanner, type PageMention, type PageMentions, type Scanner } from './scan';

/** What the page needs from the background (and the settings store). */
export interface CardApi {
  getCard(entryId: string): Promise<Result<CardData>>;
  addNote(note: BackgroundParams<'addNote'>): Promise<Result<Note>>;
  /** The notes written on this page. */
  notesForPage(): Promise<Result<Note[]>>;
  /** Stops marking an entry everywhere (the reader's settings). */
  mute(entryId: string): Promise<void>;
}

/** Highlight name of passages with notes (style in highlights.css). */
export const HIGHLIGHT_NOTE = 'backstory-note';

/** A stretch of the page with the reader's notes on it (or about to be). */
interface Passage {
  readonly range: Range;
  readonly quote: string;
  notes: Note[];
}

/** What the pointer can rest on: a marked name or a passage with notes. */
type Target = PageMention | Passage;
/**
 * The most a hit test's lateness takes off the open delay: about a frame. A page that kept the main
 * thread busy for longer does not make the card open at once.
 */
const MAX_FRAME_MS = 50;

const isPassage = (t: Target): t is Passage => 'notes' in t;

export interface PageOptions {
  readonly doc: Document;
  readonly index: GlossaryIndex;
  readonly api: CardApi;
  readonly signal: AbortSignal;
  /**
   * The card's code (`card-code.ts`): loaded when a card is first wanted (the pointer starts
   * resting on a name, a keyboard command, a note on a selection) or the page has notes.
   */
  readonly loadCardCode: () => Promise<CardModule>;
  /** A matcher compiled once per content script, reused when the page is turned off and on. */
  readonly matcher?: Matcher;
  /** The reader's settings when the page starts; `setSettings` applies later changes. */
  readonly settings?: Settings;
  /** Bundled entries the reader hid: never marked. */
  readonly hiddenEntries?: ReadonlySet<string>;
}

interface PassageView {
  readonly passage: Passage;
  readonly startEditing: boolean;
  save(text: string): Promise<Result<Note>>;
}

interface OpenCard {
  readonly target: Target;
  /** Renders a new card (fresh state) for each opening. */
  readonly serial: number;
  /** For a passage card: its passage and how its notes are saved. */
  readonly passage?: PassageView;
  /** The entry shown, for an entity card ('' for a passage). */
  entryId: string;
  data: CardData | null;
  error: string | null;
  /** Where focus goes back to when a card opened from the keyboard closes. */
  readonly returnFocus: Element | null;
  readonly viaKeyboard: boolean;
}

/** The card's code once loaded, with this page's card host and date. */
interface LoadedCard {
  readonly module: CardModule;
  readonly ui: CardUi;
  /** The page's publication date: cards speak for that day. */
  readonly asOf: string | null;
}

const EMPTY: PageMentions = { list: [], byNode: new Map() };

export function startPage({
  doc,
  index,
  api,
  signal,
  loadCardCode,
  matcher = compileMatcher(index.terms),
  settings: initialSettings = DEFAULT_SETTINGS,
  hiddenEntries = new Set<string>(),
}: PageOptions) {
  const win = doc.defaultView ?? window;
  const highlighter = createHighlighter();
  let mentions = EMPTY;
  let current = -1;
  let open: OpenCard | null = null;
  let serial = 0;
  const here = doc.location?.href ?? '';

  // ---- the reader's settings --------------------------------------------------------------
  let settings = initialSettings;
  let muted = new Set(settings.mutedEntries);
  let hiddenKinds = new Set(settings.hiddenKinds);
  /** The first mention of each entry, for "mark the first of each"; dropped when mentions change. */
  let firsts: Set<PageMention> | null = null;
  // Ids are worked out on first use (glossary/pack.ts): a reader who mutes nothing never needs them here.
  const entityShown = (entry: number) =>
    !hiddenKinds.has(index.kinds[entry]!) &&
    (muted.size === 0 || !muted.has(index.ids[entry]!)) &&
    (hiddenEntries.size === 0 || !hiddenEntries.has(index.ids[entry]!));
  const firstMentions = () => {
    if (firsts) return firsts;
    const seen = new Set<number>();
    firsts = new Set();
    for (const m of mentions.list) {
      if (seen.has(m.entry)) continue;
      seen.add(m.entry);
      firsts.add(m);
    }
    return firsts;
  };
  /** Whether a mention counts at all: it is hit-tested, counted and visited from the keyboard. */
  const allowed = (m: PageMention) =>
    entityShown(m.entry) && (settings.markEvery === 'all' || firstMentions().has(m));
  /** Whether a mention is painted: "hover-only" paints only the one under the pointer. */
  const show = (m: PageMention) => settings.markingStyle !== 'hover-only' && allowed(m);
  highlighter.setBackground(settings.markingStyle === 'background');
  let scanner: Scanner | null = null;

  // ---- passages with notes ------------------------------------------------------------------
  const noteMarks = new Highlight();
  CSS.highlights.set(HIGHLIGHT_NOTE, noteMarks);
  const passages: Passage[] = [];
  function addPassage(passage: Passage) {
    passages.push(passage);
    noteMarks.add(passage.range);
  }
  function passageAt(x: number, y: number): Passage | null {
    for (const p of passages) {
      for (const r of p.range.getClientRects()) {
        if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return p;
      }
    }
    return null;
  }

  const prefetched = new Map<string, Promise<Result<CardData>>>();
  const listen = { capture: true, signal } as const;

  const fetchCard = (entryId: string) => {
    let pending = prefetched.get(entryId);
    if (!pending) {
      pending = api.getCard(entryId);
      prefetched.set(entryId, pending);
    }
    return pending;
  };

  // ---- the card's code: not in the content script, loaded when a card is first wanted ----------
  /** Here once loaded; until then no card is on the page. */
  let code: LoadedCard | null = null;
  /**
   * Whether the reader has moved the pointer into the open card (not the card moving under a
   * resting pointer, which it does as it follows its name while the page scrolls).
   */
  let readerInCard = false;
  let loading: Promise<LoadedCard> | null = null;
  function cardCode(): Promise<LoadedCard> {
    loading ??= loadCardCode().then(
      (module) => {
        code = {
          module,
          ui: module.createCardUi(doc, (inside) => {
            if (!inside) readerInCard = false;
            intent.pointerInCard(inside);
          }),
          // Read once: cards speak for the day the article was published.
          asOf: module.publicationDate(doc, here),
        };
        return code;
      },
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
    return loading;
  }
  /** Shows `state`'s card with the card's code: at once when it is here, else once loaded (if still wanted). */
  function whenCardCode(state: OpenCard, show: (ui: CardUi) => void) {
    if (code) {
      show(code.ui);
      return;
    }
    void cardCode().then(
      (loaded) => {
        if (open === state && !signal.aborted) show(loaded.ui);
      },
      (error: unknown) => {
        console.error('Backstory: the card could not be loaded', error);
        if (open === state) closeCard(false);
      },
    );
  }
  const asOf = () => code?.asOf ?? null;
  const inCard = (e: Event) => code?.ui.contains(e) ?? false;

  const intent = createHoverIntent<Target>(
    {
      onIntentStart: (t) => {
        // Both are ready before the intent delay ends, so the first card opens as fast as later ones.
        void cardCode().catch(() => undefined);
        if (!isPassage(t)) void fetchCard(index.ids[t.entry]!);
      },
      open: (t) => (isPassage(t) ? openPassage(t, false) : openCard(t, false)),
      close: () => closeCard(false, true),
    },
    { set: (fn, ms) => win.setTimeout(fn, ms), clear: (id) => win.clearTimeout(id) },
    Object.is,
    () => settings.intentDelayMs,
  );

  function cardView(state: OpenCard): CardView {
    if (state.passage) {
      const view = state.passage;
      return {
        kind: 'passage',
        key: String(state.serial),
        quote: view.passage.quote,
        notes: view.passage.notes,
        startEditing: view.startEditing,
        here,
        onAddNote: (text) => view.save(text),
        onClose: () => closeCard(true),
      };
    }
    const mention = state.target as PageMention;
    return {
      kind: 'entity',
      key: `${state.serial}:${state.entryId}`,
      data: state.data,
      error: state.error,
      asOf: asOf(),
      here,
      name: index.names[index.ids.indexOf(state.entryId)] ?? '',
      onClose: () => closeCard(true),
      onOpenRelated: (id) => loadInto(state, id),
      onMute: (id) => mute(id),
      onAddNote: async (entryId, text) => {
        // A note on the mention's own entry remembers where it was written: the mention's words with
        // their context, so the note is found again on this page.
        const located =
          entryId === index.ids[mention.entry]
            ? (code?.module.quoteOfRange(doc, mention.range) ?? null)
            : null;
        const result = await api.addNote({
          entryId,
          text,
          pageTitle: doc.title,
          quote: located?.quote ?? null,
          pageDate: asOf(),
        });
        prefetched.delete(entryId);
        if (result.ok && located)
          addPassage({ range: located.range, quote: located.quote.exact, notes: [result.value] });
        return result;
      },
    };
  }

  function mute(entryId: string) {
    muted.add(entryId);
    settings = { ...settings, mutedEntries: [...muted] };
    closeCard(true);
    scanner?.repaint();
    void api.mute(entryId);
  }

  function loadInto(state: OpenCard, entryId: string) {
    state.entryId = entryId;
    state.data = null;
    state.error = null;
    code?.ui.update(cardView(state));
    void fetchCard(entryId).then((result) => {
      if (open !== state || state.entryId !== entryId) return;
      prefetched.delete(entryId);
      if (result.ok) state.data = result.value;
      else state.error = result.error.message;
      code?.ui.update(cardView(state));
    });
  }

  let lastPoint: { x: number; y: number } | undefined;
  /** Where the last pointer move was, in the card or not. */
  let lastMove: { x: number; y: number } | undefined;

  function openCard(mention: PageMention, viaKeyboard: boolean) {
    const entryId = index.ids[mention.entry]!;
    const state: OpenCard = {
      target: mention,
      serial: ++serial,
      entryId,
      data: null,
      error: null,
      returnFocus: viaKeyboard ? doc.activeElement : null,
      viaKeyboard,
    };
    open = state;
    const near = viaKeyboard ? undefined : lastPoint;
    const anchor: CardAnchor = {
      getBoundingClientRect: () => mentionRect(mention.range, near),
      contextElement: mention.startNode.parentElement,
    };
    whenCardCode(state, (ui) => {
      ui.show(cardView(state), anchor);
      if (viaKeyboard) {
        ui.announce(
          `${index.names[mention.entry]}: card open. Press Tab to move into it, Escape to close it.`,
        );
      }
    });
    loadInto(state, entryId);
    // "Off until hover": the name under the pointer is the one painted.
    if (!viaKeyboard && settings.markingStyle === 'hover-only') highlighter.setCurrent(mention.range);
    if (viaKeyboard) intent.setShown(mention);
  }

  /**
   * A passage card: on hover over a passage with notes, or (`save` given) on a fresh selection, where
   * it stays until closed, since the reader asked for it.
   */
  function openPassage(passage: Passage, fresh: boolean, save?: (text: string) => Promise<Result<Note>>) {
    const view: PassageView = {
      passage,
      startEditing: fresh,
      save:
        save ??
        (async (text) => {
          const result = await api.addNote({
            entryId: null,
            text,
            pageTitle: doc.title,
            // The quote as first saved: its context finds the passage as well next time.
            quote: passage.notes[0]?.quote ?? { exact: passage.quote, prefix: '', suffix: '' },
            pageDate: asOf(),
          });
          if (result.ok) passage.notes = [result.value, ...passage.notes];
          return result;
        }),
    };
    const state: OpenCard = {
      target: passage,
      serial: ++serial,
      passage: view,
      entryId: '',
      data: null,
      error: null,
      returnFocus: null,
      viaKeyboard: false,
    };
    open = state;
    sticky = fresh;
    const near = fresh ? undefined : lastPoint;
    const anchor: CardAnchor = {
      getBoundingClientRect: () => mentionRect(passage.range, near),
      contextElement: passage.range.startContainer.parentElement,
    };
    whenCardCode(state, (ui) => {
      ui.show(cardView(state), anchor);
      if (fresh) ui.announce('Note card open on the selected text. Type your note; Escape closes the card.');
    });
  }

  /** A card the reader asked for (a note on a selection): hovering elsewhere neither closes nor replaces it. */
  let sticky = false;

  /** `gentle` closes (pointer gone, click elsewhere) keep a card whose note is not saved yet. */
  function closeCard(restoreFocus: boolean, gentle = false) {
    if (!open) return;
    const ui = code?.ui;
    if (gentle && ui?.hasUnsavedNote()) {
      intent.setShown(open.target);
      return;
    }
    sticky = false;
    readerInCard = false;
    const { returnFocus, viaKeyboard } = open;
    const focusWasInCard = ui?.hasFocus() ?? false;
    open = null;
    ui?.hide();
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

  // Pointer: hit-test at most once a frame, on the reader's own moves only. The pointer has been
  // where it is since its last move, up to a frame before the test: the open delay counts from then.
  let frame = 0;
  let movedAt = 0;
  doc.addEventListener(
    'pointermove',
    (e) => {
      if (!e.isTrusted || e.pointerType === 'touch') return;
      // The browser's own moves after a scroll, the pointer where it was: names (or the card)
      // scrolling under a resting pointer are not the reader pointing at them.
      const still = lastMove !== undefined && e.clientX === lastMove.x && e.clientY === lastMove.y;
      lastMove = { x: e.clientX, y: e.clientY };
      if (still) return;
      if (inCard(e)) {
        readerInCard = true;
        return;
      }
      lastPoint = lastMove;
      movedAt = e.timeStamp;
      if (frame === 0) {
        frame = win.requestAnimationFrame(() => {
          frame = 0;
          if (!lastPoint) return;
          if (sticky) return;
          const piece = pieceAt(doc, mentions.byNode, lastPoint.x, lastPoint.y);
          const mention = piece && allowed(piece.mention) ? piece.mention : null;
          const target = mention ?? (passages.length > 0 ? passageAt(lastPoint.x, lastPoint.y) : null);
          intent.pointerOver(target, Math.min(performance.now() - movedAt, MAX_FRAME_MS));
        });
      }
    },
    { ...listen, passive: true },
  );
  doc.addEventListener(
    'pointerdown',
    (e) => {
      if (e.isTrusted && open && !inCard(e)) closeCard(false, true);
    },
    listen,
  );
  // A card opened by the pointer is about the name under it: when the page (or a box holding the
  // name) scrolls, the name moves away and the card closes, gently (a note being written keeps
  // it), unless the reader is in the card. Following the name instead moved a fixed box under the
  // pointer every frame, and Chromium then hit-tests the page for hover every frame: 40-60 ms a
  // frame on a page of 50,000 paragraphs.
  doc.addEventListener(
    'scroll',
    (e) => {
      if (!open || open.viaKeyboard || sticky || readerInCard || code?.ui.hasFocus()) return;
      const node = isPassage(open.target) ? open.target.range.startContainer : open.target.startNode;
      const scroller = e.target;
      if (scroller !== doc && !(scroller instanceof Node && scroller.contains(node))) return;
      closeCard(false, true);
    },
    { ...listen, passive: true },
  );
  // Touch has no hover: a tap on a marked name opens its card at once.
  doc.addEventListener(
    'pointerup',
    (e) => {
      if (!e.isTrusted || e.pointerType !== 'touch' || inCard(e) || open) return;
      const piece = pieceAt(doc, mentions.byNode, e.clientX, e.clientY);
      if (!piece || !allowed(piece.mention)) return;
      lastPoint = { x: e.clientX, y: e.clientY };
      openCard(piece.mention, false);
      intent.setShown(piece.mention);
    },
    listen,
  );
  doc.addEventListener(
    'keydown',
    (e) => {
      if (!e.isTrusted || !open) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        if (code?.ui.hasUnsavedNote()) {
          code.ui.announce('Your note is not saved yet: save it, or cancel it, before closing the card.');
          return;
        }
        closeCard(true);
      } else if (e.key === 'Tab' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
        if (open.viaKeyboard && code && !code.ui.hasFocus() && code.ui.focusFirst()) e.preventDefault();
      }
    },
    listen,
  );

  // Scanning in slices, then keeping the marks true as the page changes (scan.ts). It stops on
  // `signal` by itself.
  scanner = createScanner({
    doc,
    matcher,
    painter: highlighter,
    signal,
    show,
    onChange: () => {
      if (settings.markEvery !== 'first') return;
      firsts = null;
      scanner?.repaint();
    },
  });
  mentions = scanner.mentions;
  if (settings.markEvery === 'first') {
    firsts = null;
    scanner.repaint();
  }

  // Notes of this page whose passage was not found (yet): a page that loads its text late gets
  // another look when its text changes, a limited number of times (a note whose passage is gone
  // would otherwise have a live page read again and again).
  let unanchored: Note[] = [];
  let retryTimer = 0;
  let retries = 0;
  const RETRY_MS = 1_000;
  const MAX_RETRIES = 20;
  let lateText: MutationObserver | null = null;

  function anchor(module: CardModule, notes: readonly Note[]) {
    const { passages: found, placed } = module.findPassages(doc, notes);
    for (const p of found) addPassage({ range: p.range, quote: p.quote, notes: p.notes });
    unanchored = notes.filter((n) => n.quote !== null && !placed.has(n));
    if (unanchored.length === 0 || retries >= MAX_RETRIES) {
      lateText?.disconnect();
      lateText = null;
    } else if (!lateText) {
      lateText = new MutationObserver(retryAnchors);
      lateText.observe(doc.body, { childList: true, subtree: true, characterData: true });
    }
  }

  /** After the page's text changed, at most once a second: look again for the notes not found yet. */
  function retryAnchors() {
    if (unanchored.length === 0 || retryTimer !== 0 || signal.aborted) return;
    retryTimer = win.setTimeout(() => {
      retryTimer = 0;
      retries++;
      if (!signal.aborted && code) anchor(code.module, unanchored);
    }, RETRY_MS);
  }

  /** Finds the page's notes again (after the first scan, so the page has settled) and marks them. */
  async function anchorNotes() {
    const result = await api.notesForPage();
    if (!result.ok || signal.aborted || result.value.length === 0) return;
    // A page with notes needs the card's code now: it finds their passages, and shows their cards.
    const { module } = await cardCode();
    if (!signal.aborted) anchor(module, result.value);
  }

  signal.addEventListener(
    'abort',
    () => {
      win.cancelAnimationFrame(frame);
      intent.dispose();
      code?.ui.dispose();
      highlighter.dispose();
      win.clearTimeout(retryTimer);
      lateText?.disconnect();
      noteMarks.clear();
      if (CSS.highlights.get(HIGHLIGHT_NOTE) === noteMarks) CSS.highlights.delete(HIGHLIGHT_NOTE);
    },
    { once: true },
  );

  const ready = scanner.ready;
  /** Resolves when the page's notes have been looked for and their passages marked. */
  const notesReady = ready.then(anchorNotes).catch((error: unknown) => {
    console.error('Backstory: notes of this page', error);
  });

  return {
    /** Resolves when the first scan has painted. */
    ready,
    notesReady,
    entities(): PageEntity[] {
      return countEntities(
        mentions.list.filter((m) => entityShown(m.entry)),
        index,
      );
    },
    /** Moves to the next mention in reading order and opens its card. */
    next(): boolean {
      const n = mentions.list.length;
      for (let step = 1; step <= n; step++) {
        const position = (current + step) % n;
        if (allowed(mentions.list[position]!)) return reveal(position);
      }
      return false;
    },
    /** Moves to the next mention of one entry and opens its card. */
    reveal(entryId: string): boolean {
      const entry = index.ids.indexOf(entryId);
      const n = mentions.list.length;
      for (let step = 1; step <= n; step++) {
        const position = (current + step + n) % n;
        const m = mentions.list[position]!;
        if (m.entry === entry && allowed(m)) return reveal(position);
      }
      return false;
    },
    /** Applies changed settings at once: marks, what is hit-tested, the hover delay. */
    setSettings(next: Settings) {
      settings = next;
      muted = new Set(next.mutedEntries);
      hiddenKinds = new Set(next.hiddenKinds);
      firsts = null;
      highlighter.setBackground(next.markingStyle === 'background');
      scanner?.repaint();
      if (open && !isPassage(open.target) && !allowed(open.target)) closeCard(false);
    },
    /**
     * Opens a note card on the reader's selection ("Add note to selection"). False when nothing in
     * the page's text is selected.
     */
    async noteOnSelection(): Promise<boolean> {
      const selection = doc.getSelection();
      // A selection inside a form field reports no text of the page's own.
      if (!selection || selection.rangeCount === 0 || selection.toString().trim() === '') return false;
      // Taken now: the reader may change the selection while the card's code loads.
      const selected = selection.getRangeAt(0).cloneRange();
      const { module } = await cardCode();
      if (signal.aborted) return false;
      const located = module.quoteOfRange(doc, selected);
      if (!located) return false;
      const { quote, range } = located;
      // A selection that is exactly a marked name makes a note about that entity.
      const exact = (mentions.byNode.get(range.startContainer as Text) ?? []).find(
        (p) =>
          p.start === range.startOffset &&
          p.mention.range.endContainer === range.endContainer &&
          p.mention.range.endOffset === range.endOffset,
      );
      const entryId = exact ? index.ids[exact.mention.entry]! : null;
      const passage: Passage = { range, quote: quote.exact, notes: [] };
      closeCard(false);
      openPassage(passage, true, async (note) => {
        const result = await api.addNote({
          entryId,
          text: note,
          pageTitle: doc.title,
          quote,
          pageDate: asOf(),
        });
        if (result.ok) {
          if (passage.notes.length === 0) addPassage(passage);
          passage.notes = [result.value, ...passage.notes];
          if (entryId !== null) prefetched.delete(entryId);
        }
        return result;
      });
      return true;
    },
  };
}

export type BackstoryPage = ReturnType<typeof startPage>;
