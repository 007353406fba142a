/**
 * The reader's own glossary: entries they added (name, other names, kind, summary, optional Wikidata
 * QID) and their changes to bundled entries (hidden, or a corrected summary). Kept in
 * `storage.local`, in this browser only, like the notes; the options page edits it and the content
 * script reads it (`readReaderEntries`, `watchReaderEntries`) to mark and card the entries.
 *
 * Stored under one key, so every change is one atomic write. Whatever is stored is validated item by
 * item: a broken entry is left out instead of breaking the rest.
 *
 * The file the options page exports and imports (format `backstory-reader-glossary`, version 1):
 *
 *   { "format": "backstory-reader-glossary", "version": 1, "exportedAt": "2026-11-27T12:00:00.000Z",
 *     "entries": [{ "id": "reader-the-quad", "name": "The Quad", "aliases": ["Quad"], "kind": "organisation",
 *                   "summary": "…", "qid": "Q2984479", "createdAt": "…", "updatedAt": "…" }],
 *     "changes": [{ "entryId": "nato", "hidden": false, "summary": "…", "updatedAt": "…" }] }
 *
 * Importing merges by id (entries) and by entry id (changes): new ones are added, identical ones are
 * left alone, and where both differ the later `updatedAt` wins; everything is written at once or not
 * at all.
 */
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { KINDS, type Kind } from '../glossary/schema';
import { JsonSyntaxError, lineAndColumn, parseJson } from '../notes-format/parse-json';
import type { SettingsArea } from './settings';

export const READER_ID_PREFIX = 'reader-';
export const MAX_READER_ENTRIES = 5_000;
export const MAX_ALIASES = 50;
export const MAX_NAME_LENGTH = 200;
export const MAX_SUMMARY_LENGTH = 600;
const MAX_CHANGES = 10_000;
const KEY = 'readerGlossary';
export const READER_FILE_FORMAT = 'backstory-reader-glossary';
export const READER_FILE_VERSION = 1;
/** Larger files are refused unread: 5,000 entries of the longest kind stay well below this. */
export const MAX_READER_FILE_CHARS = 10_000_000;

export interface ReaderEntry {
  /** `reader-` and a lower-case-kebab name, so it can never be taken for a bundled entry's id. */
  readonly id: string;
  readonly name: string;
  /** Other names that count as mentions, besides `name`. */
  readonly aliases: readonly string[];
  readonly kind: Kind;
  /** May be empty: the reader may want a name marked before they have written about it. */
  readonly summary: string;
  readonly qid: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** The reader's change to a bundled entry. */
export interface BundledChange {
  readonly entryId: string;
  /** Never marked or carded. */
  readonly hidden: boolean;
  /** Shown in the card instead of the bundled summary; `null` keeps the bundled one. */
  readonly summary: string | null;
  readonly updatedAt: number;
}

export interface ReaderGlossary {
  readonly entries: readonly ReaderEntry[];
  readonly changes: readonly BundledChange[];
}

export const EMPTY_READER_GLOSSARY: ReaderGlossary = { entries: [], changes: [] };

const Time = v.pipe(v.number(), v.integer(), v.minValue(0));
const Name = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'is empty'),
  v.maxLength(MAX_NAME_LENGTH, `is longer than ${MAX_NAME_LENGTH} characters`),
);
const Summary = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(MAX_SUMMARY_LENGTH, `is longer than ${MAX_SUMMARY_LENGTH} characters`),
);
const Qid = v.nullable(
  v.pipe(v.string(), v.regex(/^Q[1-9]\d{0,11}$/, 'is not a Wikidata QID such as Q7184')),
);
const ReaderId = v.pipe(
  v.string(),
  v.maxLength(120),
  v.regex(/^reader-[a-z0-9]+(?:-[a-z0-9]+)*$/, 'is not an id of the form reader-some-name'),
);
const BundledId = v.pipe(
  v.string(),
  v.maxLength(200),
  v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'is not a glossary id'),
  v.check((id) => !id.startsWith(READER_ID_PREFIX), 'is one of your own entries, not a bundled one'),
);

const Aliases = v.pipe(v.array(Name), v.maxLength(MAX_ALIASES, `has more than ${MAX_ALIASES} other names`));

