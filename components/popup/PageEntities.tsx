import { useEffect, useId, useState } from 'preact/hooks';
import type { PageEntity } from '../../messaging/content-protocol';
import type { PageApi, SiteState } from '../../popup/types';

export interface PageEntitiesProps {
  /** The target tab's content script; null when the window has no tab to look at. */
  readonly api: PageApi | null;
  readonly site: SiteState;
  /**
   * Goes up each time the reader switches Backstory on. The page then needs a moment to mark
   * names, so the list is asked for a few times until it has some.
   */
  readonly wakeups?: number;
  readonly retryDelayMs?: number;
  /** The page scrolled to an entity and opened its card. */
  readonly onRevealed: () => void;
}

type View =
  | { readonly kind: 'loading' }
  | { readonly kind: 'off' }
  | { readonly kind: 'no-tab' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'list'; readonly entities: readonly PageEntity[] };

const ATTEMPTS_AFTER_WAKEUP = 6;

const UNREACHABLE =
  'Backstory can’t read this tab. It doesn’t run on the browser’s own pages, and a page that was ' +
  'open before Backstory was installed or updated needs reloading first.';

/** "On this page": the entities marked on the target tab, each a button that takes the reader there. */
export function PageEntities({ api, site, wakeups = 0, retryDelayMs = 250, onRevealed }: PageEntitiesProps) {
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [revealError, setRevealError] = useState<string | null>(null);
  const headingId = useId();

  useEffect(() => {
    if (!api) return setView({ kind: 'no-tab' });
    if (site === 'off') return setView({ kind: 'off' });
    if (site === 'loading') return setView({ kind: 'loading' });
    let cancelled = false;
    const attempts = wakeups > 0 ? ATTEMPTS_AFTER_WAKEUP : 1;
    void (async () => {
      for (let attempt = 1; ; attempt++) {
        const result = await api.getPageEntities();
        if (cancelled) return;
        const done = (result.ok && result.value.length > 0) || attempt >= attempts;
        if (done) {
          if (result.ok) setView({ kind: 'list', entities: result.value });
          else
            setView({
              kind: 'failed',
              message: result.error.code === 'unreachable' ? UNREACHABLE : result.error.message,
            });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
        if (cancelled) return;
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [api, site, wakeups, retryDelayMs]);

  async function reveal(entity: PageEntity) {
    if (!api) return;
    const result = await api.revealEntity(entity.entryId);
    if (result.ok && result.value) {
      setRevealError(null);
      onRevealed();
    } else if (result.ok) {
      setRevealError(`“${entity.name}” is no longer marked on the page.`);
    } else {
      setRevealError(
        result.error.code === 'unreachable'
          ? 'The page stopped answering. Reload it and try again.'
          : result.error.message,
      );
    }
  }

  return (
    <section class="page-entities" aria-labelledby={headingId}>
      <h2 id={headingId}>On this page</h2>
      {view.kind === 'loading' && <p class="quiet">Looking at the page…</p>}
      {view.kind === 'no-tab' && <p class="quiet">There is no web page in this window to look at.</p>}
      {view.kind === 'off' && <p class="quiet">Backstory is off on this site.</p>}
      {view.kind === 'failed' && <p class="quiet">{view.message}</p>}
      {view.kind === 'list' && view.entities.length === 0 && (
        <p class="quiet">No names from Backstory’s glossary on this page.</p>
      )}
      {view.kind === 'list' && view.entities.length > 0 && (
        <ul class="entities" aria-label="On this page">
          {view.entities.map((entity) => (
            <li key={entity.entryId}>
              <button type="button" class="entity" onClick={() => void reveal(entity)}>
                <span class="entity-name">{entity.name}</span>{' '}
                <span
                  class="count"
                  title={entity.count === 1 ? 'Mentioned once' : `Mentioned ${entity.count} times`}
                >
                  {entity.count}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {revealError !== null && (
        <p class="error" role="alert">
          {revealError}
        </p>
      )}
    </section>
  );
}
