/**
 * Vite plugin that validates the glossary at build time and serves it as two virtual modules:
 * `virtual:glossary-index` (for the content script) and `virtual:glossary-details` (for the
 * background). A broken entry fails the build with the file and field at fault.
 */
import type { Plugin } from 'vite';
import { compileIndex } from './compile';
import { ENTRIES_DIR, loadGlossary } from './load';

const INDEX_ID = 'virtual:glossary-index';
const DETAILS_ID = 'virtual:glossary-details';

export function glossaryPlugin(): Plugin {
  return {
    name: 'backstory-glossary',
    resolveId(id) {
      if (id === INDEX_ID || id === DETAILS_ID) return `\0${id}`;
      return null;
    },
    load(id) {
      if (id !== `\0${INDEX_ID}` && id !== `\0${DETAILS_ID}`) return null;
      this.addWatchFile(ENTRIES_DIR);
      const entries = loadGlossary();
      const data = id === `\0${INDEX_ID}` ? compileIndex(entries) : entries;
      // JSON.parse of a string literal is parsed faster than the same data as an object literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(data))});`;
    },
  };
}
