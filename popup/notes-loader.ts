/**
 * The notes list as the view shows it: one query's results, fetched a page at a time as rows come
 * near the viewport, into a sparse array as long as the result. With 10,000 notes only the pages
 * the reader scrolls to cross the message channel.
 *
 * Typing sends each query at once, but never more than one at a time: while one is being answered
 * the newest query waits, and queries typed in between are skipped. The list thus follows the
 * keyboard as fast as the background answers, with no fixed delay. Answers to superseded queries,
 * and pages asked before a local change moved the rows, are dropped.
 */
import type { RelatedEntry } from '../messaging/background-protocol';
import type { Note } from '../storage/notes';
import { withEntries, type Names } from './notes-model';
import type { NotesApi, NotesListRequest } from './types';

export type ListQuery = Omit<NotesListRequest, 'offset' | 'limit'>;

export interface ListView {
  /** The query `items` answer; null before the first answer. */
  readonly shown: ListQuery | null;
  /** The query last asked for; differs from `shown` while its answer is on its way. */
  readonly asked: ListQuery;
  readonly status: 'loading' | 'ready' | 'failed';
  readonly error: string | null;
  readonly total: number;
  /** `total` long; `undefined` for rows not fetched yet. */
  readonly items: readonly (Note | undefined)[];
  readonly names: Names;
}

export const PAGE_SIZE = 50;

export class NotesLoader {
  private state: ListView;
  /** Goes up with each new query. */
  private generation = 0;
  /** Goes up when rows move (a note removed or put back, a new answer), so pages asked before are dropped. */
  private epoch = 0;
  private headBusy = false;
  private readonly pagesAsked = new Set<number>();
  private wanted: readonly [number, number] = [0, 0];
  private disposed = false;

  constructor(
    private readonly api: Pick<NotesApi, 'listNotes'>,
    private readonly onChange: (view: ListView) => void,
    query: ListQuery,
    private readonly pageSize = PAGE_SIZE,
  ) {
    this.state = {
      shown: null,
      asked: query,
      status: 'loading',
      error: null,
      total: 0,
      items: [],
      names: new Map(),
    };
  }

  get view(): ListView {
    return this.state;
  }

  private set(view: ListView) {
    this.state = view;
    if (!this.disposed) this.onChange(view);
  }

  dispose() {
    this.disposed = true;
  }

  /** Shows `query`'s results (the current ones stay until they arrive), from the top. */
  setQuery(query: ListQuery) {
    this.wanted = [0, this.pageSize];
    this.ask(query);
  }

  private ask(query: ListQuery) {
    this.generation++;
    this.set({ ...this.state, asked: query, status: 'loading' });
    void this.fetchHead();
  }

  /** Asks again for what is shown, after changes the view did not make itself (an import). */
  reload() {
    this.ask(this.state.asked);
  }

  private async fetchHead(): Promise<void> {
    if (this.headBusy) return; // the answer in flight starts the newest query when it arrives
    this.headBusy = true;
    const generation = this.generation;
    const query = this.state.asked;
    const result = await this.api.listNotes({ ...query, offset: 0, limit: this.pageSize });
    this.headBusy = false;
    if (this.disposed) return;
    if (generation !== this.generation) return this.fetchHead();
    if (!result.ok) {
      this.set({ ...this.state, status: 'failed', error: result.error.message });
      return;
    }
    const { notes, total, entities } = result.value;
    const items: (Note | undefined)[] = new Array<Note | undefined>(total);
    notes.forEach((note, i) => (items[i] = note));
    this.epoch++;
    this.pagesAsked.clear();
    this.set({
      shown: query,
      asked: query,
      status: 'ready',
      error: null,
      total,
      items,
      names: withEntries(this.state.names, entities),
    });
    this.ensure(...this.wanted);
  }

  /** Makes sure rows `start` to `end` (exclusive) are fetched or on their way. */
  ensure(start: number, end: number) {
    this.wanted = [start, end];
    const { status, total, items } = this.state;
    if (status !== 'ready' || total === 0) return;
    const first = Math.floor(Math.max(0, start) / this.pageSize);
    const last = Math.floor((Math.min(end, total) - 1) / this.pageSize);
    for (let page = first; page <= last; page++) {
      if (this.pagesAsked.has(page)) continue;
      const from = page * this.pageSize;
      const to = Math.min(from + this.pageSize, total);
      let missing = false;
      for (let i = from; i < to && !missing; i++) missing = items[i] === undefined;
      if (!missing) continue;
      this.pagesAsked.add(page);
      void this.fetchPage(page);
    }
  }

  private async fetchPage(page: number): Promise<void> {
    const { generation, epoch } = this;
    const query = this.state.asked;
    const offset = page * this.pageSize;
    const result = await this.api.listNotes({ ...query, offset, limit: this.pageSize });
    if (this.disposed || generation !== this.generation || epoch !== this.epoch) return;
    if (!result.ok) {
      this.set({ ...this.state, error: result.error.message });
      return;
    }
    const { notes, total, entities } = result.value;
    // Another tab may have added or removed notes meanwhile; the answer's total is the truth.
    const items = this.state.items.slice(0, total);
    items.length = total;
    notes.forEach((note, i) => {
      if (offset + i < total) items[offset + i] = note;
    });
    this.set({ ...this.state, total, items, error: null, names: withEntries(this.state.names, entities) });
  }

  private moved(items: (Note | undefined)[]) {
    this.epoch++;
    this.pagesAsked.clear();
    this.set({ ...this.state, items, total: items.length });
    this.ensure(...this.wanted);
  }

  /** A new version of a note that is in the list; it keeps its place. */
  replace(note: Note) {
    const index = this.state.items.findIndex((n) => n?.id === note.id);
    if (index < 0) return;
    const items = [...this.state.items];
    items[index] = note;
    this.set({ ...this.state, items });
  }

  /** Takes a note out of the list; returns where it was (-1 when it was not there). */
  remove(id: string): number {
    const index = this.state.items.findIndex((n) => n?.id === id);
    if (index >= 0) {
      const items = [...this.state.items];
      items.splice(index, 1);
      this.moved(items);
    }
    return index;
  }

  /** Puts a note back at `index` (where `remove` said it was). */
  insert(index: number, note: Note) {
    const items = [...this.state.items];
    items.splice(Math.min(Math.max(index, 0), items.length), 0, note);
    this.moved(items);
  }

  addNames(entries: readonly RelatedEntry[]) {
    this.set({ ...this.state, names: withEntries(this.state.names, entries) });
  }
}
