/**
 * Turns the plain-text seed article into a small HTML page, at request time, so the shared file is
 * read in place and never copied into the repo.
 */

export interface SeedPageOptions {
  /** Goes into article:published_time; the article ran on 3 October 2001. */
  readonly publishedTime?: string;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const wordCount = (block: string): number => block.split(/\s+/).filter(Boolean).length;

/**
 * The file is blocks separated by blank lines: a little page chrome ("Accessibility links",
 * "Breaking News"), the headline, then the paragraphs. The headline is the last short block before the
 * first long one.
 */
export function splitSeed(text: string): { chrome: string[]; headline: string; paragraphs: string[] } {
  const blocks = text
    .split(/\r?\n\s*\r?\n/)
    .map((b) => b.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const firstBody = blocks.findIndex((b) => wordCount(b) > 15);
  if (firstBody < 1) throw new Error('seed: no headline before the first paragraph');
  return {
    chrome: blocks.slice(0, firstBody - 1),
    headline: blocks[firstBody - 1]!,
    paragraphs: blocks.slice(firstBody),
  };
}

export function seedToHtml(text: string, options: SeedPageOptions = {}): string {
  const { chrome, headline, paragraphs } = splitSeed(text);
  const published = options.publishedTime ?? '2001-10-03';
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(headline)}</title>`,
    `<meta property="article:published_time" content="${escapeHtml(published)}">`,
    '<style>body{font:18px/1.6 Georgia,serif;max-width:40em;margin:2em auto;padding:0 1em;color:#222}' +
      'header p{font:13px sans-serif;color:#666;margin:0}</style>',
    '</head>',
    '<body>',
    '<header>',
    ...chrome.map((line) => `<p>${escapeHtml(line)}</p>`),
    '</header>',
    '<article>',
    `<h1>${escapeHtml(headline)}</h1>`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    '</article>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
