/**
 * A deliberately naive matcher with the same rules as `matcher.ts`, for the property tests: at each
 * word start, every term is tried on its own, and the longest that ends on a word boundary and
 * fits its case rule wins. Slow, and obviously right.
 */
import type { Candidate, Term } from './matcher';
import { foldUnit, foldText, isSpaceUnit, isWordAt, normaliseText } from './text';

/** Where `key` (folded) matches `text` from `start`, or -1; a white space run matches one space. */
function matchKeyAt(text: string, start: number, key: string): number {
  if (key.length === 0) return -1;
  let p = start;
  for (let k = 0; k < key.length; k++) {
    if (p >= text.length) return -1;
    const code = text.charCodeAt(p);
    if (key.charCodeAt(k) === 0x20) {
      if (!isSpaceUnit(code)) return -1;
      while (p < text.length && isSpaceUnit(text.charCodeAt(p))) p++;
    } else {
      if (isSpaceUnit(code) || foldUnit(code) !== key.charCodeAt(k)) return -1;
      p++;
    }
  }
  return p;
}

function caseFits(surface: string, term: Term): boolean {
  if (term.case === 'any') return true;
  const seen = normaliseText(surface);
  const written = normaliseText(term.text);
  return seen === written || (term.case === 'upper-ok' && seen === written.toUpperCase());
}

export function referenceScan(terms: readonly Term[], text: string): Candidate[] {
  const keys = terms.map((t) => foldText(t.text));
  const found: Candidate[] = [];
  let i = 0;
  while (i < text.length) {
    const wordStart = isWordAt(text, i) && (i === 0 || !isWordAt(text, i - 1));
    if (wordStart) {
      let bestEnd = -1;
      let best: number[] = [];
      terms.forEach((term, t) => {
        const end = matchKeyAt(text, i, keys[t]!);
        if (end < 0) return;
        if (isWordAt(text, end - 1) && end < text.length && isWordAt(text, end)) return;
        if (!caseFits(text.slice(i, end), term)) return;
        if (end > bestEnd) {
          bestEnd = end;
          best = [t];
        } else if (end === bestEnd) best.push(t);
      });
      if (bestEnd > 0) {
        found.push({ start: i, end: bestEnd, terms: best });
        i = bestEnd;
        continue;
      }
    }
    i++;
  }
  return found;
}
