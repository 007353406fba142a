/**
 * Runs the matcher over the page's segments in short slices, then turns the resolved mentions into
 * page positions: one `StaticRange` per mention for painting, and per-node pieces for hit-testing.
 */
import type { GlossaryIndex } from '../glossary/compile';
import type { Candidate, Matcher } from '../matcher/matcher';
import { presentOnPage, resolveMentions } from '../matcher/resolve';
import { locate, type Segment } from './segments';
import { SLICE_MS, yieldToPage } from './yield';

export interface PageMention {
  /** Position in reading order. */
  readonly order: number;
  readonly entry: number;
  readonly range: StaticRange;
  readonly startNode: Text;
}

/** A mention's part inside one text node: [start, end) in that node's data. */
export interface Piece {
  readonly start: number;
  readonly end: number;
  readonly mention: PageMention;
}

export interface PageMentions {
  readonly list: readonly PageMention[];
  readonly byNode: ReadonlyMap<Text, readonly Piece[]>;
}

/** Scans every segment; resolves `null` when `signal` aborts first. */
export async function scanSegments(
  segments: readonly Segment[],
  matcher: Matcher,
  signal: AbortSignal,
  now: () => number = () => performance.now(),
): Promise<PageMentions | null> {
  const candidates: Candidate[][] = [];
  let sliceStart = now();
  for (const segment of segments) {
    if (now() - sliceStart > SLICE_MS) {
      await yieldToPage();
      if (signal.aborted) return null;
      sliceStart = now();
    }
    candidates.push(matcher.scan(segment.text));
  }
  const present = presentOnPage(matcher.terms, candidates.flat());
  const list: PageMention[] = [];
  const byNode = new Map<Text, Piece[]>();
  segments.forEach((segment, i) => {
    for (const m of resolveMentions(matcher.terms, candidates[i]!, present)) {
      const start = locate(segment, m.start, false);
      const end = locate(segment, m.end, true);
      const mention: PageMention = {
        order: list.length,
        entry: m.entry,
        range: new StaticRange({
          startContainer: start.node,
          startOffset: start.offset,
          endContainer: end.node,
          endOffset: end.offset,
        }),
        startNode: start.node,
      };
      list.push(mention);
      const first = start.index;
      const last = end.index;
      for (let n = first; n <= last; n++) {
        const node = segment.nodes[n]!;
        const piece: Piece = {
          start: n === first ? start.offset : 0,
          end: n === last ? end.offset : segment.starts[n + 1]! - segment.starts[n]!,
          mention,
        };
        const pieces = byNode.get(node);
        if (pieces) pieces.push(piece);
        else byNode.set(node, [piece]);
      }
    }
  });
  return { list, byNode };
}

/** Entities in order of first appearance, with how often each is mentioned. */
export function countEntities(mentions: readonly PageMention[], index: GlossaryIndex) {
  const counts = new Map<number, number>();
  for (const m of mentions) counts.set(m.entry, (counts.get(m.entry) ?? 0) + 1);
  return [...counts].map(([entry, count]) => ({
    entryId: index.ids[entry]!,
    name: index.names[entry]!,
    kind: index.kinds[entry]!,
    count,
  }));
}
