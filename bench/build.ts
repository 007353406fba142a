/**
 * Builds the extension for the benchmark into a folder of its own, so a benchmark run never
 * overwrites the build the end-to-end tests use. Run as a child process (bench/run.ts) so each
 * build reads BACKSTORY_GLOSSARY_DIR afresh:
 *
 *   tsx bench/build.ts <outDir> <chrome|firefox>
 */
import { build } from 'wxt';
import { REPO_ROOT } from '../harness/paths';

const [outDir, browser] = process.argv.slice(2);
if (!outDir || (browser !== 'chrome' && browser !== 'firefox')) {
  console.error('usage: tsx bench/build.ts <outDir> <chrome|firefox>');
  process.exit(2);
}
await build({ root: REPO_ROOT, browser, outDir });
