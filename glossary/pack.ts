/**
 * The glossary index as the content script receives it: the terms folded into the matcher's trie,
 * built at build time, and per entry its kind, name and id. Packing runs in vite-plugin.ts;
 * unpacking runs once per tab and hands `compileMatcher` the trie ready to walk.
 *
 * Three things keep the data small:
 * - the terms are listed in the order of their folded keys (glossary order among terms that share
 *   a key, which is all that resolution compares), so the trie needs no list of term numbers;
 * - a term's text is not shipped: it is its key in the trie with the letters whose case differs
 *   from the folded key noted per term. It comes back normalised (white space runs collapsed,
 *   typographic apostrophes and hyphens as ASCII), which is all the matcher compares;
 * - names and ids are mostly not shipped either: a name is usually written exactly like one of its
 *   entry's terms, and an id is usually the slug of the name, so only the exceptions are listed.
 *   Names and ids are worked out when first asked for (a card, the popup), not in every tab.
 */
import {
  buildTrie,
  charAt,
  digitsFor,
  forEachTermKey,
  keyOfNode,
  nodeOfTerm,
  packTrie,
  readDigits,
  toChars,
  unpackTrie,
  VarintReader,
  writeDigits,
  writeVarint,
} from '../matcher/automaton';
import type { PackedTrie, Trie } from '../matcher/automaton';
import { attachTrie, type Term, type TermList } from '../matcher/matcher';
import { foldText, normaliseText } from '../matcher/text';
import type { CompiledIndex, GlossaryIndex } from './compile';
import { KINDS, type CaseRule, type Kind } from './schema';

export interface PackedIndex {
  /** One digit per entry: its kind's place in KINDS. */
  readonly kinds: string;
  /**
   * Names written like none of their entry's terms (`termInfo` marks the term that gives a name),
   * in entry order, each followed by a line break.
   */
  readonly otherNames: string;
  /**
   * Ids that are not the slug of their name: per line, a varint (how many entries since the last
   * listed one) and the id.
   */
  readonly otherIds: string;
  /**
   * One character per term (`toChars`): its case rule (bits 0–1: exact, upper-ok, any) and how
   * its written form relates to its key (bits 2–3: the same, in capitals, in title case, in title
   * case with the changes listed in `marks`); bit 4: its written form is its entry's name; bit 5:
   * it requires its own entry's full name and nothing else (most surnames and titles).
   */
  readonly termInfo: string;
  /**
   * The terms' entries (negative for cue words) less `entryLow`, `entryDigits` characters each
   * (`writeDigits`): a term's entry is read when asked for, so nothing is decoded up front.
   */
  readonly entries: string;
  readonly entryLow: number;
  readonly entryDigits: number;
  /**
   * Per conditional term not covered by termInfo's bit 5: how many keys it requires, the keys
   * (zig-zag varints).
   */
  readonly conditions: PackedTermMap;
  /** Per term whose case needs them: how many changes, the changes (`caseMarks`, varints). */
  readonly marks: PackedTermMap;
  readonly trie: PackedTrie;
}

/**
 * Varints for some of the terms, read a part at a time: a tab meets a few terms of each kind, and
 * reading every term's list the first time one is needed cost it about a millisecond. The terms
 * fall into parts of `PART_TERMS` by number; `starts` has where each part's text begins, and
 * where the last ends (`startDigits` characters each, `writeDigits`). Within a part, per listed
 * term: how many terms since the last one listed (or the part's start), then its varints.
 */
export interface PackedTermMap {
  readonly text: string;
  readonly starts: string;
  readonly startDigits: number;
}

const PART_TERMS = 128;

const RULES: readonly CaseRule[] = ['exact', 'upper-ok', 'any'];
const SAME = 0;
const CAPITALS = 1;
const TITLE = 2;
const TITLE_MARKED = 3;
/** termInfo's flag for the term that gives its entry's name. */
const NAME = 16;
/** termInfo's flag for a term that requires exactly its own entry's full name. */
const REQUIRES_OWN = 32;

const zigzag = (n: number): number => (n >= 0 ? n * 2 : -n * 2 - 1);
const unzigzag = (z: number): number => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);
const upper = (code: number): string => String.fromCharCode(code).toUpperCase();

