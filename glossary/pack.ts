/**
 * The glossary index as the content script receives it: ids, names and kinds as plain arrays, the
 * terms folded into the matcher's trie, built at build time. Packing runs in vite-plugin.ts;
 * unpacking runs once per tab and hands `compileMatcher` the trie ready to walk.
 *
 * Two things keep the data small:
 * - the terms are listed in the order of their folded keys (glossary order among terms that share
 *   a key, which is all that resolution compares), so the trie needs no list of term numbers;
 * - a term's text is not shipped: it is its key in the trie with the letters whose case differs
 *   from the folded key noted per term. It comes back normalised (white space runs collapsed,
 *   typographic apostrophes and hyphens as ASCII), which is all the matcher compares.
 */
import { keyOfNode, nodeOfTerm, packTrie, unpackTrie, VarintReader, writeVarint } from '../matcher/automaton';
import type { PackedTrie, Trie } from '../matcher/automaton';
import { attachTrie, type Term } from '../matcher/matcher';
import { foldText, normaliseText } from '../matcher/text';
import type { GlossaryIndex } from './compile';
import type { CaseRule, Kind } from './schema';

export interface PackedIndex {
  readonly ids: readonly string[];
  readonly names: readonly string[];
  readonly kinds: readonly Kind[];
  /** One letter per term: e(xact), u(pper-ok), a(ny). */
  readonly cases: string;
  /**
   * Varints per term: its entry (zig-zag: cues are negative), its conditions (count, then keys),
   * then how its written form differs from its key (`writeCaseMarks`).
   */
  readonly info: string;
  readonly trie: PackedTrie;
}

const CASE_LETTER: Readonly<Record<CaseRule, string>> = { exact: 'e', 'upper-ok': 'u', any: 'a' };
const LETTER_CASE: Readonly<Record<string, CaseRule>> = { e: 'exact', u: 'upper-ok', a: 'any' };

const zigzag = (n: number): number => (n >= 0 ? n * 2 : -n * 2 - 1);
const unzigzag = (z: number): number => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);
const upper = (code: number): string => String.fromCharCode(code).toUpperCase();

/**
 * The usual way a name is written: its key with the first unit of each word in capitals. A term's
 * case is noted as its differences from this guess, so most names need no mark at all.
 */
function titleGuess(key: string): string {
  let out = '';
  for (let i = 0; i < key.length; i++) {
    const unit = key[i]!;
    const title = i === 0 || key.charCodeAt(i - 1) === 0x20 ? upper(key.charCodeAt(i)) : unit;
    out += title.length === 1 ? title : unit;
  }
  return out;
}

/**
 * How `written` (normalised) differs from `key` (the same, folded; always the same length):
 * 0 = not at all; 1 = it is the key in capitals; n ≥ 2 = it is the title guess with n − 2 units
 * changed, each noted as (gap × 2 + explicit), followed by its code when explicit. A unit that is
 * not explicit is the key's unit in capitals where the guess has it in lower case, and the other
 * way round.
 */
function writeCaseMarks(written: string, key: string): string {
  if (written === key) return writeVarint(0);
  if (written === key.toUpperCase()) return writeVarint(1);
  const guess = titleGuess(key);
  let marks = '';
  let count = 0;
  let last = -1;
  for (let i = 0; i < key.length; i++) {
    const code = written.charCodeAt(i);
    if (code === guess.charCodeAt(i)) continue;
    const flipped = guess[i] === key[i] ? upper(key.charCodeAt(i)) : key[i];
    const explicit = flipped !== written[i];
    marks += writeVarint((i - last - 1) * 2 + (explicit ? 1 : 0));
    if (explicit) marks += writeVarint(code);
    last = i;
    count++;
  }
  return writeVarint(count + 2) + marks;
}

type CaseMarks = readonly number[] | 'same' | 'upper';

/** Pairs of (position, code), code −1 meaning "flip the guess". */
function readCaseMarks(info: VarintReader): CaseMarks {
  const head = info.read();
  if (head === 0) return 'same';
  if (head === 1) return 'upper';
  const marks: number[] = [];
  let last = -1;
  for (let m = 0; m < head - 2; m++) {
    const step = info.read();
    last += (step >> 1) + 1;
    marks.push(last, step & 1 ? info.read() : -1);
  }
  return marks;
}

function applyCaseMarks(key: string, marks: CaseMarks): string {
  if (marks === 'same') return key;
  if (marks === 'upper') return key.toUpperCase();
  const guess = titleGuess(key);
  const units = guess.split('');
  for (let m = 0; m < marks.length; m += 2) {
    const at = marks[m]!;
    const code = marks[m + 1]!;
    if (code >= 0) units[at] = String.fromCharCode(code);
    else units[at] = guess[at] === key[at] ? upper(key.charCodeAt(at)) : key[at]!;
  }
  return units.join('');
}

export function packIndex(index: GlossaryIndex): PackedIndex {
  const keyed = index.terms.map((term, i) => ({ term, i, key: foldText(term.text) }));
  for (const { term, key } of keyed) if (key === '') throw new Error(`term "${term.text}" is empty`);
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i));
  let info = '';
  let cases = '';
  for (const { term, key } of keyed) {
    cases += CASE_LETTER[term.case];
    info += writeVarint(zigzag(term.entry)) + writeVarint(term.requires?.length ?? 0);
    for (const k of term.requires ?? []) info += writeVarint(zigzag(k));
    info += writeCaseMarks(normaliseText(term.text), key);
  }
  const trie = packTrie(keyed.map((k) => k.key));
  if (trie.ends !== '') throw new Error('packed index: terms are not in key order');
  return { ids: index.ids, names: index.names, kinds: index.kinds, cases, info, trie };
}

/** A term of the packed index: its text is worked out from the trie only when asked for. */
class PackedTerm implements Term {
  readonly case: CaseRule;
  readonly requires?: readonly number[];
  constructor(
    private readonly trie: Trie,
    private readonly index: number,
    private readonly marks: CaseMarks,
    readonly entry: number,
    rule: CaseRule,
    requires: readonly number[] | null,
  ) {
    this.case = rule;
    if (requires) this.requires = requires;
  }

  get text(): string {
    return applyCaseMarks(keyOfNode(this.trie, nodeOfTerm(this.trie, this.index)), this.marks);
  }
}

export function unpackIndex(packed: PackedIndex): GlossaryIndex {
  const t0 = performance.now();
  const trie = unpackTrie(packed.trie);
  const { cases } = packed;
  const info = new VarintReader(packed.info);
  const terms: Term[] = new Array<Term>(cases.length);
  for (let t = 0; t < cases.length; t++) {
    const entry = unzigzag(info.read());
    const count = info.read();
    let requires: number[] | null = null;
    if (count > 0) {
      requires = [];
      for (let k = 0; k < count; k++) requires.push(unzigzag(info.read()));
    }
    terms[t] = new PackedTerm(trie, t, readCaseMarks(info), entry, LETTER_CASE[cases[t]!]!, requires);
  }
  attachTrie(terms, trie);
  // The matcher's start-up in each tab, for the benchmark (a standard, cheap timeline entry).
  performance.measure('backstory:unpack', { start: t0, end: performance.now() });
  return { ids: packed.ids, names: packed.names, kinds: packed.kinds, terms };
}
