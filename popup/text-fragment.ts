/**
 * Links that open a page at a note's quote: the page URL with a text directive
 * (`#:~:text=prefix-,start,end,-suffix`, WICG Text Fragments), which Chrome and Firefox 131+ scroll
 * to and highlight. Browsers without support ignore the directive and open the page at its top.
 */
import type { TextQuoteSelector } from '../storage/note-model';

/** Quotes longer than this are given as their first and last words (`start,end`), as the spec suggests. */
const LONG_QUOTE_WORDS = 10;
const EDGE_WORDS = 4;
const CONTEXT_WORDS = 3;

/** Percent-encoding per the spec: `-`, `,` and `&` mean something inside a directive, so they are encoded too. */
export function encodeDirectivePart(text: string): string {
  return encodeURIComponent(text).replace(/-/g, '%2D');
}

const words = (text: string) =>
  text
    .replace(/\s+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');

/**
 * The whole words of a quote's context next to the quote. Context is cut at a character count, so
 * the word at the far end may be a piece of a word, which would never match: it is left out unless
 * white space shows it is whole.
 */
function prefixWords(prefix: string): string[] {
  const list = words(prefix);
  if (!/^\s/.test(prefix)) list.shift();
  return list.slice(-CONTEXT_WORDS);
}

function suffixWords(suffix: string): string[] {
  const list = words(suffix);
  if (!/\s$/.test(suffix)) list.pop();
  return list.slice(0, CONTEXT_WORDS);
}

/** The text directive for a quote, without the leading `:~:`; null when the quote has no words. */
export function textDirective(quote: TextQuoteSelector): string | null {
  const exact = words(quote.exact);
  if (exact.length === 0) return null;
  const parts: string[] = [];
  // Context next to a quote that starts or ends inside a word would be glued to it; leave it out then.
  const before = /\s$/.test(quote.prefix) || quote.prefix === '' ? prefixWords(quote.prefix) : [];
  const after = /^\s/.test(quote.suffix) || quote.suffix === '' ? suffixWords(quote.suffix) : [];
  if (before.length > 0) parts.push(`${encodeDirectivePart(before.join(' '))}-`);
  if (exact.length > LONG_QUOTE_WORDS) {
    parts.push(encodeDirectivePart(exact.slice(0, EDGE_WORDS).join(' ')));
    parts.push(encodeDirectivePart(exact.slice(-EDGE_WORDS).join(' ')));
  } else {
    parts.push(encodeDirectivePart(exact.join(' ')));
  }
  if (after.length > 0) parts.push(`-${encodeDirectivePart(after.join(' '))}`);
  return `text=${parts.join(',')}`;
}

/** Only web pages are opened from the notes view; anything else (file:, script addresses) is not a link. */
export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The page's address, opening at the quote when there is one. The page's own fragment is kept
 * (`#section:~:text=…`): single-page sites route by it.
 */
export function quoteUrl(pageUrl: string, quote: TextQuoteSelector | null): string {
  const directive = quote ? textDirective(quote) : null;
  if (directive === null) return pageUrl;
  const hashAt = pageUrl.indexOf('#');
  const base = hashAt < 0 ? pageUrl : pageUrl.slice(0, hashAt);
  // An earlier directive in the saved address would be read instead of ours.
  const fragment = hashAt < 0 ? '' : pageUrl.slice(hashAt + 1).replace(/:~:.*$/s, '');
  return `${base}#${fragment}:~:${directive}`;
}