/**
 * The id an entry most likely has: its name in lower-case ASCII, accents and apostrophes dropped,
 * other runs of punctuation and spaces as one hyphen ("N’Djamena" → "ndjamena"). Packing lists
 * the ids that differ, so this only has to be the same function at build time and in the tab.
 */
export function slugOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f'\u2019\u02bb]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * The usual way a name is written: its key with the first unit of each word in capitals. A term's
 * case is noted as its differences from this guess, so most names need no mark at all.
 */
function titleGuess(key: string): string {
  // A word at a time, not a unit at a time: this runs for every name the first time a tab needs them.
  let out = '';
  for (let from = 0; from <= key.length;) {
    let space = key.indexOf(' ', from);
    if (space < 0) space = key.length;
    if (space > from) {
      const first = key[from]!;
      const title = first.toUpperCase();
      out += (title.length === 1 ? title : first) + key.slice(from + 1, space);
    }
    if (space < key.length) out += ' ';
    from = space + 1;
  }
  return out;
}

/**
 * How `written` (normalised) differs from the title guess of `key` (the same length): the units
 * that differ, each noted as (gap × 2 + explicit), followed by its code when explicit. A unit that
 * is not explicit is the key's unit in capitals where the guess has it in lower case, and the
 * other way round. Empty when the guess is right.
 */
function caseMarks(written: string, key: string): { count: number; marks: number[] } {
  const guess = titleGuess(key);
  const marks: number[] = [];
  let count = 0;
  let last = -1;
  for (let i = 0; i < key.length; i++) {
    const code = written.charCodeAt(i);
    if (code === guess.charCodeAt(i)) continue;
    const flipped = guess[i] === key[i] ? upper(key.charCodeAt(i)) : key[i];
    const explicit = flipped !== written[i];
    marks.push((i - last - 1) * 2 + (explicit ? 1 : 0));
    if (explicit) marks.push(code);
    last = i;
    count++;
  }
  return { count, marks };
}

/** Reads `count` changes written by `caseMarks` as pairs of (position, code or −1 for "flip"). */
function readMarks(reader: VarintReader, count: number): number[] {
  const pairs: number[] = [];
  let last = -1;
  for (let m = 0; m < count; m++) {
    const step = reader.read();
    last += (step >> 1) + 1;
    pairs.push(last, step & 1 ? reader.read() : -1);
  }
  return pairs;
}

/** The written form of a term: `marks` gives its case changes, read only for a term that has some. */
function writtenForm(key: string, how: number, marks: TermMap, term: number): string {
  if (how === SAME) return key;
  if (how === CAPITALS) return key.toUpperCase();
  const pairs = how === TITLE_MARKED ? marks(term) : undefined;
  const guess = titleGuess(key);
  if (!pairs) return guess;
  const units = guess.split('');
  for (let m = 0; m < pairs.length; m += 2) {
    const at = pairs[m]!;
    const code = pairs[m + 1]!;
    if (code >= 0) units[at] = String.fromCharCode(code);
    else units[at] = guess[at] === key[at] ? upper(key.charCodeAt(at)) : key[at]!;
  }
  return units.join('');
}

