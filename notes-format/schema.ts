/** The valibot schema of one note in a notes file (format version 1); README.md says the same in words. */
import * as v from 'valibot';
import {
  MAX_HISTORY,
  MAX_NOTE_TEXT,
  MAX_QUOTE_CONTEXT,
  MAX_QUOTE_EXACT,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  isSafePageUrl,
} from '../storage/note-model';

/** Latest time a file may carry: the last millisecond of year 9999, the last ISO 8601 can write plainly. */
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 date and time with a zone, read as milliseconds since the epoch. */
export const FileTime = v.pipe(
  v.string('should be a date and time like 2026-11-27T09:30:00.000Z'),
  v.regex(ISO_TIME, 'should be a date and time like 2026-11-27T09:30:00.000Z'),
  v.transform((s) => Date.parse(s)),
  v.check((ms) => Number.isFinite(ms) && ms >= 0 && ms <= MAX_TIME, 'is not a real date and time'),
);

const FileTags = v.pipe(
  v.array(
    v.pipe(
      v.string('should be text'),
      v.maxLength(MAX_TAG_LENGTH, `is longer than ${MAX_TAG_LENGTH} characters`),
    ),
    'should be a list of tags',
  ),
  v.maxLength(MAX_TAGS, `has more than ${MAX_TAGS} tags`),
);

const Quote = v.strictObject(
  {
    exact: v.pipe(
      v.string('should be text'),
      v.minLength(1, 'is empty'),
      v.maxLength(MAX_QUOTE_EXACT, `is longer than ${MAX_QUOTE_EXACT} characters`),
    ),
    prefix: v.pipe(v.string('should be text'), v.maxLength(MAX_QUOTE_CONTEXT, 'is too long')),
    suffix: v.pipe(v.string('should be text'), v.maxLength(MAX_QUOTE_CONTEXT, 'is too long')),
  },
  'should be an object with exact, prefix and suffix',
);

const Version = v.strictObject(
  {
    text: v.pipe(v.string('should be text'), v.maxLength(MAX_NOTE_TEXT, 'is too long')),
    tags: v.optional(FileTags),
    updatedAt: FileTime,
  },
  'should be an object with text and updatedAt',
);

export const NOTE_ID = /^[A-Za-z0-9_-]{1,100}$/;
const ENTRY_ID = /^[A-Za-z0-9_.:-]{1,200}$/;

export const FileNoteSchema = v.pipe(
  v.strictObject(
    {
      id: v.pipe(
        v.string('should be text'),
        v.regex(NOTE_ID, 'should be letters, digits and "-", at most 100'),
      ),
      entryId: v.nullable(
        v.pipe(v.string('should be text or null'), v.regex(ENTRY_ID, 'is not a valid entry id')),
      ),
      text: v.pipe(
        v.string('should be text'),
        v.trim(),
        v.minLength(1, 'is empty'),
        v.maxLength(MAX_NOTE_TEXT, `is longer than ${MAX_NOTE_TEXT} characters`),
      ),
      tags: FileTags,
      createdAt: FileTime,
      updatedAt: FileTime,
      pageUrl: v.pipe(
        v.string('should be text'),
        v.maxLength(8_192, 'is too long'),
        v.check(isSafePageUrl, 'should be an http, https or file address, or empty'),
      ),
      pageTitle: v.pipe(v.string('should be text'), v.maxLength(2_000, 'is too long')),
      pageDate: v.nullable(
        v.pipe(v.string('should be YYYY-MM-DD or null'), v.isoDate('should be YYYY-MM-DD or null')),
      ),
      quote: v.nullable(Quote),
      history: v.pipe(
        v.array(Version, 'should be a list of earlier versions'),
        v.maxLength(MAX_HISTORY, `has more than ${MAX_HISTORY} versions`),
      ),
    },
    'should be an object',
  ),
  v.check((n) => n.updatedAt >= n.createdAt, 'was updated before it was created (updatedAt < createdAt)'),
  v.check(
    (n) => n.entryId !== null || n.quote !== null,
    'has neither an entity (entryId) nor a quote, so it belongs nowhere',
  ),
);

export type FileNote = v.InferOutput<typeof FileNoteSchema>;

/** What a field is called in problem messages. */
export const FIELD_NAMES: Readonly<Record<string, string>> = {
  id: 'id',
  entryId: 'entity (entryId)',
  text: 'text',
  tags: 'tags',
  createdAt: 'creation time (createdAt)',
  updatedAt: 'edit time (updatedAt)',
  pageUrl: 'page address (pageUrl)',
  pageTitle: 'page title (pageTitle)',
  pageDate: 'page date (pageDate)',
  quote: 'quote',
  history: 'history',
};
