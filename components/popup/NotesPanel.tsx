import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { NoteSort } from '../../messaging/background-protocol';
import type { Note } from '../../storage/notes';
import { NotesLoader, type ListQuery, type ListView } from '../../popup/notes-loader';
import { entityName, noteLabel, type Names } from '../../popup/notes-model';
import type { NotesApi, NotesFilters } from '../../popup/types';
import { NoteFilters, type FilterChoices } from './NoteFilters';
import { NoteItem } from './NoteItem';
import { VirtualList } from './VirtualList';

export interface NotesPanelProps {
  readonly api: NotesApi;
  /** How long "Note deleted. Undo" stays offered. */
  readonly undoMs?: number;
  /** Filters always applied and not offered: the entity page's entity. */
  readonly fixed?: NotesFilters;
  /** The popup: filters folded away and the list in a box of its own; the notes tab scrolls the page. */
  readonly compact?: boolean;
  /** Where an entity's name links to; null: not a link. */
  readonly entityHref?: (entryId: string) => string | null;
  /** '_blank' where a link must not replace the view (the popup). */
  readonly linkTarget?: '_blank';
  /** Goes up when notes changed elsewhere (an import): the list and its filters are asked again. */
  readonly refresh?: number;
  readonly heading?: string;
  readonly headingLevel?: 2 | 3;
  /** Notes fetched per request. */
  readonly pageSize?: number;
  /** Height assumed for a note not yet on screen. */
  readonly rowEstimate?: number;
  /** Told after this panel changed notes (edit, undo, delete, restore). */
  readonly onNotesChanged?: () => void;
}

type FocusTarget =
  | { readonly kind: 'undo' }
  | { readonly kind: 'note'; readonly id: string }
  | { readonly kind: 'search' }
  | null;

const NO_ITEMS: readonly (Note | undefined)[] = [];
const NO_NAMES: Names = new Map();
const EMPTY: FilterChoices = { entities: [], tags: [], sites: [] };
const queryKey = (q: ListQuery | null) => (q === null ? '' : JSON.stringify(q));

