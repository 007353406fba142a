#!/usr/bin/env node
/**
 * Sums the Vitest JSON reports of a CI run into one line, `N passed, N failed`, printed last.
 * A report that is missing, or a run that failed outside any test (a hook, a file that did not
 * load), counts as one failure, so a broken run can never read as a clean one.
 * Exits 1 when anything failed. Plain Node on purpose: it must work even if `npm ci` did not.
 *
 *   node .ci/summarize.mjs DIR [name ...]    (names default to: unit e2e)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const [dir = 'test-results', ...names] = process.argv.slice(2);
const reports = names.length > 0 ? names : ['unit', 'e2e'];

let passed = 0;
let failed = 0;

for (const name of reports) {
  const file = path.join(dir, `${name}.json`);
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const why =
      error && error.code === 'ENOENT'
        ? `no report at ${file} (the run stopped before it, or that config writes no JSON)`
        : String(error);
    console.log(`${name}: ${why}: counted as 1 failed`);
    failed += 1;
    continue;
  }
  const ok = Number(report.numPassedTests ?? 0);
  let bad = Number(report.numFailedTests ?? 0);
  // Files that failed without a failing test: errors in hooks, imports or collection.
  const brokenFiles = (report.testResults ?? []).filter(
    (file) =>
      file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  );
  for (const file of brokenFiles) {
    console.log(
      `${name}: ${path.relative(process.cwd(), file.name)} failed outside its tests: ${(file.message ?? '').split('\n')[0]}`,
    );
  }
  bad += brokenFiles.length;
  if (bad === 0 && report.success === false) {
    console.log(`${name}: the run reported errors outside the tests`);
    bad = 1;
  }
  const skipped = Number(report.numPendingTests ?? 0) + Number(report.numTodoTests ?? 0);
  console.log(`${name}: ${ok} passed, ${bad} failed${skipped ? `, ${skipped} skipped` : ''}`);
  passed += ok;
  failed += bad;
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
