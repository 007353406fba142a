/**
 * The matcher: text in, glossary mentions out. Pure — no DOM, no browser APIs — so it runs the same
 * in the content script, in unit tests and in the `spot` command.
 *
 * Terms live in a packed radix trie over folded text (automaton.ts). A scan starts only at word
 * starts and follows the trie as far as the text allows, so its cost grows with the text, not with
 * the number of terms. The longest term that ends on a word boundary and fits its case rule wins;
 * matches never overlap.
 */
import type { CaseRule } from '../glossary/schema';
import { buildTermTrie, labelUnitOf, type Trie } from './automaton';
import {
  foldedUnit,
  isWordAt,
  normaliseText,
  normaliseUnit,
  SPACE,
  SURROGATE,
  unitClass,
  WORD,
} from './text';

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

/**
 * The terms a matcher reads, by number: an array of terms, or a table that makes a term only when
 * it is asked for (the shipped index: a tab meets a few hundred of its thousands of terms).
 */
export interface TermList {
  readonly length: number;
  /** Term `t`, for 0 ≤ t < length. */
  at(t: number): Term | undefined;
}

/** Every term of a list, as an array. */
export const termsOf = (list: TermList): Term[] => Array.from({ length: list.length }, (_, t) => list.at(t)!);

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

/** What a scan finds in a text that names nothing (shared, so frozen). */
export const NO_CANDIDATES: readonly Candidate[] = Object.freeze([]);

export interface Matcher {
  readonly terms: TermList;
  /**
   * Every place in `text` where some term fits, longest first, without overlaps. Most texts of a
   * page have none: they all get one shared empty list, so a scan allocates only what it finds.
   */
  scan(text: string): readonly Candidate[];
}

/**
 * Tries built ahead of time for a given list of terms (the shipped glossary index): `compileMatcher`
 * of that very array uses it instead of building one.
 */
const prebuilt = new WeakMap<TermList, Trie>();

/** Records that `trie` is the trie of `terms`, so `compileMatcher(terms)` can skip building it. */
export function attachTrie(terms: TermList, trie: Trie): void {
  prebuilt.set(terms, trie);
}

export function compileMatcher(terms: TermList): Matcher {
  return createMatcher(terms, prebuilt.get(terms) ?? buildTermTrie(terms));
}

// Class and fold of ASCII units, read in the inner loop without a call.
const ASCII_CLASS = new Uint8Array(128);
const ASCII_FOLD = new Uint16Array(128);
for (let c = 0; c < 128; c++) {
  ASCII_CLASS[c] = unitClass(c);
  ASCII_FOLD[c] = foldedUnit(c);
}

const classOf = (code: number): number => (code < 128 ? ASCII_CLASS[code]! : unitClass(code));

/** Whether text[i] is part of a word; a surrogate half is judged with its pair. */
function wordAt(text: string, i: number): boolean {
  const kind = classOf(text.charCodeAt(i));
  return (kind & SURROGATE) !== 0 ? isWordAt(text, i) : (kind & WORD) !== 0;
}

