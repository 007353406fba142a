/** Fails fast, with the fix in the message, when the extension has not been built. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CHROME_EXTENSION_DIR, FIREFOX_EXTENSION_DIR, SEED_FILE } from '../../harness/paths';

export default function setup(): void {
  for (const dir of [CHROME_EXTENSION_DIR, FIREFOX_EXTENSION_DIR]) {
    if (!existsSync(path.join(dir, 'manifest.json'))) {
      throw new Error(`${dir} has no build: run \`npm run build\` before \`npm run test:e2e\``);
    }
  }
  if (!existsSync(SEED_FILE)) throw new Error(`missing shared material: ${SEED_FILE}`);
}
