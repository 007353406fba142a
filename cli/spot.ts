/**
 * npm run --silent spot -- [--date YYYY-MM-DD] FILE...   one JSON mention a line
 * npm run --silent spot -- --entries                     one JSON entry a line
 *
 * .txt files are one text; .html files are read as the content script reads a page (text segments
 * joined by blank lines; offsets refer to that text); .jsonl files hold one {id, text} document a line.
 * Offsets are UTF-16 code units, like JavaScript strings.
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { createSpotter, htmlText, spotText } from './spotting';

function main(): number {
  const { values, positionals } = parseArgs({
    options: { date: { type: 'string' }, entries: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) {
    console.error(`spot: --date wants YYYY-MM-DD, not "${values.date}"`);
    return 2;
  }
  const spotter = createSpotter();
  const out = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);
  if (values.entries) {
    for (const e of spotter.entries) out({ id: e.id, qid: e.qid, kind: e.kind, name: e.name });
    return 0;
  }
  if (positionals.length === 0) {
    console.error('usage: npm run --silent spot -- [--date YYYY-MM-DD] FILE...  |  --entries');
    return 2;
  }
  for (const file of positionals) {
    const raw = readFileSync(file, 'utf8');
    const ext = extname(file).toLowerCase();
    if (ext === '.jsonl') {
      raw.split('\n').forEach((line, n) => {
        if (line.trim() === '') return;
        const doc = JSON.parse(line) as { id?: unknown; text?: unknown };
        if (typeof doc.text !== 'string') throw new Error(`${file}:${n + 1}: no "text" string`);
        const id = typeof doc.id === 'string' || typeof doc.id === 'number' ? String(doc.id) : `${n + 1}`;
        spotText(spotter, id, doc.text).forEach(out);
      });
    } else {
      const text = ext === '.html' || ext === '.htm' ? htmlText(raw) : raw;
      spotText(spotter, basename(file), text).forEach(out);
    }
  }
  return 0;
}

process.exitCode = main();
