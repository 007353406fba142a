/**
 * Requests the background answers, from content scripts and from the extension's own pages.
 * One schema per request validates what arrives; the TypeScript types follow from the schemas.
 */
import * as v from 'valibot';
import type { Entry, Kind } from '../glossary/schema';
import { KINDS } from '../glossary/schema';
import {
  isSafePageUrl,
  MAX_HISTORY,
  MAX_NOTE_TEXT,
  MAX_QUOTE_CONTEXT,
  MAX_QUOTE_EXACT,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  type Note,
} from '../storage/note-model';
import type { ExportFormat, ExportedFile, ImportPreview, ImportResult } from '../notes-format/types';

export type { Note, NoteVersion, TextQuoteSelector } from '../storage/note-model';

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const NoteText = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(MAX_NOTE_TEXT));
const Time = v.pipe(v.number(), v.integer(), v.minValue(0));
const PageTitle = v.pipe(v.string(), v.maxLength(2_000));
const Tags = v.pipe(v.array(v.pipe(v.string(), v.maxLength(MAX_TAG_LENGTH * 2))), v.maxLength(MAX_TAGS * 2));
const PageDate = v.nullable(v.pipe(v.string(), v.isoDate('the page date is YYYY-MM-DD')));

export const QuoteSchema = v.strictObject({
  exact: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_QUOTE_EXACT)),
  prefix: v.pipe(v.string(), v.maxLength(MAX_QUOTE_CONTEXT)),
  suffix: v.pipe(v.string(), v.maxLength(MAX_QUOTE_CONTEXT)),
});

export const NoteVersionSchema = v.strictObject({
  text: v.pipe(v.string(), v.maxLength(MAX_NOTE_TEXT)),
  tags: v.optional(Tags),
  updatedAt: Time,
});

/** A whole note, as `deleteNote` returned it; `restoreNote` takes it back. */
export const NoteSchema = v.strictObject({
  id: Id,
  entryId: v.nullable(Id),
  text: NoteText,
  tags: Tags,
  createdAt: Time,
  updatedAt: Time,
  pageUrl: v.pipe(v.string(), v.maxLength(8_192), v.check(isSafePageUrl, 'not a page address')),
  pageTitle: PageTitle,
  pageDate: PageDate,
  quote: v.nullable(QuoteSchema),
  history: v.pipe(v.array(NoteVersionSchema), v.maxLength(MAX_HISTORY)),
});

export const SORTS = ['newest', 'oldest', 'updated', 'entity'] as const;
export type NoteSort = (typeof SORTS)[number];

export const EXPORT_FORMATS = ['json', 'markdown', 'jsonld'] as const;

/** Import files larger than this are refused before they are read (characters of text). */
export const MAX_IMPORT_CHARS = 20_000_000;
const ImportText = v.pipe(
  v.string(),
  v.maxLength(
    MAX_IMPORT_CHARS,
    'The file is larger than 20 MB, more than any notes export; it was not read.',
  ),
);

export const ListNotesSchema = v.strictObject({
  /** Words that must all appear in the note text, quote, tags, entity name, page title or site. */
  query: v.optional(v.pipe(v.string(), v.maxLength(500))),
  /** Notes of this entry only; `null`: only notes not about a glossary entry (selection notes). */
  entryId: v.optional(v.nullable(Id)),
  tag: v.optional(v.pipe(v.string(), v.maxLength(MAX_TAG_LENGTH * 2))),
  /** Host name as `listSites` gives it ('' for notes written in the notes view). */
  site: v.optional(v.pipe(v.string(), v.maxLength(300))),
  kind: v.optional(v.picklist(KINDS)),
  sort: v.optional(v.picklist(SORTS), 'newest'),
  /** Pass one: without it every matching note crosses the message channel (megabytes with 10,000 notes). */
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000))),
  offset: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
});
export type NotesQuery = v.InferOutput<typeof ListNotesSchema>;

export const AddNoteSchema = v.pipe(
  v.strictObject({
    /** `null` for a note on a selection that is not a glossary name; then `quote` is required. */
    entryId: v.nullable(Id),
    text: NoteText,
    pageTitle: PageTitle,
    quote: v.optional(v.nullable(QuoteSchema), null),
    pageDate: v.optional(PageDate, null),
    tags: v.optional(Tags, []),
  }),
  v.check(
    (note) => note.entryId !== null || note.quote !== null,
    'a note that is not about a glossary entry needs the quoted text',
  ),
);

