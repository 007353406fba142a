/** Where the read-only shared material lives: `../shared`, beside the repository. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHARED_DIR =
  process.env.BACKSTORY_SHARED ?? fileURLToPath(new URL('../../shared/', import.meta.url));
export const sharedPath = (...parts: string[]) => join(SHARED_DIR, ...parts);
