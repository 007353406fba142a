/**
 * The extension's spotting, for Node: the shipped glossary, the same matcher and resolution, and
 * for HTML the same text walker the content script uses. Shared by `npm run spot` and `npm run eval`.
 */
import { Window } from 'happy-dom';
import { compileIndex, type GlossaryIndex } from '../glossary/compile';
import { loadGlossary } from '../glossary/load';
import type { Entry } from '../glossary/schema';
import { collectSegments } from '../content/segments';
import { compileMatcher, type Matcher } from '../matcher/matcher';
import { findMentions } from '../matcher/resolve';

export interface Spotter {
  readonly entries: readonly Entry[];
  readonly index: GlossaryIndex;
  readonly matcher: Matcher;
}

export interface SpotMention {
  readonly doc: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly entry: string;
  readonly qid: string | null;
}

export function createSpotter(): Spotter {
  const entries = loadGlossary();
  const index = compileIndex(entries);
  return { entries, index, matcher: compileMatcher(index.terms) };
}

/** Every mention in `text`, treating the text as one page. */
export function spotText(spotter: Spotter, doc: string, text: string): SpotMention[] {
  return findMentions(spotter.matcher, text).map((m) => ({
    doc,
    start: m.start,
    end: m.end,
    text: text.slice(m.start, m.end),
    entry: spotter.index.ids[m.entry]!,
    qid: spotter.entries[m.entry]!.qid,
  }));
}

/** The text of an HTML page as the content script reads it: its segments, separated by blank lines. */
export function htmlText(html: string): string {
  const window = new Window();
  // The walker names DOM globals (NodeFilter, Node, HTMLElement) as a browser provides them.
  const globals = globalThis as Record<string, unknown>;
  for (const name of ['NodeFilter', 'Node', 'HTMLElement']) {
    globals[name] ??= (window as unknown as Record<string, unknown>)[name];
  }
  try {
    window.document.write(html);
    return collectSegments(window.document.body as unknown as Node)
      .map((s) => s.text)
      .join('\n\n');
  } finally {
    void window.happyDOM.close();
  }
}
