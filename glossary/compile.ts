/**
 * Turns validated entries into the two things the extension ships: the small index the content
 * script matches with (every tab pays for it) and the details the background serves to cards.
 */
import type { Term } from '../matcher/matcher';
import { foldUnit, normaliseText } from '../matcher/text';
import type { Entry, Kind } from './schema';

/** What every tab loads: names and terms, no summaries or facts. */
export interface GlossaryIndex {
  readonly ids: readonly string[];
  readonly names: readonly string[];
  readonly kinds: readonly Kind[];
  readonly terms: readonly Term[];
}

/** The key two aliases collide on when they fold to the same text. */
export function foldKey(text: string): string {
  const n = normaliseText(text);
  let out = '';
  for (let i = 0; i < n.length; i++) out += String.fromCharCode(foldUnit(n.charCodeAt(i)));
  return out;
}

export function compileIndex(entries: readonly Entry[]): GlossaryIndex {
  const position = new Map(entries.map((e, i) => [e.id, i]));
  const terms: Term[] = [];
  entries.forEach((e, entry) => {
    const seen = new Set<string>();
    for (const alias of [{ text: e.name }, ...e.aliases] as const) {
      const key = `${alias.text}\u0000${'requires' in alias ? (alias.requires?.join() ?? '') : ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const requires =
        'requires' in alias && alias.requires ? alias.requires.map((id) => position.get(id)!) : undefined;
      terms.push({
        text: alias.text,
        entry,
        case: ('case' in alias && alias.case) || 'upper-ok',
        ...(requires ? { requires } : {}),
      });
    }
  });
  return {
    ids: entries.map((e) => e.id),
    names: entries.map((e) => e.name),
    kinds: entries.map((e) => e.kind),
    terms,
  };
}
