/**
 * Requests the background answers, from content scripts and from the extension's own pages.
 * One schema per request validates what arrives; the TypeScript types follow from the schemas.
 */
import * as v from 'valibot';
import type { Entry, Kind } from '../glossary/schema';
import type { Note } from '../storage/notes';

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const NoteText = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(20_000));

export const NoteSchema = v.strictObject({
  id: Id,
  entryId: Id,
  text: NoteText,
  createdAt: v.pipe(v.number(), v.integer(), v.minValue(0)),
  updatedAt: v.pipe(v.number(), v.integer(), v.minValue(0)),
  pageUrl: v.pipe(v.string(), v.maxLength(8_192)),
  pageTitle: v.pipe(v.string(), v.maxLength(2_000)),
});

export const backgroundRequests = {
  getCard: v.strictObject({ entryId: Id }),
  addNote: v.strictObject({ entryId: Id, text: NoteText, pageTitle: v.pipe(v.string(), v.maxLength(2_000)) }),
  listNotes: v.strictObject({ query: v.optional(v.pipe(v.string(), v.maxLength(500))) }),
  updateNote: v.strictObject({ id: Id, text: NoteText }),
  deleteNote: v.strictObject({ id: Id }),
  restoreNote: v.strictObject({ note: NoteSchema }),
  getEntries: v.strictObject({ ids: v.pipe(v.array(Id), v.maxLength(10_000)) }),
  openNotesTab: v.strictObject({}),
} satisfies Record<string, v.GenericSchema>;

export type BackgroundRequest = keyof typeof backgroundRequests;
export type BackgroundParams<K extends BackgroundRequest> = v.InferOutput<(typeof backgroundRequests)[K]>;

export interface RelatedEntry {
  readonly id: string;
  readonly name: string;
  readonly kind: Kind;
}

export interface CardData {
  readonly entry: Entry;
  readonly related: readonly RelatedEntry[];
  /** Notes on this entry, newest first. */
  readonly notes: readonly Note[];
}

export interface BackgroundResults {
  getCard: CardData;
  addNote: Note;
  listNotes: Note[];
  updateNote: Note;
  deleteNote: Note;
  restoreNote: Note;
  getEntries: RelatedEntry[];
  openNotesTab: null;
}

/** What content scripts may ask; everything else is for the extension's own pages. */
export const CONTENT_SCRIPT_REQUESTS: ReadonlySet<BackgroundRequest> = new Set(['getCard', 'addNote']);

/** The envelope on the wire; `channel` keeps our messages apart from anyone else's. */
export interface Envelope<K extends string = string> {
  readonly channel: 'backstory';
  readonly type: K;
  readonly params: unknown;
}
