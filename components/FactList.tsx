import type { FactLine } from '../glossary/facts';

export interface FactListProps {
  readonly lines: readonly FactLine[];
}

/** An entry's key facts as a definition list, each with when it held and, if changed, today's value. */
export function FactList({ lines }: FactListProps) {
  if (lines.length === 0) return null;
  return (
    <dl class="facts">
      {lines.map((f, i) => (
        <div key={i}>
          <dt>{f.label}</dt>
          <dd>
            {f.value}
            {f.when !== undefined && <span class="since"> ({f.when})</span>}
            {f.today !== undefined && <span class="today"> · today: {f.today}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