const ReaderEntrySchema = v.strictObject({
  id: ReaderId,
  name: Name,
  aliases: Aliases,
  kind: v.picklist(KINDS, 'is not one of the kinds'),
  summary: Summary,
  qid: Qid,
  createdAt: Time,
  updatedAt: Time,
});

const BundledChangeSchema = v.strictObject({
  entryId: BundledId,
  hidden: v.boolean(),
  summary: v.nullable(v.pipe(Summary, v.minLength(1, 'is empty'))),
  updatedAt: Time,
});

/** What the reader types into the entry form. */
export interface ReaderEntryInput {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly kind: Kind;
  readonly summary: string;
  /** '' or null for none. */
  readonly qid: string | null;
}

const InputSchema = v.object({
  name: Name,
  aliases: v.array(v.pipe(v.string(), v.trim())),
  kind: v.picklist(KINDS, 'is not one of the kinds'),
  summary: Summary,
  qid: v.nullable(v.pipe(v.string(), v.trim(), v.toUpperCase())),
});

export interface FieldProblem {
  /** `name`, `aliases`, `kind`, `summary`, `qid`, or '' for the entry as a whole. */
  readonly field: string;
  readonly message: string;
}

export type Checked<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: FieldProblem[] };

const FIELD_NAMES: Record<string, string> = {
  name: 'The name',
  aliases: 'Other names',
  kind: 'The kind',
  summary: 'The summary',
  qid: 'The Wikidata QID',
};

function problemsOf(issues: readonly v.BaseIssue<unknown>[]): FieldProblem[] {
  return issues.map((issue) => {
    const field = issue.path?.map((p) => String(p.key))[0] ?? '';
    return { field, message: `${FIELD_NAMES[field] ?? 'The entry'} ${issue.message}.` };
  });
}

/** Checks and tidies what the reader typed: trimmed, empty and repeated other names dropped, QID upper case. */
export function checkReaderEntryInput(input: ReaderEntryInput): Checked<ReaderEntryInput> {
  const parsed = v.safeParse(InputSchema, input);
  if (!parsed.success) return { ok: false, problems: problemsOf(parsed.issues) };
  const { name, kind, summary } = parsed.output;
  const seen = new Set([name.toLocaleLowerCase()]);
  const aliases: string[] = [];
  for (const alias of parsed.output.aliases) {
    const key = alias.toLocaleLowerCase();
    if (alias === '' || seen.has(key)) continue;
    seen.add(key);
    aliases.push(alias);
  }
  const qid = parsed.output.qid === null || parsed.output.qid === '' ? null : parsed.output.qid;
  const problems: FieldProblem[] = [];
  const aliasCheck = v.safeParse(Aliases, aliases);
  if (!aliasCheck.success) problems.push({ field: 'aliases', message: 'Other names: too many or too long.' });
  if (!v.safeParse(Qid, qid).success) {
    problems.push({ field: 'qid', message: 'The Wikidata QID is a Q followed by digits, such as Q7184.' });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { name, aliases, kind, summary, qid } };
}

