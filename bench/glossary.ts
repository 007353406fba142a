/**
 * Glossaries for the benchmark: the shipped one, and a generated variant with at least 10,000
 * aliases (the shipped entries plus made-up ones), written as a folder of entry files that a build
 * can use through BACKSTORY_GLOSSARY_DIR.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compileIndex, foldKey, type CompiledIndex } from '../glossary/compile';
import { loadGlossary } from '../glossary/load';
import { KINDS, type Entry } from '../glossary/schema';

/** A small, seeded random number generator (mulberry32), so every run builds the same data. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = [
  'ka',
  'lo',
  'mir',
  'vos',
  'tek',
  'an',
  'dri',
  'sel',
  'ur',
  'bet',
  'na',
  'gor',
  'vi',
  'len',
  'sta',
  'rio',
];

function pseudoWord(random: () => number): string {
  const n = 2 + Math.floor(random() * 2);
  let w = '';
  for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
  return w[0]!.toUpperCase() + w.slice(1);
}

/**
 * The shipped entries plus generated ones until the index has `aliases` terms. Half the made-up
 * names are pseudo-words, half are pairs of capitalised words taken from `corpus` (real text), so
 * the trie grows where real text walks.
 */
export function generatedGlossary(aliases: number, corpus: string, seed = 10_000): Entry[] {
  const entries = loadGlossary();
  const random = seeded(seed);
  const taken = new Set<string>();
  for (const e of entries) for (const a of [e.name, ...e.aliases.map((x) => x.text)]) taken.add(foldKey(a));
  const capitalised = [...new Set(corpus.match(/\b[A-Z][a-z]{2,} [A-Z][a-z]{2,}\b/g) ?? [])];
  let terms = compileIndex(entries).terms.length;
  const fresh = (): string => {
    for (;;) {
      const real = capitalised.length > 0 && random() < 0.5;
      const text = real
        ? capitalised[Math.floor(random() * capitalised.length)]!
        : `${pseudoWord(random)} ${pseudoWord(random)}`;
      const key = foldKey(text);
      if (!taken.has(key)) {
        taken.add(key);
        return text;
      }
      // Real pairs run out; pseudo-words never do.
      if (real && random() < 0.5) capitalised.splice(capitalised.indexOf(text), 1);
    }
  };
  for (let i = 0; terms < aliases; i++) {
    const name = fresh();
    const others = [fresh(), fresh()];
    entries.push({
      id: `bench-generated-${i}`,
      qid: null,
      kind: KINDS[i % KINDS.length]!,
      name,
      aliases: others.map((text) => ({ text })),
      summary: 'Made up for the benchmark.',
      facts: [],
      related: [],
      wikipedia: name,
      checked: '2026-11-26',
    });
    terms += 3;
  }
  return entries;
}

/** Writes `entries` as one glossary file in `dir`, ready for BACKSTORY_GLOSSARY_DIR. */
export function writeGlossaryDir(dir: string, entries: readonly Entry[]): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'entries.json'), JSON.stringify({ format: 1, entries }));
}

/** The texts a plain highlighter would be given for an index: every alias, cue words left out. */
export function aliasTexts(index: CompiledIndex): string[] {
  return [...new Set(index.terms.filter((t) => t.entry >= 0).map((t) => t.text))];
}
