/**
 * Turns validated entries into the two things the extension ships: the small index the content
 * script matches with (every tab pays for it) and the details the background serves to cards.
 */
import { cueKey, type Term, type TermList } from '../matcher/matcher';
import { foldUnit, normaliseText } from '../matcher/text';
import type { Alias, Entry, Kind } from './schema';

/** What every tab loads: names and terms, no summaries or facts. */
export interface GlossaryIndex {
  readonly ids: readonly string[];
  readonly names: readonly string[];
  readonly kinds: readonly Kind[];
  /** Aliases, then cue words (whose `entry` is a negative cue key). */
  readonly terms: TermList;
}

/** The index as compiled from the entries, its terms a plain array (packing reads them all). */
export interface CompiledIndex extends GlossaryIndex {
  readonly terms: readonly Term[];
}

/** The key two aliases collide on when they fold to the same text. */
export function foldKey(text: string): string {
  const n = normaliseText(text);
  let out = '';
  for (let i = 0; i < n.length; i++) out += String.fromCharCode(foldUnit(n.charCodeAt(i)));
  return out;
}

/**
 * A name that is also an ordinary word or another thing ("Georgia", "Chad") is listed among the
 * aliases with conditions; that alias then replaces the name's own unconditional match.
 */
export function nameIsConditional(e: Entry): boolean {
  const key = foldKey(e.name);
  return e.aliases.some((a) => (a.requires || a.cues) && foldKey(a.text) === key);
}

export function compileIndex(entries: readonly Entry[]): CompiledIndex {
  const position = new Map(entries.map((e, i) => [e.id, i]));
  const cues = new Map<string, number>();
  const cue = (text: string) => {
    let key = cues.get(text);
    if (key === undefined) {
      key = cueKey(cues.size);
      cues.set(text, key);
    }
    return key;
  };
  const terms: Term[] = [];
  entries.forEach((e, entry) => {
    const seen = new Set<string>();
    const aliases: Alias[] = [...(nameIsConditional(e) ? [] : [{ text: e.name }]), ...e.aliases];
    for (const alias of aliases) {
      const rule = alias.case ?? 'upper-ok';
      const conditions = [...(alias.requires ?? []), ...(alias.cues ?? []).map((c) => `"${c}"`)];
      // The same text may appear twice with different rules (the name, and the name in any case).
      const key = `${alias.text}\u0000${rule}\u0000${conditions.join()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const requires =
        conditions.length > 0
          ? [...(alias.requires ?? []).map((id) => position.get(id)!), ...(alias.cues ?? []).map(cue)]
          : undefined;
      terms.push({ text: alias.text, entry, case: rule, ...(requires ? { requires } : {}) });
    }
  });
  for (const [text, key] of cues) {
    terms.push({ text, entry: key, case: text === text.toLowerCase() ? 'any' : 'upper-ok' });
  }
  return {
    ids: entries.map((e) => e.id),
    names: entries.map((e) => e.name),
    kinds: entries.map((e) => e.kind),
    terms,
  };
}
