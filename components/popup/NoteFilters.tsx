import type { Kind } from '../../glossary/schema';
import { KINDS } from '../../glossary/schema';
import {
  SORTS,
  type EntityCount,
  type NoteSort,
  type SiteCount,
  type TagCount,
} from '../../messaging/background-protocol';
import { KIND_LABELS, OTHER_PASSAGES, SORT_LABELS } from '../../popup/notes-model';
import type { NotesFilters } from '../../popup/types';

export interface FilterChoices {
  readonly entities: readonly EntityCount[];
  readonly tags: readonly TagCount[];
  readonly sites: readonly SiteCount[];
}

export interface NoteFiltersProps {
  readonly filters: NotesFilters;
  readonly sort: NoteSort;
  /** The values there are notes for, with counts; null while they load. */
  readonly choices: FilterChoices | null;
  readonly onChange: (filters: NotesFilters, sort: NoteSort) => void;
  /** Leave out the entity filter (the entity's own page has one entity). */
  readonly withoutEntity?: boolean;
  /** The chosen entity's page, linked beside the filter; null: no link. */
  readonly entityHref?: (entryId: string) => string | null;
  readonly linkTarget?: '_blank';
}

const NO_SITE = 'No page (written in the notes view)';

/** Select values: a prefix keeps "all" ('') apart from real values that may be '' themselves. */
const entityValue = (id: string | null | undefined) =>
  id === undefined ? '' : id === null ? 'none' : `e:${id}`;
const prefixed = (prefix: string, value: string | undefined) =>
  value === undefined ? '' : `${prefix}${value}`;
const unprefix = (value: string) => (value === '' ? undefined : value.slice(2));

function kindCounts(entities: readonly EntityCount[]): Map<Kind, number> {
  const counts = new Map<Kind, number>();
  for (const e of entities) if (e.kind !== null) counts.set(e.kind, (counts.get(e.kind) ?? 0) + e.count);
  return counts;
}

/** Filters by entity, kind, tag and site, and the order; each a labelled select with counts. */
export function NoteFilters({
  filters,
  sort,
  choices,
  onChange,
  withoutEntity = false,
  entityHref,
  linkTarget,
}: NoteFiltersProps) {
  const entities = choices?.entities ?? [];
  const tags = choices?.tags ?? [];
  const sites = choices?.sites ?? [];
  const kinds = kindCounts(entities);
  const set = (change: Partial<Record<keyof NotesFilters, unknown>>) => {
    const next: Record<string, unknown> = { ...filters, ...change };
    for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
    onChange(next as NotesFilters, sort);
  };
  const active =
    (!withoutEntity && filters.entryId !== undefined) ||
    filters.kind ||
    filters.tag !== undefined ||
    filters.site !== undefined;
  const chosen = filters.entryId ?? null;
  const chosenHref = !withoutEntity && chosen !== null && entityHref ? entityHref(chosen) : null;
  const chosenName = entities.find((e) => e.entryId === chosen)?.name ?? chosen;

  return (
    <div class="filters" role="group" aria-label="Filter and sort">
      {!withoutEntity && (
        <label>
          <span>Name</span>
          <select
            value={entityValue(filters.entryId)}
            onChange={(e) => {
              const v = e.currentTarget.value;
              set({ entryId: v === '' ? undefined : v === 'none' ? null : v.slice(2) });
            }}
          >
            <option value="">All names</option>
            {filters.entryId !== undefined && !entities.some((e) => e.entryId === filters.entryId) && (
              <option value={entityValue(filters.entryId)}>{filters.entryId ?? OTHER_PASSAGES}</option>
            )}
            {entities.map((e) => (
              <option key={e.entryId ?? ''} value={entityValue(e.entryId)}>
                {e.entryId === null ? OTHER_PASSAGES : e.name} ({e.count})
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        <span>Kind</span>
        <select
          value={filters.kind ?? ''}
          onChange={(e) => set({ kind: (e.currentTarget.value || undefined) as Kind | undefined })}
        >
          <option value="">All kinds</option>
          {KINDS.filter((k) => kinds.has(k) || filters.kind === k).map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]} ({kinds.get(k) ?? 0})
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Tag</span>
        <select
          value={prefixed('t:', filters.tag)}
          onChange={(e) => set({ tag: unprefix(e.currentTarget.value) })}
        >
          <option value="">All tags</option>
          {filters.tag !== undefined && !tags.some((t) => t.tag === filters.tag) && (
            <option value={prefixed('t:', filters.tag)}>#{filters.tag}</option>
          )}
          {tags.map((t) => (
            <option key={t.tag} value={prefixed('t:', t.tag)}>
              #{t.tag} ({t.count})
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Site</span>
        <select
          value={prefixed('s:', filters.site)}
          onChange={(e) => set({ site: unprefix(e.currentTarget.value) })}
        >
          <option value="">All sites</option>
          {filters.site !== undefined && !sites.some((s) => s.site === filters.site) && (
            <option value={prefixed('s:', filters.site)}>{filters.site || NO_SITE}</option>
          )}
          {sites.map((s) => (
            <option key={s.site} value={prefixed('s:', s.site)}>
              {s.site || NO_SITE} ({s.count})
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Order</span>
        <select value={sort} onChange={(e) => onChange(filters, e.currentTarget.value as NoteSort)}>
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {SORT_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      {active && (
        <button
          type="button"
          class="clear-filters"
          onClick={() => onChange(withoutEntity ? { entryId: filters.entryId } : {}, sort)}
        >
          Clear filters
        </button>
      )}
      {chosenHref !== null && (
        <a
          class="entity-page-link"
          href={chosenHref}
          target={linkTarget}
          rel={linkTarget ? 'noopener noreferrer' : undefined}
        >
          Everything on {chosenName}
        </a>
      )}
    </div>
  );
}
