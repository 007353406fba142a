/** Where the read-only shared material lives (`../shared`, beside the repository; see harness/paths). */
import { join } from 'node:path';
import { SHARED_DIR } from '../harness/paths';

export const sharedPath = (...parts: string[]) => join(SHARED_DIR, ...parts);
