/**
 * What the popup, the notes view and the options page need from the rest of the extension, as plain
 * async functions returning `Result` values. Components take these as props, so unit tests hand
 * them in-memory fakes and the real ones (popup/api.ts, popup/options-api.ts) are the only place
 * that talks to the browser.
 */
import type { Kind } from '../glossary/schema';
import type {
  EntityCount,
  ExportFormat,
  ExportedFile,
  ImportPreview,
  ImportResult,
  NoteSort,
  NotesPage,
  RelatedEntry,
  SiteCount,
  TagCount,
} from '../messaging/background-protocol';
import type { PageEntity } from '../messaging/content-protocol';
import type { Result } from '../messaging/result';
import type { Note } from '../storage/notes';

/** The filters of the notes list; an absent field does not filter. */
export interface NotesFilters {
  /** `null`: only notes on passages that are not glossary names. */
  readonly entryId?: string | null;
  readonly kind?: Kind;
  readonly tag?: string;
  readonly site?: string;
}

/** One page of the notes list: the query, filters and order, and which notes of the result. */
export interface NotesListRequest extends NotesFilters {
  readonly query?: string;
  readonly sort: NoteSort;
  readonly offset: number;
  /** Always given: the list never asks for every note at once. */
  readonly limit: number;
}

export interface NotesApi {
  listNotes(request: NotesListRequest): Promise<Result<NotesPage>>;
  listTags(): Promise<Result<TagCount[]>>;
  listSites(): Promise<Result<SiteCount[]>>;
  listNoteEntities(): Promise<Result<EntityCount[]>>;
  getEntries(ids: string[]): Promise<Result<RelatedEntry[]>>;
  /** `tags` left out keeps the note's tags. */
  updateNote(id: string, text: string, tags?: readonly string[]): Promise<Result<Note>>;
  /** Puts back the note's previous version (text and tags). */
  undoEdit(id: string): Promise<Result<Note>>;
  /** Resolves to the deleted note, which `restoreNote` puts back. */
  deleteNote(id: string): Promise<Result<Note>>;
  restoreNote(note: Note): Promise<Result<Note>>;
}

/** Export and import of the notes, for the notes view. */
export interface TransferApi {
  exportNotes(format: ExportFormat): Promise<Result<ExportedFile>>;
  /** What importing the file would do; changes nothing. */
  previewImport(text: string): Promise<Result<ImportPreview>>;
  applyImport(text: string): Promise<Result<ImportResult>>;
}

/** The content script of one tab. */
export interface PageApi {
  getPageEntities(): Promise<Result<PageEntity[]>>;
  /** `true` when the page scrolled to the entity and opened its card. */
  revealEntity(entryId: string): Promise<Result<boolean>>;
}

/** The per-site on/off setting. */
export interface SiteApi {
  isEnabled(host: string): Promise<Result<boolean>>;
  setEnabled(host: string, enabled: boolean): Promise<Result<null>>;
}

export interface PopupActions {
  openNotesTab(): Promise<Result<null>>;
  openOptions(): Promise<Result<null>>;
  /** Called once the popup has done its job (an entity revealed, the notes tab opened). */
  done(): void;
}

/**
 * Backstory on the target tab's site: still being read, on, off, or unknown (no host to ask about,
 * or the setting could not be read).
 */
export type SiteState = 'loading' | 'on' | 'off' | 'unknown';
