/**
 * What the stores check before a human does: icons at every size the manifests name, a name and a
 * short enough description, and a README that lists exactly the permissions the manifests ask for.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { ConfigEnv, UserManifest } from 'wxt';
import { REPO_ROOT } from '../harness/paths';
import config from '../wxt.config';

const ICON_SIZES = [16, 32, 48, 96, 128];
/** The Chrome Web Store refuses a longer manifest description. */
const MAX_DESCRIPTION = 132;

async function manifestFor(browser: 'chrome' | 'firefox'): Promise<UserManifest> {
  const env: ConfigEnv = {
    mode: 'production',
    command: 'build',
    browser,
    manifestVersion: browser === 'chrome' ? 3 : 2,
  };
  const { manifest } = config;
  return typeof manifest === 'function' ? await manifest(env) : ((await manifest) ?? {});
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  const signature = bytes.subarray(0, 8).toString('hex');
  if (signature !== '89504e470d0a1a0a') throw new Error('not a PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Back-quoted names in the first column of the README's permissions table. */
async function readmePermissions(): Promise<string[]> {
  const readme = await readFile(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const table = readme.split(/\n\n/).find((block) => /^\| permission\s+\|/.test(block.trim()));
  if (!table) throw new Error('README has no permissions table');
  return table
    .split('\n')
    .slice(2)
    .map((row) => /^\|\s*`([A-Za-z]+)`\s*\|/.exec(row)?.[1])
    .filter((name): name is string => name !== undefined);
}

describe.each(['chrome', 'firefox'] as const)('%s manifest', (browser) => {
  test('has a name and a description the store accepts', async () => {
    const manifest = await manifestFor(browser);
    expect(manifest.name).toBe('Backstory');
    expect(manifest.description?.length ?? 0).toBeGreaterThan(20);
    expect(manifest.description?.length ?? 0).toBeLessThanOrEqual(MAX_DESCRIPTION);
  });

  test('every permission it asks for is explained in the README, and no other', async () => {
    const manifest = await manifestFor(browser);
    const asked = [...(manifest.permissions ?? []), ...(manifest.optional_permissions ?? [])].map(String);
    expect((await readmePermissions()).sort()).toEqual([...new Set(asked)].sort());
  });
});

test.each(ICON_SIZES)('public/icon/%i.png is a %i px square PNG', async (size) => {
  const bytes = await readFile(path.join(REPO_ROOT, 'public', 'icon', `${size}.png`));
  expect(pngSize(bytes)).toEqual({ width: size, height: size });
});
