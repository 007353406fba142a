import { useId, useLayoutEffect, useRef } from 'preact/hooks';

export interface MutedEntitiesProps {
  /** Muted entry ids, in the order they were muted. */
  readonly muted: readonly string[];
  /** Names by id; an id without a name is shown as it is (an entry the glossary no longer has). */
  readonly names: ReadonlyMap<string, string>;
  readonly onUnmute: (entryId: string) => void;
}

/** Names the reader muted from their cards: never marked, until unmuted here. */
export function MutedEntities({ muted, names, onUnmute }: MutedEntitiesProps) {
  const headingId = useId();
  const list = useRef<HTMLUListElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // The button goes away with its name; once the list has changed, focus moves to a neighbour.
  const focusAt = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (focusAt.current === null) return;
    const buttons = list.current?.querySelectorAll('button');
    const next = buttons?.[Math.min(focusAt.current, buttons.length - 1)];
    focusAt.current = null;
    (next ?? heading.current)?.focus();
  }, [muted]);

  function unmute(id: string, index: number) {
    focusAt.current = index;
    onUnmute(id);
  }

  const sorted = [...muted].sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b));

  return (
    <section class="options-section" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        Muted names
      </h2>
      {muted.length === 0 ? (
        <p class="quiet">
          None. “Mute” in a name’s card stops Backstory marking it; muted names are listed here.
        </p>
      ) : (
        <ul class="plain-list" aria-labelledby={headingId} ref={list}>
          {sorted.map((id, i) => {
            const name = names.get(id) ?? id;
            return (
              <li key={id}>
                <span>{name}</span>
                <button type="button" aria-label={`Unmute ${name}`} onClick={() => unmute(id, i)}>
                  Unmute
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
