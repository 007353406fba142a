import { defineConfig } from 'wxt';
import { glossaryPlugin } from './glossary/vite-plugin';

// Firefox's add-on id, fixed so notes survive reinstalls and tests can pin the extension's UUID.
export const GECKO_ID = 'backstory@backstory.example';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: a reader of any file sees where each name comes from.
  imports: false,
  zip: {
    // The Firefox sources zip is what Add-ons reviewers rebuild from: it keeps what `wxt build`
    // needs and leaves out the tests, the browser harness, the demo and benchmark output. Dot
    // folders (.tmp, .ci) are left out by WXT already.
    excludeSources: [
      'test/**',
      'harness/**',
      'demo/**',
      'bench/**',
      'bench-results/**',
      'test-results/**',
      'coverage/**',
    ],
  },
  vite: () => ({
    plugins: [glossaryPlugin()],
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  }),
  manifest: ({ browser }) => ({
    name: 'Backstory',
    description:
      'Background on the names in the news you read: glossary cards and your own notes, all inside your browser.',
    permissions: ['storage', 'unlimitedStorage', 'contextMenus'],
    commands: {
      'next-entity': {
        suggested_key: { default: 'Alt+Shift+B' },
        description: 'Go to the next marked name and open its card',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {
          // The card's code is imported from its dynamic URL (modules/card-chunk.ts): Chrome 130 and
          // 131 refuse such imports from content scripts (crbug.com/363027634, fixed in 132).
          minimum_chrome_version: '132',
        }),
  }),
});
