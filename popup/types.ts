/**
 * What the popup and the notes view need from the rest of the extension, as plain async functions
 * returning `Result` values. Components take these as props, so unit tests hand them in-memory fakes
 * and the real ones (popup/api.ts) are the only place that talks to the browser.
 */
import type { RelatedEntry } from '../messaging/background-protocol';
import type { PageEntity } from '../messaging/content-protocol';
import type { Result } from '../messaging/result';
import type { Note } from '../storage/notes';

export interface NotesApi {
  /** All notes, newest first; with `query`, those whose text, page title or URL contains it. */
  listNotes(query?: string): Promise<Result<Note[]>>;
  getEntries(ids: string[]): Promise<Result<RelatedEntry[]>>;
  updateNote(id: string, text: string): Promise<Result<Note>>;
  /** Resolves to the deleted note, which `restoreNote` puts back. */
  deleteNote(id: string): Promise<Result<Note>>;
  restoreNote(note: Note): Promise<Result<Note>>;
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
  /** Called once the popup has done its job (an entity revealed, the notes tab opened). */
  done(): void;
}

/**
 * Backstory on the target tab's site: still being read, on, off, or unknown (no host to ask about,
 * or the setting could not be read).
 */
export type SiteState = 'loading' | 'on' | 'off' | 'unknown';
