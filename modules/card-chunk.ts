/**
 * Builds the card's code (`content/card-module.ts`: Preact, Floating UI, the card's components) as
 * an ES module of its own, `content-scripts/card.js`, which the content script imports the first
 * time a card is wanted (`content/card-code.ts`). WXT builds a content script as one classic script
 * with no code splitting, so this is a second Vite build after WXT's, as in WXT's "ESM Content
 * Script UI" example (WXT issue #357).
 *
 * The file is a web-accessible resource: a content script's import is made for the page, so the
 * browser checks it like the page's own request. Chrome gets it only through the session's dynamic
 * extension URL (`use_dynamic_url`), so a page can't probe for a fixed address; in Firefox the
 * address has the per-install random UUID. A page that loads it anyway gets its own copy of the
 * functions, running in its own world with nothing of ours in it.
 */
import path from 'node:path';
import type { Plugin } from 'vite';
import { defineWxtModule } from 'wxt/modules';
import { CARD_MODULE_FILE } from '../content/card-module-file';

const ENTRY = 'content/card-module.ts';

/**
 * What the card's code must never bundle: the browser APIs stay with the content script (the
 * card only calls what it is given) and the glossary's index is already in the content script.
 */
const FORBIDDEN = [
  'wxt/browser',
  'webextension-polyfill',
  'virtual:glossary-index',
  'virtual:glossary-details',
];

function forbidImports(): Plugin {
  return {
    name: 'backstory-card-chunk-imports',
    resolveId(id, importer) {
      if (FORBIDDEN.includes(id))
        throw new Error(`${importer ?? ENTRY} imports ${id}: not allowed in the card's code`);
      return null;
    },
  };
}

export default defineWxtModule({
  name: 'backstory-card-chunk',
  setup(wxt) {
    // The card is wanted on the pages the content script runs on.
    let matches: string[] = [];
    wxt.hook('entrypoints:resolved', (_wxt, entrypoints) => {
      for (const e of entrypoints) {
        if (e.type === 'content-script') matches = [...matches, ...(e.options.matches ?? [])];
      }
    });

    wxt.hook('build:done', async (wxt, output) => {
      const vite = await import('vite');
      // The project's own Vite settings (JSX for Preact), built like WXT builds a content script.
      const user = await wxt.config.vite(wxt.config.env);
      const dev = wxt.config.command === 'serve';
      await vite.build(
        vite.mergeConfig(user, {
          root: wxt.config.root,
          configFile: false,
          logLevel: 'warn',
          mode: wxt.config.mode,
          publicDir: false,
          plugins: [forbidImports()],
          define: { 'process.env.NODE_ENV': JSON.stringify(wxt.config.mode) },
          esbuild: { charset: 'ascii' },
          build: {
            outDir: path.join(wxt.config.outDir, path.dirname(CARD_MODULE_FILE)),
            emptyOutDir: false,
            copyPublicDir: false,
            minify: !dev,
            sourcemap: dev ? 'inline' : false,
            // Not Vite's library mode: it leaves the white space of an ES module unminified.
            rollupOptions: {
              input: path.resolve(wxt.config.root, ENTRY),
              preserveEntrySignatures: 'strict',
              output: { format: 'es', entryFileNames: path.basename(CARD_MODULE_FILE) },
            },
          },
        }),
      );
      output.publicAssets.push({ type: 'asset', fileName: CARD_MODULE_FILE });
    });

    wxt.hook('build:manifestGenerated', (wxt, manifest) => {
      // MV3's form, which WXT turns into MV2's plain list for Firefox after this hook (the
      // manifest's type is the union of both, hence the cast). Firefox has no dynamic URLs.
      manifest.web_accessible_resources = [
        ...(manifest.web_accessible_resources ?? []),
        {
          resources: [CARD_MODULE_FILE],
          matches,
          ...(wxt.config.browser === 'firefox' ? {} : { use_dynamic_url: true }),
        },
      ] as typeof manifest.web_accessible_resources;
    });

    // `browser.runtime.getURL` only takes paths it knows.
    wxt.hook('prepare:publicPaths', (_wxt, paths) => {
      paths.push(CARD_MODULE_FILE);
    });
  },
});
