/**
 * Renders scripts/icon.svg to the PNG sizes the manifests ask for, into public/icon/<size>.png,
 * where WXT finds them. Run after changing the drawing: `npx tsx scripts/make-icons.ts`.
 * The PNGs are committed, so builds never need this script or its renderer.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { REPO_ROOT } from '../harness/paths';

const SIZES = [16, 32, 48, 96, 128] as const;
/** Below this size the card's two text lines blur into a smudge; the card reads better empty. */
const DETAIL_MIN_SIZE = 32;

const source = await readFile(path.join(REPO_ROOT, 'scripts', 'icon.svg'), 'utf8');
const withoutDetail = source.replace(/<g class="detail">[\s\S]*?<\/g>/, '');
const outDir = path.join(REPO_ROOT, 'public', 'icon');
await mkdir(outDir, { recursive: true });

for (const size of SIZES) {
  const svg = size >= DETAIL_MIN_SIZE ? source : withoutDetail;
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
  await writeFile(path.join(outDir, `${size}.png`), png);
  console.log(`public/icon/${size}.png  ${png.length} bytes`);
}
