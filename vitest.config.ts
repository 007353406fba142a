import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// CI (.ci/run) sets VITEST_JSON_DIR to collect a machine-readable report next to the console output.
const jsonDir = process.env.VITEST_JSON_DIR;

// Unit tests only: the end-to-end suites have their own config (test/e2e/vitest.config.ts).
export default defineConfig({
  plugins: [WxtVitest()],
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', '.output/**', 'test/e2e/**'],
    environment: 'node',
    setupFiles: ['fake-indexeddb/auto'],
    reporters: jsonDir ? ['default', ['json', { outputFile: path.join(jsonDir, 'unit.json') }]] : ['default'],
  },
});
