/** The pages the reader's notes on one entity came from, for the entity's page in the notes view. */
import { ok, type Result } from '../messaging/result';
import { pageKey, siteOf } from '../storage/note-model';
import type { Note } from '../storage/notes';
import type { NotesApi } from './types';

export interface Source {
  /** The page's address as the newest note on it has it. */
  readonly url: string;
  readonly title: string;
  readonly site: string;
  /** The page's publication day, when a note recorded it. */
  readonly pageDate: string | null;
  /** Notes written on it. */
  readonly count: number;
  /** When the newest of them was written. */
  readonly latest: number;
}

/** One source per page (same address without fragment or tracking parameters); most notes first, then newest. */
export function groupSources(notes: readonly Note[]): Source[] {
  const pages = new Map<string, Source>();
  for (const note of notes) {
    if (note.pageUrl === '') continue;
    const key = pageKey(note.pageUrl);
    const old = pages.get(key);
    const newer = !old || note.createdAt > old.latest;
    pages.set(key, {
      url: newer ? note.pageUrl : old.url,
      title: (newer ? note.pageTitle : old.title) || old?.title || note.pageTitle || note.pageUrl,
      site: siteOf(note.pageUrl),
      pageDate: old?.pageDate ?? note.pageDate,
      count: (old?.count ?? 0) + 1,
      latest: Math.max(old?.latest ?? 0, note.createdAt),
    });
  }
  return [...pages.values()].sort((a, b) => b.count - a.count || b.latest - a.latest);
}

export interface EntitySources {
  readonly sources: Source[];
  /** Notes looked at; less than `total` when the entity has more than the limit. */
  readonly counted: number;
  readonly total: number;
}

/** Reads the entity's notes page by page (never all at once), up to `max` of them. */
export async function loadSources(
  api: Pick<NotesApi, 'listNotes'>,
  entryId: string,
  { pageSize = 500, max = 5_000 } = {},
): Promise<Result<EntitySources>> {
  const notes: Note[] = [];
  let total = Infinity;
  while (notes.length < Math.min(total, max)) {
    const page = await api.listNotes({
      entryId,
      sort: 'newest',
      offset: notes.length,
      limit: Math.min(pageSize, max - notes.length),
    });
    if (!page.ok) return page;
    total = page.value.total;
    if (page.value.notes.length === 0) break;
    notes.push(...page.value.notes);
  }
  return ok({
    sources: groupSources(notes),
    counted: notes.length,
    total: Number.isFinite(total) ? total : 0,
  });
}
