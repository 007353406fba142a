/**
 * The matcher: text in, glossary mentions out. Pure — no DOM, no browser APIs — so it runs the same
 * in the content script, in unit tests and in the `spot` command.
 *
 * Terms are compiled into a character trie over folded text. A scan starts only at word starts and
 * follows the trie as far as the text allows, so its cost grows with the text, not with the number of
 * terms. The longest term that ends on a word boundary wins; matches never overlap.
 */
import type { CaseRule } from '../glossary/schema';
import { foldUnit, isSpaceUnit, isWordUnit, normaliseText } from './text';

export interface Term {
  /** The alias as written in the glossary. */
  readonly text: string;
  /**
   * Index of the glossary entry it names. A negative value marks a cue: a word that is never marked
   * itself but lets conditional terms count (`cueKey`).
   */
  readonly entry: number;
  readonly case: CaseRule;
  /**
   * Keys (entry indexes, or cue keys) one of which must be present on the page for this term to
   * count: an entry named by an unconditional term, or a cue word.
   */
  readonly requires?: readonly number[];
}

export interface Candidate {
  readonly start: number;
  readonly end: number;
  /** Terms that fit the text here, in glossary order; resolution picks the first whose condition holds. */
  readonly terms: readonly number[];
}

/** The key of cue number `index` in `Term.entry` and `Term.requires`. */
export const cueKey = (index: number): number => -(index + 1);

export interface Mention {
  readonly start: number;
  readonly end: number;
  readonly entry: number;
  readonly term: number;
}

interface TrieNode {
  readonly next: Map<number, TrieNode>;
  /** Terms ending here. */
  ends: number[] | null;
}

export interface Matcher {
  readonly terms: readonly Term[];
  /** Every place in `text` where some term fits, longest first, without overlaps. */
  scan(text: string): Candidate[];
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

export function compileMatcher(terms: readonly Term[]): Matcher {
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
