/**
 * Splits a note's plain text into text and web addresses, so the view can make the addresses links
 * (as elements, never as HTML). Only http and https addresses become links.
 */

export type TextPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'link'; readonly text: string; readonly href: string };

const CANDIDATE = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence rather than an address: "see https://a.example/x." */
const TRAILING = /[.,;:!?'"”’»)\]}]+$/;

/** Drops trailing punctuation, keeping a closing bracket that closes one opened inside the address. */
function trimAddress(candidate: string): string {
  let text = candidate;
  for (;;) {
    const match = TRAILING.exec(text);
    if (!match) return text;
    let cut = match[0].length;
    // "https://en.wikipedia.org/wiki/Treaty_(1949)" keeps its own closing bracket.
    for (const [open, close] of [
      ['(', ')'],
      ['[', ']'],
    ] as const) {
      const last = text.lastIndexOf(close);
      if (last >= text.length - cut && count(text, open) >= count(text, close)) cut = text.length - last - 1;
    }
    if (cut === 0) return text;
    text = text.slice(0, text.length - cut);
  }
}

const count = (text: string, char: string) => text.split(char).length - 1;

function webHref(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index;
    const address = trimAddress(match[0]);
    const href = webHref(address);
    if (href === null || address.length <= 'https://'.length) continue;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: address, href });
    last = start + address.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}
