/** In-memory stand-ins for the popup's APIs, for unit tests only. */
import type { PageEntity } from '../messaging/content-protocol';
import { fail, ok, type ErrorCode, type Result } from '../messaging/result';
import type { Note } from '../storage/notes';
import { newestFirst } from './notes-model';
import type { NotesApi, PageApi, SiteApi } from './types';

let counter = 0;

export function makeNote(fields: Partial<Note> & Pick<Note, 'entryId' | 'text'>): Note {
  counter += 1;
  const time = fields.createdAt ?? Date.UTC(2025, 0, 1) + counter * 60_000;
  return {
    id: `note-${counter}`,
    createdAt: time,
    updatedAt: time,
    pageUrl: 'https://news.example/story',
    pageTitle: 'A story',
    pageDate: null,
    quote: null,
    tags: [],
    history: [],
    ...fields,
  };
}

type Failures<T> = Partial<Record<keyof T, { code: ErrorCode; message: string }>>;

export class FakeNotesApi implements NotesApi {
  notes: Note[];
  readonly names: Map<string, string>;
  /** A failure set here answers the next call of that method, once. */
  readonly failNext: Failures<NotesApi> = {};
  readonly calls: { method: keyof NotesApi; args: unknown[] }[] = [];

  constructor(notes: Note[] = [], names: Record<string, string> = {}) {
    this.notes = notes;
    this.names = new Map(Object.entries(names));
  }

  private answer<T>(method: keyof NotesApi, args: unknown[], work: () => Result<T>): Promise<Result<T>> {
    this.calls.push({ method, args });
    const failure = this.failNext[method];
    if (failure) {
      delete this.failNext[method];
      return Promise.resolve(fail(failure.code, failure.message));
    }
    return Promise.resolve(work());
  }

  listNotes(query?: string) {
    return this.answer('listNotes', [query], () => {
      const needle = query?.trim().toLocaleLowerCase();
      const all = newestFirst(this.notes);
      if (!needle) return ok(all);
      return ok(
        all.filter((n) =>
          [n.text, n.pageTitle, n.pageUrl].some((f) => f.toLocaleLowerCase().includes(needle)),
        ),
      );
    });
  }

  getEntries(ids: string[]) {
    return this.answer('getEntries', [ids], () =>
      ok(
        ids.flatMap((id) => {
          const name = this.names.get(id);
          return name ? [{ id, name, kind: 'organisation' as const }] : [];
        }),
      ),
    );
  }

  updateNote(id: string, text: string) {
    return this.answer('updateNote', [id, text], () => {
      const old = this.notes.find((n) => n.id === id);
      if (!old) return fail('not-found', 'That note no longer exists.');
      const note = { ...old, text, updatedAt: old.updatedAt + 1 };
      this.notes = this.notes.map((n) => (n.id === id ? note : n));
      return ok(note);
    });
  }

  deleteNote(id: string) {
    return this.answer('deleteNote', [id], () => {
      const old = this.notes.find((n) => n.id === id);
      if (!old) return fail('not-found', 'That note no longer exists.');
      this.notes = this.notes.filter((n) => n.id !== id);
      return ok(old);
    });
  }

  restoreNote(note: Note) {
    return this.answer('restoreNote', [note], () => {
      this.notes = [...this.notes.filter((n) => n.id !== note.id), note];
      return ok(note);
    });
  }
}

export class FakePageApi implements PageApi {
  readonly revealed: string[] = [];
  constructor(
    public entities: Result<PageEntity[]>,
    public reveal: Result<boolean> = ok(true),
  ) {}

  getPageEntities() {
    return Promise.resolve(this.entities);
  }

  revealEntity(entryId: string) {
    this.revealed.push(entryId);
    return Promise.resolve(this.reveal);
  }
}

export class FakeSiteApi implements SiteApi {
  readonly disabled = new Set<string>();
  failWrites: string | null = null;
  failReads: string | null = null;

  isEnabled(host: string): Promise<Result<boolean>> {
    if (this.failReads) return Promise.resolve(fail('storage', this.failReads));
    return Promise.resolve(ok(!this.disabled.has(host)));
  }

  setEnabled(host: string, enabled: boolean): Promise<Result<null>> {
    if (this.failWrites) return Promise.resolve(fail('storage', this.failWrites));
    if (enabled) this.disabled.delete(host);
    else this.disabled.add(host);
    return Promise.resolve(ok(null));
  }
}
