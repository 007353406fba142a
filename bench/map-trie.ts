/**
 * The matcher as it was before the packed trie (commit 89e0f42): a character trie of Maps, compiled
 * from the terms in every tab. Kept for the benchmark's comparison only.
 */
import type { Candidate, Matcher, Term } from '../matcher/matcher';
import { foldUnit, isSpaceUnit, isWordUnit, normaliseText } from '../matcher/text';

interface TrieNode {
  readonly next: Map<number, TrieNode>;
  /** Terms ending here. */
  ends: number[] | null;
}

function newNode(): TrieNode {
  return { next: new Map(), ends: null };
}

function caseFits(surface: string, term: Term): boolean {
  if (term.case === 'any') return true;
  const seen = normaliseText(surface);
  const written = normaliseText(term.text);
  if (seen === written) return true;
  return term.case === 'upper-ok' && seen === written.toUpperCase();
}

export function compileMapTrie(terms: readonly Term[]): Matcher {
  const root = newNode();
  terms.forEach((term, index) => {
    const key = normaliseText(term.text);
    let node = root;
    for (let i = 0; i < key.length; i++) {
      const code = foldUnit(key.charCodeAt(i));
      let child = node.next.get(code);
      if (!child) {
        child = newNode();
        node.next.set(code, child);
      }
      node = child;
    }
    (node.ends ??= []).push(index);
  });

  function longestAt(text: string, start: number): Candidate | null {
    let node: TrieNode | undefined = root;
    let best: Candidate | null = null;
    let prevSpace = false;
    for (let i = start; i < text.length; i++) {
      const raw = text.charCodeAt(i);
      const space = isSpaceUnit(raw);
      // A run of white space walks one space edge.
      if (space && prevSpace) continue;
      prevSpace = space;
      node = node.next.get(space ? 0x20 : foldUnit(raw));
      if (!node) break;
      if (node.ends === null) continue;
      const end = i + 1;
      // A term ending in a word unit must not run on into a longer word ("Nato" in "Natoli").
      if (isWordUnit(raw) && end < text.length && isWordUnit(text.charCodeAt(end))) continue;
      const surface = text.slice(start, end);
      const fitting = node.ends.filter((t) => caseFits(surface, terms[t]!));
      if (fitting.length > 0) best = { start, end, terms: fitting };
    }
    return best;
  }

  return {
    terms,
    scan(text) {
      const found: Candidate[] = [];
      let prevWord = false;
      for (let i = 0; i < text.length; i++) {
        const word = isWordUnit(text.charCodeAt(i));
        if (word && !prevWord) {
          const hit = longestAt(text, i);
          if (hit) {
            found.push(hit);
            i = hit.end - 1;
            prevWord = isWordUnit(text.charCodeAt(i));
            continue;
          }
        }
        prevWord = word;
      }
      return found;
    },
  };
}