/** A readable id for a new entry: `reader-` and its name in lower-case kebab, unique among `taken`. */
export function makeReaderId(name: string, taken: ReadonlySet<string>): string {
  const slug =
    name
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'entry';
  const base = `${READER_ID_PREFIX}${slug}`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Stored data as the reader's glossary; broken items are left out, one by one. */
export function parseReaderGlossary(stored: unknown): ReaderGlossary {
  if (typeof stored !== 'object' || stored === null) return EMPTY_READER_GLOSSARY;
  const { entries, changes } = stored as { entries?: unknown; changes?: unknown };
  const valid = <T>(list: unknown, schema: v.GenericSchema<unknown, T>, max: number): T[] =>
    Array.isArray(list)
      ? list
          .flatMap((item: unknown) => {
            const parsed = v.safeParse(schema, item);
            return parsed.success ? [parsed.output] : [];
          })
          .slice(0, max)
      : [];
  return {
    entries: uniqueBy(valid(entries, ReaderEntrySchema, MAX_READER_ENTRIES), (e) => e.id),
    changes: uniqueBy(valid(changes, BundledChangeSchema, MAX_CHANGES), (c) => c.entryId),
  };
}

function uniqueBy<T>(list: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return list.filter((item) => !seen.has(key(item)) && (seen.add(key(item)), true));
}

type Area = SettingsArea;
const localArea = (): Area => browser.storage.local;

export async function readReaderEntries(area: Area = localArea()): Promise<ReaderGlossary> {
  return parseReaderGlossary((await area.get(KEY))[KEY]);
}

async function write(glossary: ReaderGlossary, area: Area): Promise<ReaderGlossary> {
  const plain = { entries: [...glossary.entries], changes: [...glossary.changes] };
  await area.set({ [KEY]: plain });
  return plain;
}

/** Calls `onChange` with the reader's glossary whenever it changes, until `signal` aborts. */
export function watchReaderEntries(onChange: (glossary: ReaderGlossary) => void, signal: AbortSignal): void {
  const listener = (changes: Record<string, { newValue?: unknown }>, areaName: string) => {
    if (areaName === 'local' && KEY in changes) onChange(parseReaderGlossary(changes[KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener), { once: true });
}

export class ReaderEntryError extends Error {
  override name = 'ReaderEntryError';
  constructor(readonly problems: readonly FieldProblem[]) {
    super(problems.map((p) => p.message).join(' '));
  }
}

/**
 * Adds an entry (no `id`) or replaces the entry with `id`; returns the glossary as stored.
 * Throws `ReaderEntryError` when the input is not acceptable.
 */
export async function saveReaderEntry(
  input: ReaderEntryInput,
  id: string | null = null,
  area: Area = localArea(),
  now: () => number = Date.now,
): Promise<{ glossary: ReaderGlossary; entry: ReaderEntry }> {
  const checked = checkReaderEntryInput(input);
  if (!checked.ok) throw new ReaderEntryError(checked.problems);
  const current = await readReaderEntries(area);
  const time = now();
  const old = id === null ? undefined : current.entries.find((e) => e.id === id);
  if (id !== null && !old)
    throw new ReaderEntryError([{ field: '', message: 'That entry no longer exists.' }]);
  if (!old && current.entries.length >= MAX_READER_ENTRIES) {
    throw new ReaderEntryError([
      {
        field: '',
        message: `You already have ${MAX_READER_ENTRIES} entries of your own; remove some first.`,
      },
    ]);
  }
  const entry: ReaderEntry = {
    id: old?.id ?? makeReaderId(checked.value.name, new Set(current.entries.map((e) => e.id))),
    ...checked.value,
    createdAt: old?.createdAt ?? time,
    updatedAt: time,
  };
  const entries = old
    ? current.entries.map((e) => (e.id === entry.id ? entry : e))
    : [...current.entries, entry];
  return { glossary: await write({ ...current, entries }, area), entry };
}

export async function removeReaderEntry(id: string, area: Area = localArea()): Promise<ReaderGlossary> {
  const current = await readReaderEntries(area);
  return write({ ...current, entries: current.entries.filter((e) => e.id !== id) }, area);
}

/**
 * Hides a bundled entry or corrects its summary (`summary: null` goes back to the bundled one).
 * A change that hides nothing and corrects nothing is removed.
 */
export async function setBundledChange(
  entryId: string,
  change: { readonly hidden?: boolean; readonly summary?: string | null },
  area: Area = localArea(),
  now: () => number = Date.now,
): Promise<ReaderGlossary> {
  const current = await readReaderEntries(area);
  const old = current.changes.find((c) => c.entryId === entryId);
  const summary = change.summary === undefined ? (old?.summary ?? null) : change.summary?.trim() || null;
  const next: BundledChange = {
    entryId,
    hidden: change.hidden ?? old?.hidden ?? false,
    summary,
    updatedAt: now(),
  };
  const parsed = v.safeParse(BundledChangeSchema, next);
  if (!parsed.success) {
    throw new ReaderEntryError(problemsOf(parsed.issues).map((p) => ({ ...p, field: p.field || '' })));
  }
  const rest = current.changes.filter((c) => c.entryId !== entryId);
  const keep = next.hidden || next.summary !== null;
  return write({ ...current, changes: keep ? [...rest, next] : rest }, area);
}

export function hiddenBundledIds(glossary: ReaderGlossary): Set<string> {
  return new Set(glossary.changes.filter((c) => c.hidden).map((c) => c.entryId));
}

export function correctedSummary(glossary: ReaderGlossary, entryId: string): string | null {
  return glossary.changes.find((c) => c.entryId === entryId)?.summary ?? null;
}

// ---- the file -------------------------------------------------------------------------------------

const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => iso(ms).slice(0, 10);

export interface ReaderFile {
  readonly filename: string;
  readonly mimeType: string;
  readonly text: string;
}

/** The reader's glossary as a file; entries by name, changes by entry id, so the same data gives the same bytes. */
export function exportReaderEntries(glossary: ReaderGlossary, exportedAt: number): ReaderFile {
  const entries = [...glossary.entries]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((e) => ({
      id: e.id,
      name: e.name,
      aliases: [...e.aliases],
      kind: e.kind,
      summary: e.summary,
      qid: e.qid,
      createdAt: iso(e.createdAt),
      updatedAt: iso(e.updatedAt),
    }));
  const changes = [...glossary.changes]
    .sort((a, b) => (a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0))
    .map((c) => ({ entryId: c.entryId, hidden: c.hidden, summary: c.summary, updatedAt: iso(c.updatedAt) }));
  const file = {
    format: READER_FILE_FORMAT,
    version: READER_FILE_VERSION,
    exportedAt: iso(exportedAt),
    entries,
    changes,
  };
  return {
    filename: `backstory-my-entries-${day(exportedAt)}.json`,
    mimeType: 'application/json',
    text: `${JSON.stringify(file, null, 2)}\n`,
  };
}

const FileTime = v.pipe(
  v.string(),
  v.isoTimestamp('is not a time such as 2026-11-27T12:00:00.000Z'),
  v.transform((s) => Date.parse(s)),
  v.number(),
  v.minValue(0),
);

const FileEntrySchema = v.strictObject({
  ...ReaderEntrySchema.entries,
  createdAt: FileTime,
  updatedAt: FileTime,
});
const FileChangeSchema = v.strictObject({ ...BundledChangeSchema.entries, updatedAt: FileTime });

export interface ReaderImportProblem {
  /** 1-based line of the item in the file, when known. */
  readonly line: number | null;
  readonly message: string;
}

export interface ReaderImportPlan {
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Items here that are newer than the file's: kept. */
  readonly keptNewer: number;
  readonly invalid: number;
  readonly problems: readonly ReaderImportProblem[];
  /** The glossary after the import. */
  readonly next: ReaderGlossary;
}

export type ReaderFileRead =
  | {
      readonly ok: true;
      readonly entries: ReaderEntry[];
      readonly changes: BundledChange[];
      readonly problems: ReaderImportProblem[];
    }
  | { readonly ok: false; readonly error: string };

/** Reads an exported file; invalid items are left out and described, a wrong file is refused. */
export function readReaderEntriesFile(text: string): ReaderFileRead {
  if (text.length > MAX_READER_FILE_CHARS) {
    return { ok: false, error: 'The file is larger than 10 MB, more than any export of your entries.' };
  }
  let parsed;
  try {
    parsed = parseJson(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      const at = lineAndColumn(text, error.offset);
      return {
        ok: false,
        error: `This is not a JSON file: ${error.message} (line ${at.line}, column ${at.column}).`,
      };
    }
    throw error;
  }
  const root = parsed.value;
  if (
    typeof root !== 'object' ||
    root === null ||
    Array.isArray(root) ||
    root.format !== READER_FILE_FORMAT
  ) {
    return {
      ok: false,
      error: 'This is not an export of your own entries (a notes export is imported in the notes view).',
    };
  }
  if (typeof root.version !== 'number' || root.version > READER_FILE_VERSION) {
    return { ok: false, error: 'This file was written by a newer Backstory; update Backstory to import it.' };
  }
  const extra = Object.keys(root).filter(
    (k) => !['format', 'version', 'exportedAt', 'entries', 'changes'].includes(k),
  );
  if (extra.length > 0 || !Array.isArray(root.entries) || !Array.isArray(root.changes)) {
    return { ok: false, error: 'The file does not have the fields an export of your entries has.' };
  }
  const problems: ReaderImportProblem[] = [];
  const lineOf = (item: unknown) => {
    const start = typeof item === 'object' && item !== null ? parsed.starts.get(item) : undefined;
    return start === undefined ? null : lineAndColumn(text, start).line;
  };
  function take<T>(
    list: unknown[],
    schema: v.GenericSchema<unknown, T>,
    what: string,
    key: (t: T) => string,
  ) {
    const out: T[] = [];
    const seen = new Set<string>();
    list.forEach((item, index) => {
      const result = v.safeParse(schema, item);
      if (!result.success) {
        const issue = result.issues[0];
        const field = issue?.path?.map((p) => String(p.key)).join('.') ?? '';
        problems.push({
          line: lineOf(item),
          message: `${what} ${index + 1}: ${field ? `${field} ` : ''}${issue?.message ?? 'is not valid'}`,
        });
      } else if (seen.has(key(result.output))) {
        problems.push({ line: lineOf(item), message: `${what} ${index + 1}: repeats ${key(result.output)}` });
      } else {
        seen.add(key(result.output));
        out.push(result.output);
      }
    });
    return out;
  }
  const entries = take(root.entries, FileEntrySchema, 'entry', (e) => e.id);
  const changes = take(root.changes, FileChangeSchema, 'change', (c) => c.entryId);
  return { ok: true, entries, changes, problems };
}

const sameEntry = (a: ReaderEntry, b: ReaderEntry) =>
  a.name === b.name &&
  a.kind === b.kind &&
  a.summary === b.summary &&
  a.qid === b.qid &&
  a.aliases.length === b.aliases.length &&
  a.aliases.every((x, i) => x === b.aliases[i]);
const sameChange = (a: BundledChange, b: BundledChange) => a.hidden === b.hidden && a.summary === b.summary;

/** What importing `file` into `current` does; pure. */
export function planReaderImport(
  current: ReaderGlossary,
  file: Extract<ReaderFileRead, { ok: true }>,
): ReaderImportPlan {
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  let keptNewer = 0;
  function merge<T extends { updatedAt: number }>(
    here: readonly T[],
    incoming: readonly T[],
    key: (t: T) => string,
    same: (a: T, b: T) => boolean,
  ): T[] {
    const byKey = new Map(here.map((t) => [key(t), t]));
    for (const item of incoming) {
      const old = byKey.get(key(item));
      if (!old) {
        added++;
        byKey.set(key(item), item);
      } else if (same(old, item)) unchanged++;
      else if (item.updatedAt > old.updatedAt) {
        updated++;
        byKey.set(key(item), item);
      } else keptNewer++;
    }
    return [...byKey.values()];
  }
  const entries = merge(current.entries, file.entries, (e) => e.id, sameEntry);
  const changes = merge(current.changes, file.changes, (c) => c.entryId, sameChange);
  return {
    added,
    updated,
    unchanged,
    keptNewer,
    invalid: file.problems.length,
    problems: file.problems,
    next: { entries, changes },
  };
}

/** A one-line account of an import plan, for the options page. */
export function describeReaderImport(plan: ReaderImportPlan, applied = false): string {
  const total = plan.added + plan.updated + plan.unchanged + plan.keptNewer + plan.invalid;
  const parts: string[] = [];
  if (plan.added > 0) parts.push(`${plan.added} ${applied ? 'added' : 'new'}`);
  if (plan.updated > 0) parts.push(`${plan.updated} ${applied ? 'updated' : 'newer than yours'}`);
  if (plan.unchanged > 0) parts.push(`${plan.unchanged} already here`);
  if (plan.keptNewer > 0) parts.push(`${plan.keptNewer} kept as here (newer)`);
  if (plan.invalid > 0) parts.push(`${plan.invalid} invalid`);
  const head = `${total} ${total === 1 ? 'item' : 'items'}`;
  return parts.length > 0 ? `${head}: ${parts.join(', ')}` : head;
}

/**
 * Imports an exported file: decided against what is stored now and written in one write, or not at
 * all. Throws `ReaderEntryError` for a file that can't be read, or that would exceed the limits.
 */
export async function importReaderEntries(
  text: string,
  area: Area = localArea(),
  apply = true,
): Promise<ReaderImportPlan> {
  const file = readReaderEntriesFile(text);
  if (!file.ok) throw new ReaderEntryError([{ field: '', message: file.error }]);
  const plan = planReaderImport(await readReaderEntries(area), file);
  if (plan.next.entries.length > MAX_READER_ENTRIES) {
    throw new ReaderEntryError([
      { field: '', message: `Importing would make more than ${MAX_READER_ENTRIES} entries of your own.` },
    ]);
  }
  if (apply) await write(plan.next, area);
  return plan;
}
