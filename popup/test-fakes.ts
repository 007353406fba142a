/** In-memory stand-ins for the popup's, notes view's and options page's APIs, for unit tests only. */
import { createNotesQuery } from '../background/notes-query';
import type { Kind } from '../glossary/schema';
import type {
  EntityCount,
  ExportFormat,
  ImportPreview,
  RelatedEntry,
} from '../messaging/background-protocol';
import type { PageEntity } from '../messaging/content-protocol';
import { fail, ok, type ErrorCode, type Result } from '../messaging/result';
import { normalizeTags, siteOf } from '../storage/note-model';
import type { Note } from '../storage/notes';
import type { NotesApi, NotesListRequest, PageApi, SiteApi, TransferApi } from './types';

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

/** An entry's name, or its name and kind (organisation when not given). */
export type FakeEntry = string | { readonly name: string; readonly kind: Kind };

/** The background's notes requests over an array, searched and sorted by the background's own code. */
export class FakeNotesApi implements NotesApi {
  notes: Note[];
  readonly entries: Map<string, RelatedEntry>;
  /** A failure set here answers the next call of that method, once. */
  readonly failNext: Failures<NotesApi> = {};
  readonly calls: { method: keyof NotesApi; args: unknown[] }[] = [];
  /** Milliseconds each answer waits, to let tests see what happens in between. */
  delayMs = 0;
  private readonly query = createNotesQuery((id) => this.entries.get(id));

  constructor(notes: Note[] = [], entries: Record<string, FakeEntry> = {}) {
    this.notes = notes;
    this.entries = new Map(
      Object.entries(entries).map(([id, e]) => [
        id,
        typeof e === 'string' ? { id, name: e, kind: 'organisation' } : { id, ...e },
      ]),
    );
  }

  private async answer<T>(
    method: keyof NotesApi,
    args: unknown[],
    work: () => Result<T>,
  ): Promise<Result<T>> {
    this.calls.push({ method, args });
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const failure = this.failNext[method];
    if (failure) {
      delete this.failNext[method];
      return fail(failure.code, failure.message);
    }
    return work();
  }

  listNotes(request: NotesListRequest) {
    return this.answer('listNotes', [request], () => ok(this.query([...this.notes], request)));
  }

  listTags() {
    return this.answer('listTags', [], () => {
      const counts = new Map<string, number>();
      for (const n of this.notes) for (const t of n.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
      return ok(
        [...counts]
          .map(([tag, count]) => ({ tag, count }))
          .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag)),
      );
    });
  }

  listSites() {
    return this.answer('listSites', [], () => {
      const counts = new Map<string, number>();
      for (const n of this.notes) counts.set(siteOf(n.pageUrl), (counts.get(siteOf(n.pageUrl)) ?? 0) + 1);
      return ok(
        [...counts]
          .map(([site, count]) => ({ site, count }))
          .sort((a, b) => b.count - a.count || a.site.localeCompare(b.site)),
      );
    });
  }

  listNoteEntities() {
    return this.answer('listNoteEntities', [], () => {
      const counts = new Map<string | null, number>();
      for (const n of this.notes) counts.set(n.entryId, (counts.get(n.entryId) ?? 0) + 1);
      return ok(
        [...counts]
          .map(([entryId, count]): EntityCount => {
            const e = entryId === null ? undefined : this.entries.get(entryId);
            return { entryId, name: e?.name ?? entryId ?? '', kind: e?.kind ?? null, count };
          })
          .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
      );
    });
  }

  getEntries(ids: string[]) {
    return this.answer('getEntries', [ids], () =>
      ok(ids.flatMap((id) => (this.entries.has(id) ? [this.entries.get(id)!] : []))),
    );
  }

  private change(id: string, make: (old: Note) => Note | null): Result<Note> {
    const old = this.notes.find((n) => n.id === id);
    if (!old) return fail('not-found', 'That note no longer exists.');
    const note = make(old);
    if (!note) return fail('not-found', 'This note has no earlier version to go back to.');
    this.notes = this.notes.map((n) => (n.id === id ? note : n));
    return ok(note);
  }

  updateNote(id: string, text: string, tags?: readonly string[]) {
    return this.answer('updateNote', [id, text, tags], () =>
      this.change(id, (old) => ({
        ...old,
        text,
        tags: tags === undefined ? old.tags : normalizeTags(tags),
        updatedAt: old.updatedAt + 1,
        history: [...old.history, { text: old.text, tags: old.tags, updatedAt: old.updatedAt }],
      })),
    );
  }

  undoEdit(id: string) {
    return this.answer('undoEdit', [id], () =>
      this.change(id, (old) => {
        const last = old.history.at(-1);
        if (!last) return null;
        return {
          ...old,
          text: last.text,
          tags: last.tags ?? old.tags,
          updatedAt: old.updatedAt + 1,
          history: old.history.slice(0, -1),
        };
      }),
    );
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

export const emptyPreview = (fields: Partial<ImportPreview> = {}): ImportPreview => ({
  total: 0,
  toAdd: 0,
  toUpdate: 0,
  alreadyPresent: 0,
  keptNewer: 0,
  invalid: 0,
  problems: [],
  moreProblems: 0,
  unknownEntries: [],
  exportedAt: null,
  ...fields,
});

/** Export gives a fixed file per format; import answers with `preview` (or `refuse`), and records what it got. */
export class FakeTransferApi implements TransferApi {
  readonly exported: ExportFormat[] = [];
  readonly previewed: string[] = [];
  readonly applied: string[] = [];
  preview: ImportPreview = emptyPreview({ total: 2, toAdd: 2 });
  /** A message the next preview and apply fail with. */
  refuse: string | null = null;
  exportFailure: string | null = null;

  async exportNotes(format: ExportFormat) {
    this.exported.push(format);
    if (this.exportFailure) return fail('storage', this.exportFailure);
    const ext = format === 'json' ? 'json' : format === 'markdown' ? 'md' : 'jsonld';
    return ok({
      filename: `backstory-notes-2026-11-27.${ext}`,
      mimeType: 'text/plain',
      text: `${format} file`,
    });
  }

  async previewImport(text: string) {
    this.previewed.push(text);
    return this.refuse ? fail('invalid', this.refuse) : ok(this.preview);
  }

  async applyImport(text: string) {
    this.applied.push(text);
    return this.refuse ? fail('invalid', this.refuse) : ok(this.preview);
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