export function packIndex(index: CompiledIndex): PackedIndex {
  const keyed = index.terms.map((term, i) => ({ term, i, key: foldText(term.text) }));
  for (const { term, key } of keyed) if (key === '') throw new Error(`term "${term.text}" is empty`);
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i));
  const info = new Uint8Array(keyed.length);
  const entries = keyed.map(({ term }) => term.entry);
  /** Per entry, the first term (in key order) written exactly like its name. */
  const nameTerm = new Map<number, number>();
  const conditions = new Map<number, string>();
  const marks = new Map<number, string>();
  keyed.forEach(({ term, key }, t) => {
    const written = normaliseText(term.text);
    if (term.entry >= 0 && !nameTerm.has(term.entry) && written === index.names[term.entry]) {
      nameTerm.set(term.entry, t);
    }
    let how = TITLE;
    if (written === key) how = SAME;
    else if (written === key.toUpperCase()) how = CAPITALS;
    else {
      const changes = caseMarks(written, key);
      if (changes.count > 0) {
        how = TITLE_MARKED;
        marks.set(t, writeVarint(changes.count) + changes.marks.map(writeVarint).join(''));
      }
    }
    const own = term.requires?.length === 1 && term.requires[0] === term.entry;
    info[t] =
      RULES.indexOf(term.case) |
      (how << 2) |
      (nameTerm.get(term.entry) === t ? NAME : 0) |
      (own ? REQUIRES_OWN : 0);
    if (term.requires && !own) {
      conditions.set(t, [term.requires.length, ...term.requires.map(zigzag)].map(writeVarint).join(''));
    }
  });
  const entryLow = entries.reduce((low, e) => Math.min(low, e), 0);
  const entryDigits = digitsFor(entries.reduce((high, e) => Math.max(high, e), 0) - entryLow);
  const trie = buildTrie(keyed.map((k) => k.key));
  if (trie.ends !== null) throw new Error('packed index: terms are not in key order');
  let otherNames = '';
  let otherIds = '';
  let lastOther = -1;
  index.names.forEach((name, entry) => {
    if (name.includes('\n')) throw new Error(`name "${name}" has a line break`);
    if (!nameTerm.has(entry)) otherNames += `${name}\n`;
    const id = index.ids[entry]!;
    if (id.includes('\n')) throw new Error(`id "${id}" has a line break`);
    if (id !== slugOf(name)) {
      otherIds += `${writeVarint(entry - lastOther - 1)}${id}\n`;
      lastOther = entry;
    }
  });
  return {
    kinds: index.kinds.map((k) => KINDS.indexOf(k)).join(''),
    otherNames,
    otherIds,
    termInfo: toChars(info)!,
    entries: entries.map((e) => writeDigits(e - entryLow, entryDigits)).join(''),
    entryLow,
    entryDigits,
    conditions: writeTermMap(conditions, keyed.length),
    marks: writeTermMap(marks, keyed.length),
    trie: packTrie(trie),
  };
}

/** What the terms of an unpacked index read from. */
interface TermTable {
  readonly trie: Trie;
  /** `PackedIndex.termInfo`: read a term at a time. */
  readonly info: string;
  readonly entries: string;
  readonly entryLow: number;
  readonly entryDigits: number;
  readonly conditions: TermMap;
  readonly marks: TermMap;
}

/** The entry of term `t`, read in place. */
const entryOf = (table: TermTable, t: number): number =>
  readDigits(table.entries, t * table.entryDigits, table.entryDigits) + table.entryLow;

/**
 * A term of the packed index: a number and the table it reads from, made when first asked for, so
 * a tab decodes nothing per term up front and makes objects only for the terms it meets. Its text
 * is worked out from the trie only when asked for.
 */
class PackedTerm implements Term {
  declare private readonly table: TermTable;
  declare private readonly index: number;
  declare readonly entry: number;
  declare readonly case: CaseRule;
  declare readonly requires: readonly number[] | undefined;
  constructor(table: TermTable, index: number) {
    this.table = table;
    this.index = index;
    const info = charAt(table.info, index);
    this.entry = entryOf(table, index);
    this.case = RULES[info & 3]!;
    this.requires = info & REQUIRES_OWN ? [this.entry] : table.conditions(index);
  }

  get text(): string {
    const key = keyOfNode(this.table.trie, nodeOfTerm(this.table.trie, this.index));
    return writtenForm(key, (charAt(this.table.info, this.index) >> 2) & 3, this.table.marks, this.index);
  }
}

/** The terms of the packed index, each made on first use (a loop making all 6,000 costs a cold tab 0.5 ms). */
class PackedTerms implements TermList {
  readonly length: number;
  /** Sized up front: filled here and there, a growing array would turn into a slower dictionary. */
  private readonly made: (PackedTerm | undefined)[];
  constructor(private readonly table: TermTable) {
    this.length = table.info.length;
    this.made = new Array<PackedTerm | undefined>(this.length);
  }

  at(t: number): Term | undefined {
    if (!(t >= 0 && t < this.length)) return undefined;
    return (this.made[t] ??= new PackedTerm(this.table, t));
  }
}

/** A term's numbers from a `PackedTermMap`, or undefined when it has none listed. */
type TermMap = (term: number) => readonly number[] | undefined;