export const backgroundRequests = {
  getCard: v.strictObject({ entryId: Id }),
  addNote: AddNoteSchema,
  /** The notes written on the sender's page (its URL without fragment); the URL is never taken from the message. */
  notesForPage: v.strictObject({}),
  listNotes: ListNotesSchema,
  updateNote: v.strictObject({ id: Id, text: NoteText, tags: v.optional(Tags) }),
  undoEdit: v.strictObject({ id: Id }),
  deleteNote: v.strictObject({ id: Id }),
  restoreNote: v.strictObject({ note: NoteSchema }),
  listTags: v.strictObject({}),
  listSites: v.strictObject({}),
  /** Entities that have notes, with counts, for the entity filter and the per-entity pages. */
  listNoteEntities: v.strictObject({}),
  getEntries: v.strictObject({ ids: v.pipe(v.array(Id), v.maxLength(10_000)) }),
  /** Glossary entries whose name or an alias contains every word of `query`; for the options page. */
  searchEntries: v.strictObject({
    query: v.pipe(v.string(), v.maxLength(200)),
    limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)),
  }),
  exportNotes: v.strictObject({ format: v.picklist(EXPORT_FORMATS) }),
  previewImport: v.strictObject({ text: ImportText }),
  applyImport: v.strictObject({ text: ImportText }),
  storageStatus: v.strictObject({}),
  openNotesTab: v.strictObject({}),
} satisfies Record<string, v.GenericSchema>;

export type BackgroundRequest = keyof typeof backgroundRequests;
/** Read-only all the way down, so that callers may pass the (read-only) notes they were given. */
type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;
/** What a caller sends: optional fields may be left out. */
export type BackgroundParams<K extends BackgroundRequest> = DeepReadonly<
  v.InferInput<(typeof backgroundRequests)[K]>
>;
/** What a handler receives: defaults filled in, text trimmed. */
export type BackgroundInput<K extends BackgroundRequest> = v.InferOutput<(typeof backgroundRequests)[K]>;

export interface RelatedEntry {
  readonly id: string;
  readonly name: string;
  readonly kind: Kind;
}

export interface CardData {
  readonly entry: Entry;
  readonly related: readonly RelatedEntry[];
  /** Notes on this entry: those written on the asking page first, then the rest; newest first in each. */
  readonly notes: readonly Note[];
}

export interface NotesPage {
  /** The `limit` notes from `offset` on, in the requested order. */
  readonly notes: Note[];
  /** How many notes match the filters in all. */
  readonly total: number;
  /** The glossary entries of the notes in `notes` (entries the glossary no longer has are absent). */
  readonly entities: RelatedEntry[];
}

export interface TagCount {
  readonly tag: string;
  readonly count: number;
}
export interface SiteCount {
  readonly site: string;
  readonly count: number;
}
export interface EntityCount {
  /** `null`: notes on selections that are not glossary names. */
  readonly entryId: string | null;
  /** The entry's name; its id when the glossary no longer has it; '' for `null`. */
  readonly name: string;
  readonly kind: Kind | null;
  readonly count: number;
}

export interface StorageStatus {
  /** `navigator.storage.persisted()`; `null` when the browser can't say. */
  readonly persisted: boolean | null;
  /** Bytes used and available to the extension's origin, when the browser says. */
  readonly usage: number | null;
  readonly quota: number | null;
  readonly notes: number;
}

export interface BackgroundResults {
  getCard: CardData;
  addNote: Note;
  notesForPage: Note[];
  listNotes: NotesPage;
  updateNote: Note;
  undoEdit: Note;
  deleteNote: Note;
  restoreNote: Note;
  /** Most used first, then by name. */
  listTags: TagCount[];
  /** Most notes first, then by name. */
  listSites: SiteCount[];
  /** Most notes first, then by name. */
  listNoteEntities: EntityCount[];
  getEntries: RelatedEntry[];
  /** Names that start with the query first, then other name matches, then alias matches; by name within each. */
  searchEntries: RelatedEntry[];
  exportNotes: ExportedFile;
  previewImport: ImportPreview;
  applyImport: ImportResult;
  storageStatus: StorageStatus;
  openNotesTab: null;
}

export type { ExportFormat, ExportedFile, ImportPreview, ImportResult };

/** What content scripts may ask; everything else is for the extension's own pages. */
export const CONTENT_SCRIPT_REQUESTS: ReadonlySet<BackgroundRequest> = new Set([
  'getCard',
  'addNote',
  'notesForPage',
]);

/** The envelope on the wire; `channel` keeps our messages apart from anyone else's. */
export interface Envelope<K extends string = string> {
  readonly channel: 'backstory';
  readonly type: K;
  readonly params: unknown;
}
