/**
 * A generated news page of many paragraphs for the benchmark: sentences of ordinary words with the
 * glossary's names at about the density of a news article (one or two a paragraph).
 */
import type { CompiledIndex } from '../glossary/compile';
import { seeded } from './glossary';

const FILLER = (
  'the government said on Tuesday that talks would continue next week after officials from both ' +
  'sides met in the capital to discuss trade security and the future of the agreement while ' +
  'analysts warned that prices could rise again before the end of the year and many residents ' +
  'said they were waiting to see what the new plan would mean for them'
).split(' ');

function sentence(random: () => number, names: readonly string[]): string {
  const words: string[] = [];
  const length = 10 + Math.floor(random() * 12);
  const at = random() < 0.75 ? Math.floor(random() * length) : -1;
  for (let i = 0; i < length; i++) {
    words.push(
      i === at ? names[Math.floor(random() * names.length)]! : FILLER[Math.floor(random() * FILLER.length)]!,
    );
  }
  const text = words.join(' ');
  return text[0]!.toUpperCase() + text.slice(1) + '.';
}

/** The page's HTML: `paragraphs` paragraphs of two sentences, some with a link or bold name. */
export function generatedPage(index: CompiledIndex, paragraphs: number, seed = 50_000): string {
  const random = seeded(seed);
  // Names and unconditional aliases, as articles write them.
  const names = [...new Set(index.terms.filter((t) => t.entry >= 0 && !t.requires).map((t) => t.text))];
  const parts: string[] = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Generated news page</title>',
    '<style>body{font:16px/1.5 Georgia,serif;max-width:46em;margin:1em auto;padding:0 1em}</style>',
    '</head><body><header><h1>Generated news page</h1></header><main id="feed">',
  ];
  for (let p = 0; p < paragraphs; p++) {
    let body = `${sentence(random, names)} ${sentence(random, names)}`;
    if (p % 7 === 0) body = body.replace(/^(\S+ \S+)/, '<a href="#p$1">$1</a>');
    else if (p % 11 === 0) body = body.replace(/ (\S+)\./, ' <b>$1</b>.');
    parts.push(`<p id="p${p}">${body}</p>`);
  }
  parts.push('</main></body></html>');
  return parts.join('\n');
}

/** Paragraph HTML for the feed test: what an infinite-scroll page appends. */
export function feedParagraphs(index: CompiledIndex, count: number, seed: number): string[] {
  const random = seeded(seed);
  const names = [...new Set(index.terms.filter((t) => t.entry >= 0 && !t.requires).map((t) => t.text))];
  return Array.from({ length: count }, () => `${sentence(random, names)} ${sentence(random, names)}`);
}
