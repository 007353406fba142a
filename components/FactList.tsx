import type { Fact } from '../glossary/schema';

export interface FactListProps {
  readonly facts: readonly Fact[];
}

/** An entry's key facts as a definition list. */
export function FactList({ facts }: FactListProps) {
  if (facts.length === 0) return null;
  return (
    <dl class="facts">
      {facts.map((f, i) => (
        <div key={i}>
          <dt>{f.label}</dt>
          <dd>
            {f.value}
            {f.from !== undefined && <span class="since"> (since {f.from.slice(0, 4)})</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
