import { describe, expect, it } from 'vitest';
import { termsOf } from '../matcher/matcher';
import { compileIndex, type GlossaryIndex } from './compile';
import { loadGlossary } from './load';
import { packIndex, unpackIndex } from './pack';
import { glossaryPlugin } from './vite-plugin';

/** The source of a virtual module, as Vite's build would receive it. */
function loadModule(id: string): string {
  const plugin = glossaryPlugin();
  const resolved = (plugin.resolveId as (id: string) => string | null)(id);
  const load = plugin.load as (this: { addWatchFile(file: string): void }, id: string) => string | null;
  const code = load.call({ addWatchFile: () => undefined }, resolved!);
  if (code === null) throw new Error(`no module for ${id}`);
  return code;
}

/** Runs a module's source whose only import is `unpackIndex`, giving its default export. */
function evaluate(code: string): unknown {
  const body = code
    .split('\n')
    .filter((line) => !line.startsWith('import '))
    .join('\n')
    .replace('export default', 'return');
  return new Function('unpackIndex', body)(unpackIndex) as unknown;
}

describe('glossary index module', () => {
  const code = loadModule('virtual:glossary-index');
  const expected = unpackIndex(packIndex(compileIndex(loadGlossary())));

  it('exports a loader that gives the packed index, unpacked', () => {
    const load = evaluate(code) as () => GlossaryIndex;
    const index = load();
    expect(index.ids).toEqual(expected.ids);
    expect(index.names).toEqual(expected.names);
    expect(index.kinds).toEqual(expected.kinds);
    const plain = (terms: GlossaryIndex['terms']) =>
      termsOf(terms).map(({ text, entry, case: rule, requires }) => ({ text, entry, rule, requires }));
    expect(plain(index.terms)).toEqual(plain(expected.terms));
  });

  it('ships the index as data to unpack, not as a string to parse', () => {
    // A JSON string literal would stay in memory beside what is parsed from it.
    expect(code).not.toContain('JSON.parse');
  });
});
