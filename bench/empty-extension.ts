/**
 * An extension whose content script does nothing: what any content script costs a page before it
 * runs a line of its own (Chromium gives each extension's scripts an isolated world: a global
 * object with its own copy of the DOM's bindings). The bench measures Backstory's heap against it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The performance mark the empty content script leaves, so the bench knows it has run. */
export const EMPTY_SCRIPT_MARK = 'backstory-bench:empty-content-script';

/** Writes the extension into `dir` (created if missing) and returns `dir`. */
export function writeEmptyExtension(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const manifest = {
    manifest_version: 3,
    name: 'Empty content script (Backstory bench)',
    version: '1.0',
    // The browser harness finds an extension by its service worker.
    background: { service_worker: 'background.js' },
    content_scripts: [{ matches: ['http://*/*'], js: ['content.js'], run_at: 'document_idle' }],
  };
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(path.join(dir, 'background.js'), '');
  writeFileSync(path.join(dir, 'content.js'), `performance.mark(${JSON.stringify(EMPTY_SCRIPT_MARK)});\n`);
  return dir;
}
