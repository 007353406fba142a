/**
 * Names and kinds of the reader's own entries for the notes view. The background knows only the
 * bundled glossary, so notes about `reader-…` entries would be headed by their ids; the view fills
 * in what the reader's glossary (storage.local) says.
 */
import type { EntityCount, NotesPage, RelatedEntry } from '../messaging/background-protocol';
import { ok, type Result } from '../messaging/result';
import { READER_ID_PREFIX, readReaderEntries, type ReaderGlossary } from '../storage/reader-entries';

export type ReaderNames = () => Promise<ReadonlyMap<string, RelatedEntry>>;

/** Reads the reader's entries once per `ttlMs`, so a list of pages does not read storage per page. */
export function createReaderNames(
  read: () => Promise<ReaderGlossary> = () => readReaderEntries(),
  ttlMs = 2_000,
  now: () => number = Date.now,
): ReaderNames {
  let cached: { at: number; names: Promise<ReadonlyMap<string, RelatedEntry>> } | null = null;
  return () => {
    if (!cached || now() - cached.at > ttlMs) {
      const names = read()
        .then((g) => new Map(g.entries.map((e) => [e.id, { id: e.id, name: e.name, kind: e.kind }] as const)))
        .catch(() => new Map<string, RelatedEntry>());
      cached = { at: now(), names };
    }
    return cached.names;
  };
}

const isReader = (id: string | null): id is string => id !== null && id.startsWith(READER_ID_PREFIX);

/** A page of notes with the reader's own entries among its entities. */
export async function withReaderEntities(
  page: Result<NotesPage>,
  names: ReaderNames,
): Promise<Result<NotesPage>> {
  if (!page.ok) return page;
  const known = new Set(page.value.entities.map((e) => e.id));
  const wanted = [...new Set(page.value.notes.map((n) => n.entryId))].filter(
    (id): id is string => isReader(id) && !known.has(id),
  );
  if (wanted.length === 0) return page;
  const reader = await names();
  const extra = wanted.flatMap((id) => (reader.has(id) ? [reader.get(id)!] : []));
  return ok({ ...page.value, entities: [...page.value.entities, ...extra] });
}

/** Entity counts with the reader's own entries named. */
export async function withReaderCounts(
  counts: Result<EntityCount[]>,
  names: ReaderNames,
): Promise<Result<EntityCount[]>> {
  if (!counts.ok || !counts.value.some((c) => isReader(c.entryId) && c.kind === null)) return counts;
  const reader = await names();
  return ok(
    counts.value.map((c) => {
      const entry = c.entryId === null || c.kind !== null ? undefined : reader.get(c.entryId);
      return entry ? { ...c, name: entry.name, kind: entry.kind } : c;
    }),
  );
}

/** Glossary lookups that also know the reader's own entries. */
export async function withReaderEntries(
  ids: readonly string[],
  found: Result<RelatedEntry[]>,
  names: ReaderNames,
): Promise<Result<RelatedEntry[]>> {
  if (!found.ok) return found;
  const known = new Set(found.value.map((e) => e.id));
  const wanted = ids.filter((id) => isReader(id) && !known.has(id));
  if (wanted.length === 0) return found;
  const reader = await names();
  return ok([...found.value, ...wanted.flatMap((id) => (reader.has(id) ? [reader.get(id)!] : []))]);
}