/** A matcher over `terms` walking `trie`, which must have been built from the same terms. */
export function createMatcher(terms: TermList, trie: Trie): Matcher {
  const { labels, labelStart, next, children, endStart, ends, rootAscii, fatOf, fatTable } = trie;
  // Beyond ASCII, a folded unit is compared in the labels' own spelling (automaton.ts).
  const labelUnit = labelUnitOf(trie);
  // Normalised written forms (and their capitals), worked out for the terms that are actually met.
  const written: (string | undefined)[] = [];
  const capitals: (string | undefined)[] = [];

  /** Whether text[start, end), normalised, reads exactly `form` — without building the string. */
  const reads = (text: string, start: number, end: number, form: string): boolean => {
    let k = 0;
    let lastSpace = false;
    for (let i = start; i < end; i++) {
      const unit = normaliseUnit(text.charCodeAt(i));
      if (unit === 0x20) {
        if (lastSpace) continue;
        lastSpace = true;
      } else lastSpace = false;
      if (k >= form.length || form.charCodeAt(k) !== unit) return false;
      k++;
    }
    return k === form.length;
  };

  const caseFits = (text: string, start: number, end: number, t: number): boolean => {
    const term = terms.at(t)!;
    if (term.case === 'any') return true;
    const form = (written[t] ??= normaliseText(term.text));
    if (reads(text, start, end, form)) return true;
    return term.case === 'upper-ok' && reads(text, start, end, (capitals[t] ??= form.toUpperCase()));
  };

  // Terminal nodes passed on the current walk and where they end, longest last; reused (and grown
  // for a glossary of very long terms).
  /** The one-term lists of candidates, by term. */
  const single: (readonly number[] | undefined)[] = [];
  let stopNodes = new Int32Array(64);
  let stopEnds = new Int32Array(64);

  /** The longest fitting term starting at `start` (a word start), or null. */
  function longestAt(text: string, start: number): Candidate | null {
    const len = text.length;
    let stops = 0;
    let node = 0;
    let pos = start;
    walk: while (children[node] !== 0 && pos < len) {
      // One folded unit of text; a run of white space is one space.
      let code = text.charCodeAt(pos++);
      let unit: number;
      if (((code < 128 ? ASCII_CLASS[code]! : unitClass(code)) & SPACE) !== 0) {
        unit = 0x20;
        while (pos < len && (classOf(text.charCodeAt(pos)) & SPACE) !== 0) pos++;
      } else unit = code < 128 ? ASCII_FOLD[code]! : labelUnit(foldedUnit(code));

      let child: number;
      const fat = fatOf[node]!;
      if (node === 0 && unit < 128) child = rootAscii[unit]!;
      else if (fat !== 0 && unit < 128) {
        const offset = fatTable[(fat - 1) * 128 + unit]!;
        child = offset === 0 ? 0 : node + offset;
      } else {
        child = node + 1;
        while (child !== 0 && labels.charCodeAt(labelStart[child]!) < unit) child = next[child]!;
        if (child !== 0 && labels.charCodeAt(labelStart[child]!) !== unit) child = 0;
      }
      if (child === 0) break;

      const labelEnd = labelStart[child + 1]!;
      for (let k = labelStart[child]! + 1; k < labelEnd; k++) {
        if (pos >= len) break walk;
        code = text.charCodeAt(pos++);
        if (((code < 128 ? ASCII_CLASS[code]! : unitClass(code)) & SPACE) !== 0) {
          unit = 0x20;
          while (pos < len && (classOf(text.charCodeAt(pos)) & SPACE) !== 0) pos++;
        } else unit = code < 128 ? ASCII_FOLD[code]! : labelUnit(foldedUnit(code));
        if (unit !== labels.charCodeAt(k)) break walk;
      }
      node = child;
      if (endStart[node] !== endStart[node + 1]) {
        // A term ending in a word unit must not run on into a longer word ("Nato" in "Natoli").
        const runsOn = wordAt(text, pos - 1) && pos < len && wordAt(text, pos);
        if (!runsOn) {
          if (stops === stopNodes.length) {
            stopNodes = Int32Array.from({ length: stops * 2 }, (_, i) => stopNodes[i] ?? 0);
            stopEnds = Int32Array.from({ length: stops * 2 }, (_, i) => stopEnds[i] ?? 0);
          }
          stopNodes[stops] = node;
          stopEnds[stops++] = pos;
        }
      }
    }
    // Longest first: the first stop where some term fits its case rule wins.
    for (let s = stops - 1; s >= 0; s--) {
      const stop = stopNodes[s]!;
      const end = stopEnds[s]!;
      let first = -1;
      let more: number[] | null = null;
      for (let e = endStart[stop]!; e < endStart[stop + 1]!; e++) {
        const term = ends === null ? e : ends[e]!;
        if (!caseFits(text, start, end, term)) continue;
        if (first < 0) first = term;
        else (more ??= [first]).push(term);
      }
      // Most candidates have one term: its list is made once and shared (candidates never change it).
      if (first >= 0) return { start, end, terms: more ?? (single[first] ??= [first]) };
    }
    return null;
  }

  return {
    terms,
    scan(text) {
      let found: Candidate[] | null = null;
      if (trie.size === 0 || children[0] === 0) return NO_CANDIDATES;
      const len = text.length;
      let prevWord = false;
      let i = 0;
      while (i < len) {
        // Inlined by hand: a content script's first scan runs mostly before the JIT steps in.
        const code = text.charCodeAt(i);
        const kind = code < 128 ? ASCII_CLASS[code]! : unitClass(code);
        const word = (kind & SURROGATE) !== 0 ? isWordAt(text, i) : (kind & WORD) !== 0;
        // No walk from an ASCII unit that no term begins with: most words of a page.
        if (word && !prevWord && (code >= 128 || rootAscii[ASCII_FOLD[code]!] !== 0)) {
          const hit = longestAt(text, i);
          if (hit) {
            (found ??= []).push(hit);
            i = hit.end;
            prevWord = wordAt(text, i - 1);
            continue;
          }
        }
        prevWord = word;
        i++;
      }
      return found ?? NO_CANDIDATES;
    },
  };
}