/** "Your notes": search as you type, filters and order, a virtualised list, edit, undo, delete with undo. */
export function NotesPanel({
  api,
  undoMs = 10_000,
  fixed = {},
  compact = false,
  entityHref = () => null,
  linkTarget,
  refresh = 0,
  heading = 'Your notes',
  headingLevel = 2,
  pageSize,
  rowEstimate = compact ? 150 : 140,
  onNotesChanged,
}: NotesPanelProps) {
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<NotesFilters>({});
  const [sort, setSort] = useState<NoteSort>('newest');
  const [choices, setChoices] = useState<FilterChoices | null>(null);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [deleted, setDeleted] = useState<{ note: Note; index: number } | null>(null);
  const [focusTarget, setFocusTarget] = useState<FocusTarget>(null);
  const [editing, setEditing] = useState<ReadonlySet<string>>(new Set());

  const fixedKey = JSON.stringify(fixed);
  const listQuery = (q: string, f: NotesFilters, order: NoteSort): ListQuery => ({
    ...f,
    ...fixed,
    query: q.trim(),
    sort: order,
  });
  const loader = useRef<NotesLoader | null>(null);
  const [view, setView] = useState<ListView | null>(null);
  if (loader.current === null) {
    // Asked at once, not in an effect: Preact runs effects a frame after rendering, and that frame
    // would be added to the time before the first notes show.
    loader.current = new NotesLoader(api, setView, listQuery(query, filters, sort), pageSize);
    loader.current.setQuery(listQuery(query, filters, sort));
  }

  const panel = useRef<HTMLElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const status = useRef<HTMLDivElement>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  const headingId = useId();

  useEffect(() => () => loader.current?.dispose(), []);

  /**
   * Every change of query, filter or order is sent from its event handler, for the same reason:
   * an effect would wait for the next frame. The loader keeps one request in flight and skips stale ones.
   */
  const latest = useRef({ query, filters, sort });
  latest.current = { query, filters, sort };
  function show(q: string, f: NotesFilters, order: NoteSort) {
    latest.current = { query: q, filters: f, sort: order };
    setQuery(q);
    setFilters(f);
    setSort(order);
    loader.current?.setQuery(listQuery(q, f, order));
  }

  const firstFixed = useRef(fixedKey);
  useEffect(() => {
    if (firstFixed.current === fixedKey) return;
    firstFixed.current = fixedKey;
    loader.current?.setQuery(listQuery(query, filters, sort));
  }, [fixedKey]);

  const loadChoices = useCallback(async () => {
    const [entities, tags, sites] = await Promise.all([
      api.listNoteEntities(),
      api.listTags(),
      api.listSites(),
    ]);
    setChoices({
      entities: entities.ok ? entities.value : [],
      tags: tags.ok ? tags.value : [],
      sites: sites.ok ? sites.value : [],
    });
  }, [api]);

  // The filters' counts wait for the first notes: the list is what the reader came for.
  const ready = view?.status === 'ready';
  const choicesAsked = useRef(false);
  useEffect(() => {
    if (!ready || choicesAsked.current) return;
    choicesAsked.current = true;
    void loadChoices();
  }, [ready, loadChoices]);

  const firstRefresh = useRef(true);
  useEffect(() => {
    if (firstRefresh.current) {
      firstRefresh.current = false;
      return;
    }
    loader.current?.reload();
    void loadChoices();
  }, [refresh, loadChoices]);

  function changed() {
    void loadChoices();
    onNotesChanged?.();
  }

  useEffect(() => {
    if (!deleted) return;
    const timer = setTimeout(() => {
      // The Undo button is about to vanish; keep keyboard users in the panel rather than on <body>.
      if (status.current?.contains(document.activeElement)) setFocusTarget({ kind: 'search' });
      setDeleted(null);
    }, undoMs);
    return () => clearTimeout(timer);
  }, [deleted, undoMs]);

  useLayoutEffect(() => {
    if (!focusTarget) return;
    setFocusTarget(null);
    if (focusTarget.kind === 'undo') undoButton.current?.focus();
    else if (focusTarget.kind === 'search') search.current?.focus();
    else {
      const article = [...(panel.current?.querySelectorAll<HTMLElement>('[data-note-id]') ?? [])].find(
        (el) => el.dataset.noteId === focusTarget.id,
      );
      article?.querySelector<HTMLElement>('button[data-action="edit"]')?.focus();
    }
  }, [focusTarget]);

  async function save(id: string, text: string, tags: readonly string[]) {
    const result = await api.updateNote(id, text, tags);
    if (result.ok) {
      loader.current?.replace(result.value);
      changed();
    }
    return result;
  }

  async function undoEdit(id: string) {
    const result = await api.undoEdit(id);
    if (result.ok) {
      loader.current?.replace(result.value);
      changed();
    }
    return result;
  }

  async function remove(note: Note) {
    const result = await api.deleteNote(note.id);
    if (!result.ok) {
      setActionError(`The note was not deleted: ${result.error.message}`);
      return;
    }
    setActionError(null);
    const index = loader.current?.remove(note.id) ?? -1;
    setDeleted({ note: result.value, index });
    setFocusTarget({ kind: 'undo' });
    changed();
  }

  async function undoDelete() {
    if (!deleted) return;
    const result = await api.restoreNote(deleted.note);
    if (!result.ok) {
      setActionError(`The note could not be restored: ${result.error.message}`);
      return;
    }
    setActionError(null);
    setDeleted(null);
    if (deleted.index >= 0) loader.current?.insert(deleted.index, result.value);
    else loader.current?.reload();
    setFocusTarget({ kind: 'note', id: result.value.id });
    changed();
  }

  const setEditingNote = useCallback((id: string, on: boolean) => {
    setEditing((old) => {
      if (old.has(id) === on) return old;
      const next = new Set(old);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  const showTag = (tag: string) => {
    const now = latest.current;
    show(now.query, { ...now.filters, tag }, now.sort);
    setFiltersOpen(true);
  };

  const onRangeChange = useCallback((start: number, end: number) => loader.current?.ensure(start, end), []);

  const items = view?.items ?? NO_ITEMS;
  const keyOf = useMemo(() => (i: number) => items[i]?.id ?? `row-${i}`, [items]);
  const total = view?.total ?? 0;
  const shownQuery = view?.shown?.query ?? '';
  const filtered = Object.keys(view?.shown ?? {}).some(
    (k) => !['query', 'sort'].includes(k) && !(k in fixed),
  );
  const pinned = editing.size === 0 ? [] : items.flatMap((n, i) => (n && editing.has(n.id) ? [i] : []));
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const filtersActive = Object.keys(filters).length > 0;

  let summary: string;
  if (view === null || view.shown === null) summary = view?.status === 'failed' ? '' : 'Loading notes…';
  else if (total > 0) summary = `${total.toLocaleString()} ${total === 1 ? 'note' : 'notes'}`;
  else if (shownQuery) summary = `No notes match “${shownQuery}”.`;
  else if (filtered) summary = 'No notes match these filters.';
  else if (fixed.entryId !== undefined) summary = 'No notes on this name any more.';
  else summary = 'No notes yet. Open the card of a marked name on any page to write one.';

  // Typing re-renders the panel on every key; the filters (hundreds of options) and the rows are
  // built again only when what they show changes, so a keystroke costs little more than the input.
  const filterControls = useMemo(
    () => (
      <NoteFilters
        filters={filters}
        sort={sort}
        choices={choices ?? EMPTY}
        withoutEntity={fixed.entryId !== undefined}
        entityHref={entityHref}
        linkTarget={linkTarget}
        onChange={(next, nextSort) => show(latest.current.query, next, nextSort)}
      />
    ),
    [filters, sort, choices, fixedKey, linkTarget],
  );

  const names = view?.names ?? NO_NAMES;
  const pinnedKey = pinned.join(',');
  const notesList = useMemo(
    () =>
      total > 0 && (
        <VirtualList
          count={total}
          keyOf={keyOf}
          estimate={rowEstimate}
          scroller={compact ? 'self' : 'window'}
          pinned={pinned}
          onRangeChange={onRangeChange}
          resetKey={queryKey(view?.shown ?? null)}
          label="Notes"
          class="notes"
          renderRow={(i) => {
            const note = items[i];
            if (!note) return <p class="note note-placeholder quiet">Loading note…</p>;
            return (
              <NoteItem
                note={note}
                entityName={entityName(note.entryId, names)}
                label={noteLabel(note, names)}
                entityHref={note.entryId === null ? null : entityHref(note.entryId)}
                linkTarget={linkTarget}
                onSave={save}
                onUndoEdit={undoEdit}
                onDelete={(n) => void remove(n)}
                onTag={showTag}
                onEditingChange={setEditingNote}
              />
            );
          }}
        />
      ),
    [items, names, total, view?.shown, pinnedKey, compact, rowEstimate, linkTarget],
  );

  return (
    <section
      class={`notes-panel${compact ? ' compact' : ''}`}
      aria-labelledby={headingId}
      ref={panel}
      data-status={view?.status ?? 'loading'}
      aria-busy={view?.status === 'loading'}
      data-results-for={view?.shown ? shownQuery : undefined}
    >
      <Heading id={headingId}>{heading}</Heading>
      <input
        ref={search}
        type="search"
        class="search"
        aria-label="Search notes"
        placeholder="Search notes, names, page titles"
        maxLength={500}
        value={query}
        onInput={(e) => show(e.currentTarget.value, filters, sort)}
      />
      {compact ? (
        <details
          class="filter-box"
          open={filtersOpen}
          onToggle={(e) => setFiltersOpen((e.currentTarget as HTMLDetailsElement).open)}
        >
          <summary>Filter and sort{filtersActive ? ' (filtered)' : ''}</summary>
          {filterControls}
        </details>
      ) : (
        filterControls
      )}
      <p class="result-count quiet" aria-live="polite">
        {summary}
      </p>
      {view?.error != null && (
        <p class="error" role="alert">
          Your notes could not be loaded: {view.error}
        </p>
      )}
      {actionError !== null && (
        <p class="error" role="alert">
          {actionError}
        </p>
      )}
      <div class="undo" role="status" ref={status}>
        {deleted && (
          <>
            Note deleted.{' '}
            <button type="button" ref={undoButton} onClick={() => void undoDelete()}>
              Undo
            </button>
          </>
        )}
      </div>
      {notesList}
    </section>
  );
}
