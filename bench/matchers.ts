/**
 * The matcher candidates side by side, in Node (V8, as in Chromium), on the text of the shared pages
 * and of the generated page: Backstory's packed trie, the Map trie it replaced, modern-ahocorasick,
 * and one combined regular expression. Start-up and scan time, for the shipped glossary and for
 * growing numbers of aliases, to show which cost grows with the glossary.
 */
import AhoCorasick from 'modern-ahocorasick';
import type { CompiledIndex } from '../glossary/compile';
import { buildTermTrie, packTrie, unpackTrie } from '../matcher/automaton';
import { createMatcher, type Matcher, type Term } from '../matcher/matcher';
import { foldText } from '../matcher/text';
import { compileMapTrie } from './map-trie';

export interface MatcherRow {
  readonly matcher: string;
  readonly aliases: number;
  readonly text: string;
  /** Building or unpacking what a tab needs before its first scan. */
  readonly startMs: number;
  /** Best of three passes over the text (the first also warms the JIT), or the budget when exceeded. */
  readonly scanMs: number;
  /** True when one pass took longer than the budget and was stopped. */
  readonly overBudget: boolean;
  readonly found: number;
}

interface Candidate {
  readonly name: string;
  start(terms: readonly Term[]): { scan(text: string): number };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const CANDIDATES: readonly Candidate[] = [
  {
    name: 'packed trie (Backstory)',
    start(terms) {
      // Packing happens at build time; a tab only unpacks.
      const packed = packTrie(buildTermTrie(terms));
      const t0 = performance.now();
      const m: Matcher = createMatcher(terms, unpackTrie(packed));
      startOverride = performance.now() - t0;
      return { scan: (text) => m.scan(text).length };
    },
  },
  {
    name: 'Map trie (before)',
    start(terms) {
      const m = compileMapTrie(terms);
      return { scan: (text) => m.scan(text).length };
    },
  },
  {
    name: 'modern-ahocorasick 3.3',
    start(terms) {
      const keys = [...new Set(terms.map((t) => foldText(t.text)).filter((k) => k.length > 0))];
      const ac = new AhoCorasick(keys);
      const word = /[\p{L}\p{N}\p{M}]/u;
      return {
        scan(text) {
          // Lower-cased text, leftmost-longest, then word boundaries: close to what Backstory needs
          // (no case rules, no white space runs).
          const lower = text.toLowerCase();
          let n = 0;
          for (const m of ac.search(lower, { strategy: 'leftmost-longest' })) {
            if (m.start > 0 && word.test(lower[m.start - 1]!)) continue;
            if (m.end < lower.length && word.test(lower[m.end]!) && word.test(lower[m.end - 1]!)) continue;
            n++;
          }
          return n;
        },
      };
    },
  },
  {
    name: 'combined RegExp',
    start(terms) {
      const keys = [...new Set(terms.map((t) => foldText(t.text)).filter((k) => k.length > 0))];
      keys.sort((a, b) => b.length - a.length);
      const source = keys.map((k) => escapeRe(k).replace(/ /g, '\\s+')).join('|');
      const re = new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])(?:${source})(?![\\p{L}\\p{N}\\p{M}])`, 'giu');
      // V8 compiles a RegExp on its first use: count that as start-up.
      re.test('warm up');
      re.lastIndex = 0;
      return {
        scan(text) {
          re.lastIndex = 0;
          let n = 0;
          while (re.exec(text) !== null) n++;
          return n;
        },
      };
    },
  },
];

let startOverride: number | null = null;

/**
 * Times each candidate over `texts` (segments of one page) with the first `aliases` terms; a pass
 * that runs over `budgetMs` is stopped (the combined RegExp takes minutes past a few thousand aliases).
 */
export function compareMatchers(
  index: CompiledIndex,
  texts: Readonly<Record<string, readonly string[]>>,
  aliasCounts: readonly number[],
  budgetMs: number,
): MatcherRow[] {
  const rows: MatcherRow[] = [];
  for (const aliases of aliasCounts) {
    const terms = index.terms.slice(0, aliases);
    for (const candidate of CANDIDATES) {
      startOverride = null;
      const t0 = performance.now();
      const m = candidate.start(terms);
      const startMs = startOverride ?? performance.now() - t0;
      for (const [name, segments] of Object.entries(texts)) {
        let found = 0;
        let best = Infinity;
        let overBudget = false;
        for (let round = 0; round < 3 && !overBudget; round++) {
          const s0 = performance.now();
          found = 0;
          for (const segment of segments) {
            found += m.scan(segment);
            if (performance.now() - s0 > budgetMs) {
              overBudget = true;
              break;
            }
          }
          best = Math.min(best, performance.now() - s0);
        }
        rows.push({
          matcher: candidate.name,
          aliases: terms.length,
          text: name,
          startMs,
          scanMs: best,
          overBudget,
          found,
        });
      }
    }
  }
  return rows;
}
