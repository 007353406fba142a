/**
 * Vite plugin that validates the glossary at build time and serves it as two virtual modules:
 * `virtual:glossary-index` (for the content script) and `virtual:glossary-details` (for the
 * background). A broken entry fails the build with the file and field at fault.
 *
 * The index is shipped packed (pack.ts): the terms as a few strings and the matcher's trie already
 * built, so a tab unpacks typed arrays instead of compiling thousands of terms.
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { compileIndex } from './compile';
import { ENTRIES_DIR, loadGlossary } from './load';
import { packIndex } from './pack';

const INDEX_ID = 'virtual:glossary-index';
const DETAILS_ID = 'virtual:glossary-details';
const PACK_MODULE = fileURLToPath(new URL('./pack.ts', import.meta.url));

/**
 * `BACKSTORY_GLOSSARY_DIR` builds with another folder of entries (the benchmark's generated
 * glossary of 10,000 aliases); the shipped extension always uses glossary/entries/.
 */
const entriesDir = (): string => process.env.BACKSTORY_GLOSSARY_DIR ?? ENTRIES_DIR;

/**
 * JSON.parse of a string literal is parsed faster than the same data as an object literal (the
 * details: thousands of small objects).
 */
const jsonLiteral = (data: unknown): string => `JSON.parse(${JSON.stringify(JSON.stringify(data))})`;

export function glossaryPlugin(): Plugin {
  return {
    name: 'backstory-glossary',
    resolveId(id) {
      if (id === INDEX_ID || id === DETAILS_ID) return `\0${id}`;
      return null;
    },
    load(id) {
      if (id !== `\0${INDEX_ID}` && id !== `\0${DETAILS_ID}`) return null;
      const dir = entriesDir();
      this.addWatchFile(dir);
      const entries = loadGlossary(dir);
      if (id === `\0${DETAILS_ID}`) return `export default ${jsonLiteral(entries)};`;
      const packed = packIndex(compileIndex(entries));
      return [
        `import { unpackIndex } from ${JSON.stringify(PACK_MODULE)};`,
        // Unpacked when a tab first marks a page, not where Backstory is switched off. An object
        // literal, not JSON.parse: the index is a few long strings, parsed as fast either way, and
        // a JSON literal would stay in every tab's memory beside the strings parsed from it
        // (200 KB: one wide character makes the whole literal two bytes a character).
        `export default () => unpackIndex(${JSON.stringify(packed)});`,
      ].join('\n');
    },
  };
}