/** `PackedTermMap` of `items` (term → its varints) for terms 0 … `count` − 1. */
function writeTermMap(items: ReadonlyMap<number, string>, count: number): PackedTermMap {
  const parts = Array.from({ length: Math.ceil(count / PART_TERMS) }, () => ({ text: '', last: -1 }));
  for (const t of [...items.keys()].sort((a, b) => a - b)) {
    const part = parts[Math.floor(t / PART_TERMS)]!;
    const at = t % PART_TERMS;
    part.text += writeVarint(at - part.last - 1) + items.get(t)!;
    part.last = at;
  }
  const text = parts.map((p) => p.text).join('');
  const startDigits = digitsFor(text.length);
  let starts = '';
  let start = 0;
  for (const part of parts) {
    starts += writeDigits(start, startDigits);
    start += part.text.length;
  }
  return { text, starts: starts + writeDigits(start, startDigits), startDigits };
}

/**
 * Reads a `PackedTermMap` a part at a time, when a term of the part is first asked for (with
 * `readItem` reading one term's numbers). Made outside `unpackIndex`, so the closure keeps only the
 * map and not the whole packed index.
 */
function lazyTermMap(map: PackedTermMap, readItem: (reader: VarintReader) => number[]): TermMap {
  const { text, starts, startDigits } = map;
  const partCount = starts.length / startDigits - 1;
  const parts = new Array<Map<number, number[]> | undefined>(Math.max(0, partCount));
  return (term) => {
    const p = Math.floor(term / PART_TERMS);
    if (!(p >= 0 && p < partCount)) return undefined;
    let part = parts[p];
    if (!part) {
      part = parts[p] = new Map();
      const from = readDigits(starts, p * startDigits, startDigits);
      const to = readDigits(starts, (p + 1) * startDigits, startDigits);
      let t = p * PART_TERMS - 1;
      for (const reader = new VarintReader(text.slice(from, to)); !reader.done;) {
        t += reader.read() + 1;
        part.set(t, readItem(reader));
      }
    }
    return part.get(term);
  };
}

export function unpackIndex(packed: PackedIndex): GlossaryIndex {
  const t0 = performance.now();
  const trie = unpackTrie(packed.trie);
  const info = packed.termInfo;
  // Conditions other than "its own entry's full name", and case marks (a term's text, which the
  // matcher compares for terms whose case counts), are read a part at a time when a term asks.
  const conditionsOf = lazyTermMap(packed.conditions, (reader) => {
    const keys: number[] = [];
    for (let k = reader.read(); k > 0; k--) keys.push(unzigzag(reader.read()));
    return keys;
  });
  const marksOf = lazyTermMap(packed.marks, (reader) => readMarks(reader, reader.read()));
  const { entries, entryLow, entryDigits } = packed;
  const table: TermTable = {
    trie,
    info,
    entries,
    entryLow,
    entryDigits,
    conditions: conditionsOf,
    marks: marksOf,
  };
  const terms = new PackedTerms(table);
  attachTrie(terms, trie);
  const kinds = Array.from(packed.kinds, (digit) => KINDS[Number(digit)]!);
  // The matcher's start-up in each tab, for the benchmark (a standard, cheap timeline entry).
  performance.measure('backstory:unpack', { start: t0, end: performance.now() });
  // Only the lists of exceptions are kept: the rest of `packed` (the trie's string) can go.
  return lazyNames(packed.otherNames, packed.otherIds, table, kinds, terms);
}

/** The index with its names and ids worked out on first use, once. */
function lazyNames(
  otherNames: string,
  otherIds: string,
  table: TermTable,
  kinds: readonly Kind[],
  terms: TermList,
): GlossaryIndex {
  let names: string[] | null = null;
  let ids: string[] | null = null;
  const namesOf = (): string[] => {
    if (names) return names;
    const list = new Array<string | undefined>(kinds.length);
    forEachTermKey(table.trie, (t, key) => {
      const flags = charAt(table.info, t);
      if (flags & NAME) list[entryOf(table, t)] = writtenForm(key, (flags >> 2) & 3, table.marks, t);
    });
    const others = otherNames.split('\n');
    let other = 0;
    names = Array.from(list, (name) => name ?? others[other++]!);
    return names;
  };
  return {
    kinds,
    terms,
    get names() {
      return namesOf();
    },
    get ids() {
      if (ids) return ids;
      const list = namesOf().map(slugOf);
      let entry = -1;
      for (const line of otherIds.split('\n')) {
        if (line === '') continue;
        const reader = new VarintReader(line);
        entry += reader.read() + 1;
        list[entry] = line.slice(reader.position);
      }
      ids = list;
      return ids;
    },
  };
}
