/** Where things are, worked out from this file so the repo can be cloned anywhere. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Read-only shared material always sits beside the repo; it is read in place, never copied in. */
export const SHARED_DIR = process.env.BACKSTORY_SHARED_DIR ?? path.resolve(REPO_ROOT, '..', 'shared');

export const SEED_FILE = path.join(SHARED_DIR, 'seeds', '000_ce88f3022db2b69b.txt');
export const SHARED_PAGES_DIR = path.join(SHARED_DIR, 'pages');
export const DEMO_DIR = path.join(REPO_ROOT, 'demo');

/**
 * What `wxt build` and `wxt build -b firefox` write. The variables point the harness at another
 * build (a benchmark comparing two versions, a build made in another checkout).
 */
export const CHROME_EXTENSION_DIR =
  process.env.BACKSTORY_CHROME_BUILD ?? path.join(REPO_ROOT, '.output', 'chrome-mv3');
export const FIREFOX_EXTENSION_DIR =
  process.env.BACKSTORY_FIREFOX_BUILD ?? path.join(REPO_ROOT, '.output', 'firefox-mv2');

export const GLOSSARY_ENTRIES_DIR = path.join(REPO_ROOT, 'glossary', 'entries');
