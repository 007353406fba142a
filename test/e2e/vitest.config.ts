import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// CI (.ci/run) sets VITEST_JSON_DIR to collect a machine-readable report next to the console output.
const jsonDir = process.env.VITEST_JSON_DIR;

// End-to-end suites: real browsers with the built extension. One browser per suite file, launched in
// beforeAll; files run one after another so two browsers never compete for the machine.
export default defineConfig({
  root,
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    globalSetup: ['test/e2e/global-setup.ts'],
    reporters: jsonDir ? ['default', ['json', { outputFile: path.join(jsonDir, 'e2e.json') }]] : ['default'],
  },
});
