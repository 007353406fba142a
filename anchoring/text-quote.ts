/**
 * W3C Web Annotation `TextQuoteSelector`s: describing a stretch of a page's text by the text itself
 * and a little context, and finding it again after the page has changed (the model is Hypothesis'
 * quote-with-context matching). Pure string functions: the DOM side maps offsets to ranges.
 */

export interface TextQuoteSelector {
  readonly type?: 'TextQuoteSelector';
  readonly exact: string;
  readonly prefix: string;
  readonly suffix: string;
}

export interface QuoteMatch {
  readonly start: number;
  readonly end: number;
  /** Edit distance between the quote and the text found; 0 for an exact match. */
  readonly errors: number;
}

export const CONTEXT_LENGTH = 32;

/** Describes text[start, end) by itself and up to `context` characters on each side. */
export function describeQuote(
  text: string,
  start: number,
  end: number,
  context = CONTEXT_LENGTH,
): TextQuoteSelector {
  return {
    type: 'TextQuoteSelector',
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - context), start),
    suffix: text.slice(end, end + context),
  };
}

/** How many characters of `a`'s end and `b`'s start agree, as a share of what could agree. */
function contextScore(text: string, start: number, end: number, sel: TextQuoteSelector): number {
  let p = 0;
  while (
    p < sel.prefix.length &&
    start - 1 - p >= 0 &&
    text[start - 1 - p] === sel.prefix[sel.prefix.length - 1 - p]
  )
    p++;
  let s = 0;
  while (s < sel.suffix.length && end + s < text.length && text[end + s] === sel.suffix[s]) s++;
  const possible = sel.prefix.length + sel.suffix.length;
  return possible === 0 ? 1 : (p + s) / possible;
}

const MAX_CANDIDATES = 1_000;

function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  if (needle === '') return found;
  for (
    let i = text.indexOf(needle);
    i !== -1 && found.length < MAX_CANDIDATES;
    i = text.indexOf(needle, i + 1)
  ) {
    found.push(i);
  }
  return found;
}

/**
 * The best place in `window` (text[from, to)) where the whole of `pattern` matches with the fewest
 * edits: a semi-global alignment that keeps, for every cell, where its alignment started.
 */
function alignIn(text: string, from: number, to: number, pattern: string): QuoteMatch | null {
  const m = pattern.length;
  let cost = new Int32Array(m + 1);
  let origin = new Int32Array(m + 1);
  let nextCost = new Int32Array(m + 1);
  let nextOrigin = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) {
    cost[i] = i;
    origin[i] = from;
  }
  let best: QuoteMatch | null = m === 0 ? { start: from, end: from, errors: 0 } : null;
  for (let j = from; j < to; j++) {
    nextCost[0] = 0;
    nextOrigin[0] = j + 1;
    const c = text.charCodeAt(j);
    for (let i = 1; i <= m; i++) {
      const sub = cost[i - 1]! + (pattern.charCodeAt(i - 1) === c ? 0 : 1);
      const del = cost[i]! + 1;
      const ins = nextCost[i - 1]! + 1;
      if (sub <= del && sub <= ins) {
        nextCost[i] = sub;
        nextOrigin[i] = origin[i - 1]!;
      } else if (del <= ins) {
        nextCost[i] = del;
        nextOrigin[i] = origin[i]!;
      } else {
        nextCost[i] = ins;
        nextOrigin[i] = nextOrigin[i - 1]!;
      }
    }
    if (best === null || nextCost[m]! < best.errors) {
      best = { start: nextOrigin[m]!, end: j + 1, errors: nextCost[m]! };
    }
    [cost, nextCost] = [nextCost, cost];
    [origin, nextOrigin] = [nextOrigin, origin];
  }
  return best;
}

export interface AnchorOptions {
  /** Largest share of the quote that may have changed, e.g. 0.25 for a quarter. */
  readonly maxErrorRate?: number;
  /** Where the quote was last seen, to prefer the nearer of equal matches. */
  readonly hint?: number;
}

/**
 * Finds the quote in `text`: an exact occurrence with the best-matching context, or else the closest
 * approximate one within the error budget. `null` when the quote is gone.
 */
export function anchorQuote(
  text: string,
  sel: TextQuoteSelector,
  options: AnchorOptions = {},
): QuoteMatch | null {
  const { exact } = sel;
  if (exact.length === 0) return null;
  const rank = (m: QuoteMatch) =>
    -m.errors * 10 +
    contextScore(text, m.start, m.end, sel) -
    (options.hint === undefined ? 0 : Math.abs(m.start - options.hint) / (text.length + 1));

  const exacts = occurrences(text, exact).map((start) => ({ start, end: start + exact.length, errors: 0 }));
  if (exacts.length > 0) return exacts.reduce((a, b) => (rank(b) > rank(a) ? b : a));

  // With k edits, one of k + 1 pieces of the quote still appears unchanged (pigeonhole): find those
  // pieces, then align the whole quote around each.
  const k = Math.floor(exact.length * (options.maxErrorRate ?? 0.25));
  if (k === 0) return null;
  const pieces = Math.min(k + 1, Math.max(1, Math.floor(exact.length / 4)));
  const size = Math.ceil(exact.length / pieces);
  const starts = new Set<number>();
  for (let p = 0; p < pieces; p++) {
    const piece = exact.slice(p * size, (p + 1) * size);
    if (piece.length < 3) continue;
    for (const at of occurrences(text, piece)) starts.add(at - p * size);
  }
  let best: QuoteMatch | null = null;
  for (const guess of starts) {
    const from = Math.max(0, guess - k);
    const to = Math.min(text.length, guess + exact.length + k);
    const found = alignIn(text, from, to, exact);
    if (found && found.errors <= k && (best === null || rank(found) > rank(best))) best = found;
  }
  return best;
}
