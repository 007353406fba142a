/**
 * Scans a page and keeps its marks true while the page changes.
 *
 * - The first scan reads the page once, in slices of a few milliseconds, starting where the reader
 *   is looking: from the viewport to the end, then from the top to the viewport.
 * - Only segments with candidates are kept, each as a record (the nodes that hold the candidates,
 *   and the candidates themselves while they may resolve again). Resolution needs the whole page
 *   ("Mr. Putin" counts where "Vladimir Putin" is named anywhere), so the page keeps a count of
 *   what is present; when a key appears or disappears, only the records that wait for that key are
 *   resolved again.
 * - One throttled MutationObserver notes added, removed and changed text; the blocks that hold it are
 *   read again, and the records of removed nodes are dropped with their marks.
 * - A page with very many mentions gets ranges registered only near the viewport: a highlight's
 *   cost in the browser's rendering grows with its number of ranges (in Chromium every frame
 *   re-validates them all once the DOM has changed).
 */
import type { GlossaryIndex } from '../glossary/compile';
import type { Candidate, Matcher, TermList } from '../matcher/matcher';
import { candidatesIn, chooseTerm } from '../matcher/resolve';
import { PAINT_LONG_LINES_IN_PART } from './highlighter';
import {
  blockOf,
  insideSkipped,
  isInlineElement,
  nodeIndex,
  PAUSED,
  SegmentReader,
  skippedTest,
} from './segments';
import { yieldToPage } from './yield';

export interface PageMention {
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
  /** In reading order. */
  readonly list: readonly PageMention[];
  readonly byNode: ReadonlyMap<Text, readonly Piece[]>;
}

/** What the scanner paints with (highlighter.ts). */
export interface Painter {
  add(range: AbstractRange): void;
  remove(range: AbstractRange): void;
  /** Removes every range at once. */
  clear(): void;
  /** Gathers changes and applies them at most once per `ms` (0: at once). */
  spaceChanges(ms: number): void;
  /** Applies gathered changes now: the page has just added content of its own. */
  applyWaiting(): void;
}

export interface ScannerOptions {
  readonly doc: Document;
  readonly matcher: Matcher;
  readonly painter: Painter;
  readonly signal: AbortSignal;
  /** Called after the mentions have changed (a slice of the first scan, or the page's changes). */
  readonly onChange?: () => void;
  readonly now?: () => number;
  /** Longest a slice may run before it yields. */
  readonly sliceMs?: number;
  /** Above this many mentions, only ranges near the viewport are registered. */
  readonly windowAbove?: number;
  /** Whether a line of very many mentions is itself painted near the viewport only, in that case. */
  readonly longLinesInPart?: boolean;
  /** How many nodes of a giant record are entered in the node map at a time (`INDEX_PART`). */
  readonly indexPart?: number;
  /** Gap between two rounds of handling the page's changes. */
  readonly throttleMs?: number;
  /** Which mentions get painted (the reader's settings); all when absent. `repaint()` applies a change. */
  readonly show?: (mention: PageMention) => boolean;
}

/** A segment that has candidates, with what came of them. */
interface SegmentRecord {
  /** The segment's nodes from the first that holds a candidate to the last. */
  readonly nodes: readonly Text[];
  /** Where each of `nodes` begins in the segment's text. */
  readonly starts: readonly number[];
  /** The length of the segment's text. */
  readonly length: number;
  /** The matcher's candidates; kept only while resolving them again can change something. */
  candidates: readonly Candidate[] | null;
  /**
   * Keys this record makes present (entries named by unconditional terms, cue words), with repeats;
   * null when they are the entries of `found` (most records: one unconditional term a candidate).
   */
  readonly keys: readonly number[] | null;
  /** Keys that some conditional term here needs; null when nothing here is conditional. */
  readonly waitsFor: readonly number[] | null;
  /** The mentions resolved here: start, end and entry of each, three numbers a mention. */
  found: readonly number[];
  /** The mentions' objects, made when first asked for (to paint, hit-test or list them). */
  made: (RecordMention | undefined)[] | null;
  /** Whether some of its mentions are painted: those numbered `paintFrom` up to `paintTo`. */
  painted: boolean;
  paintFrom: number;
  paintTo: number;
  live: boolean;
  /** The last window (paintWindow round) that covered this record. */
  round: number;
  /** Position in reading order, as a number (NaN until placed): `records` is sorted by it. */
  key: number;
}

/**
 * A mention of a record. Its range is made when first asked for: a page of many mentions paints
 * only those near the viewport, and each range is an object the browser keeps too.
 */
class RecordMention implements PageMention {
  private made: StaticRange | null = null;

  constructor(
    readonly entry: number,
    readonly startNode: Text,
    private readonly record: SegmentRecord,
    private readonly start: number,
    private readonly end: number,
  ) {}

  get range(): StaticRange {
    if (this.made) return this.made;
    const { nodes, starts } = this.record;
    const first = nodeIndex(starts, this.start, false);
    const last = nodeIndex(starts, this.end, true);
    this.made = new StaticRange({
      startContainer: nodes[first]!,
      startOffset: this.start - starts[first]!,
      endContainer: nodes[last]!,
      endOffset: this.end - starts[last]!,
    });
    return this.made;
  }

  /** The range if it was made (only a made range can have been painted). */
  get madeRange(): StaticRange | null {
    return this.made;
  }
}

const NOTHING: readonly number[] = Object.freeze([]);

/**
 * The first of 0 … count − 1 for which `past` holds, by bisection (once it holds, it holds for the
 * rest); `count` if none.
 */
function firstIndexWhere(count: number, past: (i: number) => boolean): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (past(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Mention `i` of a record, made on first use and the same object afterwards. */
function mentionOf(record: SegmentRecord, i: number): RecordMention {
  const made = (record.made ??= []);
  let m = made[i];
  if (!m) {
    const start = record.found[3 * i]!;
    const first = nodeIndex(record.starts, start, false);
    m = new RecordMention(
      record.found[3 * i + 2]!,
      record.nodes[first]!,
      record,
      start,
      record.found[3 * i + 1]!,
    );
    made[i] = m;
  }
  return m;
}

/** The pieces of a record's mentions inside its node `n`, in reading order. */
function piecesOf(record: SegmentRecord, n: number): Piece[] {
  const { found, starts } = record;
  const from = starts[n]!;
  const pieces: Piece[] = [];
  for (let i = 0; i < found.length; i += 3) {
    const start = found[i]!;
    const end = found[i + 1]!;
    const first = nodeIndex(starts, start, false);
    const last = nodeIndex(starts, end, true);
    if (n < first || n > last) continue;
    pieces.push({
      start: n === first ? start - from : 0,
      end: n === last ? end - from : starts[n + 1]! - from,
      mention: mentionOf(record, i / 3),
    });
  }
  return pieces;
}

/**
 * Work per slice: well under the 10 ms a slice may take, as a slice ends only between segments and
 * a minor GC (Chromium: 5-8 ms for the DOM wrappers and records a scan keeps) can fall inside one.
 */
export const SLICE_MS = 3;
export const WINDOW_ABOVE = 600;
export const THROTTLE_MS = 200;
/**
 * While only the viewport's part is painted (a page of very many marks, likely a very long one),
 * changes to the highlight are applied at most this often: each makes Chromium repaint the whole
 * page (content/highlighter.ts).
 */
export const WINDOW_CHANGE_GAP = 300;
/** Nodes of a record entered in the node → record map at a time (`indexPart`). */
const INDEX_PART = 8192;
/** Records kept painted beyond the viewport's edges when only the viewport's part is painted. */
const WINDOW_SLACK = 24;
/**
 * In window mode, screens above and below the viewport that are painted, and those that must stay
 * painted: the highlight changes only when the reader comes within half a screen of the painted
 * part's edge (each change costs Chromium a pass over the page's long containers, highlighter.ts),
 * so scrolling changes it every screen or two rather than every gap.
 */
const PAINT_ABOVE = 2;
const PAINT_BELOW = 4;
const KEEP_ABOVE = 0.5;
const KEEP_BELOW = 1.5;
/**
 * A record with more mentions than this (one giant line of text) is itself painted near the
 * viewport only, when only the viewport's part is painted, with this many mentions of slack
 * (where that helps: `PAINT_LONG_LINES_IN_PART`).
 */
const LONG_RECORD = 200;
const MENTION_SLACK = 50;

/**
 * Marks slices of work in the page's performance timeline (standard, cheap entries: the benchmark
 * reads them; they show only names and times, which the page can already tell from the marks).
 */
function timeline(): (name: string, start: number, end: number) => void {
  let updates = 0;
  return (name, start, end) => {
    if (typeof performance === 'undefined' || typeof performance.measure !== 'function') return;
    // A page open for days changes often: keep the timeline from growing without end.
    if (name === 'backstory:update' && ++updates % 1000 === 0) performance.clearMeasures(name);
    performance.measure(name, { start, end });
  };
}

const sameNumbers = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((n, i) => n === b[i]);

export function createScanner(options: ScannerOptions) {
  const { doc, matcher, painter, signal } = options;
  const win = doc.defaultView ?? window;
  const measure = timeline();
  // The clock is read once a segment: \`performance\` looked up on the global object each time
  // costs a content script several times the call itself.
  const clock = performance;
  const now = options.now ?? (() => clock.now());
  const sliceMs = options.sliceMs ?? SLICE_MS;
  const windowAbove = options.windowAbove ?? WINDOW_ABOVE;
  const longLinesInPart = options.longLinesInPart ?? PAINT_LONG_LINES_IN_PART;
  /** Whether a record is painted near the viewport only, in window mode. */
  const inPart = (record: SegmentRecord): boolean => longLinesInPart && record.found.length > 3 * LONG_RECORD;
  const throttleMs = options.throttleMs ?? THROTTLE_MS;
  const indexPartSize = options.indexPart ?? INDEX_PART;
  const terms: TermList = matcher.terms;

  /** Records in document order. */
  let records: SegmentRecord[] = [];
  const recordOf = new Map<Text, SegmentRecord>();
  const presentCount = new Map<number, number>();
  const present = new Set<number>();
  const waiting = new Map<number, SegmentRecord[]>();
  /** Keys that appeared or disappeared since the last settle. */
  const changedKeys = new Set<number>();
  let mentionCount = 0;
  /** Dropped records still in `records`, swept out at the next settle. */
  let dead = 0;
  let windowed = false;
  /** Whether the window has been painted since window mode began (`paintWindow`). */
  let windowTrimmed = false;
  let list: readonly PageMention[] | null = null;
  let dirty = false;

  // ---- time slices ----------------------------------------------------------------------------

  let sliceStart = 0;
  const begin = () => {
    sliceStart = now();
  };
  const overdue = () => now() - sliceStart > sliceMs;
  /** Ends the slice (painting what it found) and gives the page a turn; false when stopped. */
  async function pause(name: string): Promise<boolean> {
    settle();
    measure(name, sliceStart, now());
    await yieldToPage();
    begin();
    return !signal.aborted;
  }

  // ---- what is present on the page ------------------------------------------------------------

  function count(record: SegmentRecord, step: 1 | -1) {
    const { keys, found } = record;
    if (keys) for (let i = 0; i < keys.length; i++) countKey(keys[i]!, step);
    else for (let i = 2; i < found.length; i += 3) countKey(found[i]!, step);
  }

  function countKey(key: number, step: 1 | -1) {
    const n = (presentCount.get(key) ?? 0) + step;
    if (n > 0) presentCount.set(key, n);
    else presentCount.delete(key);
    if (n === 1 && step === 1) {
      present.add(key);
      changedKeys.add(key);
    } else if (n === 0) {
      present.delete(key);
      changedKeys.add(key);
    }
  }

  // ---- records ------------------------------------------------------------------------------

  /** The mentions the candidates give: start, end and entry of each. */
  function resolveFound(candidates: readonly Candidate[]): readonly number[] {
    let found: number[] | null = null;
    for (let i = 0; i < candidates.length; i++) {
      const c = candidates[i]!;
      const t = chooseTerm(terms, c, present);
      if (t >= 0) (found ??= []).push(c.start, c.end, terms.at(t)!.entry);
    }
    return found ?? NOTHING;
  }

  /**
   * A record of the segment the reader has just read, whose candidates these are. Without
   * conditional terms its mentions are known at once and its candidates are not kept.
   *
   * Loops here and in what it calls go by index: a tab's first scan runs mostly unoptimised, where
   * every step of a `for … of` makes an iterator result for the garbage collector.
   */
  function makeRecord(reader: SegmentReader, text: string, candidates: readonly Candidate[]): SegmentRecord {
    let keys: number[] | null = null;
    let needs: number[] | null = null;
    let from = text.length;
    let to = 0;
    for (let i = 0; i < candidates.length; i++) {
      const c = candidates[i]!;
      if (c.start < from) from = c.start;
      if (c.end > to) to = c.end;
      for (let j = 0; j < c.terms.length; j++) {
        const term = terms.at(c.terms[j]!)!;
        const requires = term.requires;
        if (term.entry >= 0 && requires) {
          needs ??= [];
          for (let k = 0; k < requires.length; k++)
            if (!needs.includes(requires[k]!)) needs.push(requires[k]!);
        } else (keys ??= []).push(term.entry);
      }
    }
    const waitsFor = needs;
    const found = waitsFor ? NOTHING : resolveFound(candidates);
    const asFound =
      keys !== null && keys.length * 3 === found.length && keys.every((k, i) => k === found[3 * i + 2]);
    const { nodes, starts } = reader.nodesHolding(from, to);
    const record: SegmentRecord = {
      nodes,
      starts,
      length: text.length,
      candidates: waitsFor ? candidates : null,
      keys: asFound ? null : (keys ?? NOTHING),
      waitsFor,
      found,
      made: null,
      painted: false,
      paintFrom: 0,
      paintTo: 0,
      live: true,
      round: 0,
      key: NaN,
    };
    mentionCount += found.length / 3;
    if (nodes.length <= indexPartSize) for (let i = 0; i < nodes.length; i++) recordOf.set(nodes[i]!, record);
    else indexing = { record, next: 0 };
    for (let i = 0; waitsFor !== null && i < waitsFor.length; i++) {
      const k = waitsFor[i]!;
      const list = waiting.get(k);
      if (list) list.push(record);
      else waiting.set(k, [record]);
    }
    count(record, 1);
    return record;
  }

  function paintRecord(record: SegmentRecord, on: boolean) {
    paintSpan(record, 0, on ? record.found.length / 3 : 0);
  }

  /** Paints the record's mentions numbered `from` up to `to`, and no others. */
  function paintSpan(record: SegmentRecord, from: number, to: number) {
    const was = record.painted;
    const wasFrom = was ? record.paintFrom : 0;
    const wasTo = was ? record.paintTo : 0;
    if (wasFrom === from && wasTo === to) return;
    if (record.made) {
      // Only a range that was made can have been painted.
      for (let i = wasFrom; i < wasTo; i++) {
        if (i >= from && i < to) continue;
        const range = record.made[i]?.madeRange;
        if (range) painter.remove(range);
      }
    }
    for (let i = from; i < to; i++) {
      if (i >= wasFrom && i < wasTo) continue;
      const m = mentionOf(record, i);
      if (!options.show || options.show(m)) painter.add(m.range);
    }
    record.painted = to > from;
    record.paintFrom = from;
    record.paintTo = to;
    if (record.painted) painted.add(record);
    else painted.delete(record);
  }

  function unindex(record: SegmentRecord) {
    paintRecord(record, false);
    mentionCount -= record.found.length / 3;
    record.found = NOTHING;
    record.made = null;
  }

  /** Resolves a record with conditional terms again, after what is present has changed. */
  function resolve(record: SegmentRecord) {
    if (!record.candidates) return;
    const found = resolveFound(record.candidates);
    if (sameNumbers(found, record.found)) return;
    const wasPainted = record.painted || !windowed;
    unindex(record);
    record.found = found;
    mentionCount += record.found.length / 3;
    // A record of very many mentions is painted near the viewport only: the window does that.
    if (wasPainted && !(windowed && inPart(record))) paintRecord(record, true);
    dirty = true;
  }

  function drop(record: SegmentRecord) {
    if (!record.live) return;
    record.live = false;
    dead++;
    unindex(record);
    for (const node of record.nodes) if (recordOf.get(node) === record) recordOf.delete(node);
    count(record, -1);
    dirty = true;
  }

  /** Records that were read but not resolved yet. */
  let fresh: SegmentRecord[] = [];
  /** Records painted now, when only the viewport's part is. */
  const painted = new Set<SegmentRecord>();
  let round = 0;

  /** Resolves what the last slice changed, and paints it. */
  function settle() {
    // A slice that found very many mentions (one giant line) paints near the viewport only, from
    // the start: painting them all first would make thousands of ranges only to drop them.
    if (!windowed && mentionCount > windowAbove) updateWindowMode();
    if (changedKeys.size > 0) {
      for (const k of changedKeys) {
        const list = waiting.get(k);
        if (!list) continue;
        const alive = list.filter((r) => r.live);
        if (alive.length > 0) waiting.set(k, alive);
        else waiting.delete(k);
        for (const r of alive) resolve(r);
      }
      changedKeys.clear();
    }
    for (const r of fresh) {
      if (!r.live) continue;
      if (r.candidates) resolve(r);
      else if (r.found.length > 0) {
        // Its mentions were known when it was read: they only need painting.
        if (!windowed) paintRecord(r, true);
        dirty = true;
      }
    }
    fresh = [];
    if (dirty) {
      if (dead > 0) records = records.filter((r) => r.live);
      dead = 0;
      list = null;
      dirty = false;
      updateWindowMode();
      options.onChange?.();
    }
  }

  /**
   * A record of very many nodes (one giant line) whose nodes are still being entered in `recordOf`,
   * a part at a time between the reader's slices: entering 200,000 nodes at once took a slice
   * 25 ms. Until then its later nodes are simply not found (a hover there finds nothing).
   */
  let indexing: { record: SegmentRecord; next: number } | null = null;

  /** Enters the next `count` nodes of the record being indexed. */
  function indexPart(count: number) {
    if (indexing === null) return;
    const { record, next } = indexing;
    const end = Math.min(record.nodes.length, next + count);
    // A record dropped meanwhile has let go of its nodes: none of them may point to it again.
    if (record.live) for (let i = next; i < end; i++) recordOf.set(record.nodes[i]!, record);
    indexing = record.live && end < record.nodes.length ? { record, next: end } : null;
  }

  /**
   * Reads segments from `reader` into new records and puts them in their place in `records`, a run
   * at a time: before every pause, so painting near the viewport sees what has been read so far.
   */
  async function read(reader: SegmentReader, name: string): Promise<boolean> {
    const run: SegmentRecord[] = [];
    // Where this reader's previous part went: the next part follows it directly.
    let after: SegmentRecord | null | undefined;
    const place = () => {
      if (run.length === 0) return;
      insertRun(run, after);
      after = run[run.length - 1]!;
      run.length = 0;
    };
    for (;;) {
      if (overdue()) {
        place();
        if (!(await pause(name))) return false;
        // The page removed the place the walk had reached: read the whole page again later
        // (text read twice replaces its first reading).
        if (!reader.connected) {
          changed.add(doc.body);
          place();
          indexPart(Infinity);
          return true;
        }
      }
      if (indexing !== null) {
        indexPart(indexPartSize);
        continue;
      }
      const text = reader.nextText(overdue);
      // The reader stopped inside a very long run of nodes: the slice ends, the run goes on after.
      if (text === PAUSED) continue;
      if (text === null) {
        place();
        return true;
      }
      // Text read again (its block changed) replaces what was found there before. The first scan
      // reads each node once unless the page has changed since it began (a node moved back over
      // the place the scan started from): until then no node can have a record yet.
      if (recordOf.size > 0 && (initialDone || changed.size > 0 || removed.size > 0)) {
        for (let i = 0; i < reader.count; i++) {
          const old = recordOf.get(reader.nodeAt(i));
          if (old) drop(old);
        }
      }
      const candidates = candidatesIn(matcher, text);
      if (candidates.length === 0) continue;
      const record = makeRecord(reader, text, candidates);
      run.push(record);
      fresh.push(record);
    }
  }

  /** Gap between the keys of records placed one after another. */
  const GAP = 1024;

  /** First index in `records` whose key is above `key`. */
  function above(key: number): number {
    let lo = 0;
    let hi = records.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (records[mid]!.key > key) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /**
   * The record just before `node` in reading order, found by walking back through the text: null
   * when nothing is before it, undefined when none is near. Comparing document positions instead
   * costs the browser a walk along all the siblings of the common parent (a feed of 50,000
   * paragraphs: 50,000 steps a comparison).
   */
  function recordBefore(node: Text): SegmentRecord | null | undefined {
    const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    walker.currentNode = node;
    for (let steps = 0; steps < 500; steps++) {
      const t = walker.previousNode();
      if (!t) return null;
      const r = recordOf.get(t as Text);
      if (r && r.live && !Number.isNaN(r.key)) return r;
    }
    return undefined;
  }

  /** Index where `node`'s record goes, by comparing document positions (the slow way). */
  function indexByPosition(node: Text): number {
    let lo = 0;
    let hi = records.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const other = records[mid]!.nodes[0]!;
      if (node.compareDocumentPosition(other) & Node.DOCUMENT_POSITION_FOLLOWING) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /**
   * Puts a run of new records (in document order, from one place of the page) into `records`,
   * right after `after` when the caller knows it (undefined: find the place). Records dropped by
   * the run's own reading may still be there: they are swept out at the next settle.
   */
  function insertRun(run: readonly SegmentRecord[], after?: SegmentRecord | null) {
    if (run.length === 0) return;
    if (dead > 0) {
      records = records.filter((r) => r.live);
      dead = 0;
    }
    let at: number;
    if (after !== undefined && after !== null && after.live) at = above(after.key);
    else {
      const before = after === null ? null : recordBefore(run[0]!.nodes[0]!);
      if (before === null) at = 0;
      else if (before !== undefined) at = above(before.key);
      else at = indexByPosition(run[0]!.nodes[0]!);
    }
    let low = at > 0 ? records[at - 1]!.key : (records[0]?.key ?? 0) - GAP * (run.length + 1);
    let high = at < records.length ? records[at]!.key : low + GAP * (run.length + 1);
    if (!((high - low) / (run.length + 1) > 1e-6 * Math.max(1, Math.abs(low)))) {
      // Keys worn too thin by many insertions at one place: number everything afresh.
      records.forEach((r, i) => (r.key = i * GAP));
      low = at > 0 ? records[at - 1]!.key : -GAP * (run.length + 1);
      high = at < records.length ? records[at]!.key : low + GAP * (run.length + 1);
    }
    const step = (high - low) / (run.length + 1);
    run.forEach((r, i) => (r.key = low + step * (i + 1)));
    if (at === records.length) for (const r of run) records.push(r);
    else records = [...records.slice(0, at), ...run, ...records.slice(at)];
    list = null;
    dirty = true;
  }

  // ---- the viewport ------------------------------------------------------------------------

  /** The block the reader is looking at, when the page is not at its top. */
  function viewportStart(): Element | null {
    if (win.scrollY < 1 || typeof doc.elementFromPoint !== 'function') return null;
    for (const f of [0.15, 0.35, 0.6]) {
      const hit = doc.elementFromPoint(win.innerWidth / 2, win.innerHeight * f);
      if (!hit || hit === doc.body || hit === doc.documentElement || !doc.body.contains(hit)) continue;
      const block = isInlineElement(hit) ? blockOf(hit) : hit;
      if (!block || block === doc.body || insideSkipped(block)) continue;
      return block;
    }
    return null;
  }

  function updateWindowMode() {
    if (!windowed && mentionCount > windowAbove) {
      windowed = true;
      // What was painted before is trimmed to the window at its first painting.
      windowTrimmed = false;
      painter.spaceChanges(WINDOW_CHANGE_GAP);
      scheduleWindow();
    } else if (windowed && mentionCount < windowAbove / 2) {
      windowed = false;
      painter.spaceChanges(0);
      for (const r of records) if (r.live) paintRecord(r, true);
    } else if (windowed) scheduleWindow();
  }

  const anchorOf = (r: SegmentRecord) => r.nodes[0]!.parentElement;

  /** First index in records whose anchor satisfies `past` (assumes reading order runs down the page). */
  function searchRecords(past: (rect: DOMRect) => boolean): number {
    return firstIndexWhere(records.length, (i) => {
      const anchor = anchorOf(records[i]!);
      return anchor !== null && past(anchor.getBoundingClientRect());
    });
  }

  /**
   * The mentions of a long record near the viewport (a screen above, two below), with some slack.
   * Its text is taken to run evenly down its block's box: one box read, not one per mention.
   */
  function mentionsNear(record: SegmentRecord, height: number): [number, number] {
    const count = record.found.length / 3;
    const block = blockOf(record.nodes[0]!);
    const box = block?.getBoundingClientRect();
    if (!box || box.height <= 0) return [0, count];
    const offsetAt = (y: number) => ((y - box.top) / box.height) * record.length;
    const from = offsetAt(-height);
    const to = offsetAt(2 * height);
    // Mentions are in reading order: the first starting at or after an offset.
    const firstFrom = (offset: number) => firstIndexWhere(count, (i) => record.found[3 * i]! >= offset);
    const first = Math.max(0, firstFrom(from) - MENTION_SLACK);
    return [first, Math.max(first, Math.min(count, firstFrom(to) + MENTION_SLACK))];
  }

  /** Indexes of the records from `above` screens over the viewport to `below` screens under it. */
  function recordsNear(above: number, below: number, height: number): [number, number] {
    return [searchRecords((r) => r.bottom >= -above * height), searchRecords((r) => r.top > below * height)];
  }

  /** Whether every record from `from` up to `to` that has mentions is painted whole. */
  function paintedWhole(from: number, to: number): boolean {
    for (let i = from; i < to; i++) {
      const r = records[i]!;
      // A line painted in part follows the viewport itself.
      if (r.live && r.found.length > 0 && (!r.painted || inPart(r))) return false;
    }
    return true;
  }

  /**
   * Registers the ranges of records near the viewport (`PAINT_ABOVE` and `PAINT_BELOW` screens),
   * and no others, unless those nearest (`KEEP_ABOVE`, `KEEP_BELOW`) are all painted already.
   */
  function paintWindow() {
    if (!windowed || signal.aborted) return;
    const t0 = now();
    const height = win.innerHeight;
    if (windowTrimmed && paintedWhole(...recordsNear(KEEP_ABOVE, KEEP_BELOW, height))) return;
    windowTrimmed = true;
    const near = recordsNear(PAINT_ABOVE, PAINT_BELOW, height);
    const from = Math.max(0, near[0] - WINDOW_SLACK);
    const to = Math.min(records.length, near[1] + WINDOW_SLACK);
    round++;
    let leaving = 0;
    for (let i = from; i < to; i++) records[i]!.round = round;
    for (const r of painted) if (r.round !== round) leaving++;
    if (leaving > 2 * (to - from)) {
      // Most of what is painted leaves (windowing has just begun, or a long jump): emptying the
      // highlight and painting the window again beats removing ranges one by one (Firefox looks
      // each one up).
      painter.clear();
      for (const r of painted) r.painted = false;
      painted.clear();
    } else {
      for (const r of [...painted]) if (r.round !== round) paintRecord(r, false);
    }
    for (let i = from; i < to; i++) {
      const r = records[i]!;
      if (!r.live) continue;
      if (inPart(r)) {
        const [first, last] = mentionsNear(r, height);
        paintSpan(r, first, last);
      } else paintRecord(r, true);
    }
    measure('backstory:window', t0, now());
  }

  // Painting near the viewport reads the layout; it waits until just after the next frame, when
  // the browser has laid the page out anyway, so the read costs nothing (read earlier, it would
  // force a layout of the whole page in the middle of loading).
  let windowFrame = 0;
  let windowTimer = 0;
  function scheduleWindow() {
    if (windowFrame !== 0 || windowTimer !== 0 || signal.aborted) return;
    windowFrame = win.requestAnimationFrame(() => {
      windowFrame = 0;
      windowTimer = win.setTimeout(() => {
        windowTimer = 0;
        paintWindow();
      }, 0);
    });
  }
  const onScroll = () => {
    if (windowed) scheduleWindow();
  };
  doc.addEventListener('scroll', onScroll, { capture: true, passive: true, signal });
  win.addEventListener('resize', onScroll, { passive: true, signal });

  // ---- the page's changes -------------------------------------------------------------------

  const changed = new Set<Node>();
  const removed = new Set<Node>();
  let initialDone = false;
  let updateTimer = 0;
  let lastUpdate = 0;
  let updating = false;

  const observer = new MutationObserver((mutations) => {
    let added = false;
    for (const m of mutations) {
      if (m.type === 'characterData') changed.add(m.target);
      else {
        // The parent's inline run may have joined or split: its block is read again, unless the
        // added node is a block of its own between blocks (a feed appending paragraphs).
        for (const n of m.removedNodes) {
          removed.add(n);
          if (!isBlock(n) || joins(m.previousSibling) || joins(m.nextSibling)) changed.add(m.target);
        }
        for (const n of m.addedNodes) {
          added = true;
          changed.add(isBlock(n) && !joins(n.previousSibling) && !joins(n.nextSibling) ? n : m.target);
        }
      }
    }
    // Still in the page's task: marks waiting for the gap go into the frame that lays out what
    // the page added (Chromium's cost of a change to the highlight, highlighter.ts).
    if (added) painter.applyWaiting();
    scheduleUpdate();
  });
  observer.observe(doc.body, { childList: true, subtree: true, characterData: true });

  // A block between blocks (or white space) joins no other text: a feed appending or dropping
  // paragraphs needs only those paragraphs read, not their container.
  const isBlock = (n: Node) => n.nodeType === Node.ELEMENT_NODE && !isInlineElement(n as Element);
  const joins = (n: Node | null) =>
    n !== null &&
    (n.nodeType === Node.TEXT_NODE
      ? /\S/.test((n as Text).data)
      : n.nodeType === Node.ELEMENT_NODE && isInlineElement(n as Element));

  function scheduleUpdate() {
    if (updateTimer !== 0 || updating || !initialDone || signal.aborted) return;
    const wait = Math.max(0, lastUpdate + throttleMs - now());
    updateTimer = win.setTimeout(() => {
      updateTimer = 0;
      void update();
    }, wait);
  }

  /** Where to read again for one changed node: the node if it stands alone, else its block. */
  function rootFor(node: Node): Node | null {
    if (!node.isConnected) return null;
    if (node.nodeType === Node.ELEMENT_NODE && !isInlineElement(node as Element)) return node;
    return blockOf(node) ?? doc.body;
  }

  async function update() {
    updating = true;
    begin();
    try {
      // Removed nodes: their records go, with their marks and what they made present.
      const gone = [...removed];
      removed.clear();
      for (const node of gone) {
        if (node.isConnected) continue;
        if (node.nodeType === Node.TEXT_NODE) {
          const r = recordOf.get(node as Text);
          if (r) drop(r);
          continue;
        }
        if (recordOf.size === 0) continue;
        const walker = doc.createTreeWalker(node, NodeFilter.SHOW_TEXT);
        for (let t = walker.nextNode(); t; t = walker.nextNode()) {
          const r = recordOf.get(t as Text);
          if (r) drop(r);
          if (overdue() && !(await pause('backstory:update'))) return;
        }
      }

      // Changed places: the outermost ones, each read again and put in its place.
      const roots = new Set<Node>();
      const skipped = skippedTest();
      for (const node of changed) {
        const root = rootFor(node);
        if (root && !skipped(root)) roots.add(root);
      }
      changed.clear();
      if (dead > 0) records = records.filter((r) => r.live);
      dead = 0;
      const outermost = [...roots].filter((root) => {
        for (let p = root.parentNode; p; p = p.parentNode) if (roots.has(p)) return false;
        return true;
      });
      for (const root of outermost) {
        if (!root.isConnected) continue;
        if (!(await read(new SegmentReader(root), 'backstory:update'))) return;
      }
      settle();
      measure('backstory:update', sliceStart, now());
    } finally {
      updating = false;
      lastUpdate = now();
      if (changed.size > 0 || removed.size > 0) scheduleUpdate();
    }
  }

  // ---- the first scan -----------------------------------------------------------------------

  async function firstScan(): Promise<void> {
    const t0 = now();
    begin();
    const start = viewportStart();
    if (!(await read(new SegmentReader(doc.body, start ? { startAt: start } : {}), 'backstory:scan'))) return;
    if (start && !(await read(new SegmentReader(doc.body, { stopAt: start }), 'backstory:scan'))) return;
    settle();
    measure('backstory:scan', sliceStart, now());
    // The whole first scan, from start to every mention painted, as wall time.
    measure('backstory:ready', t0, now());
    initialDone = true;
    scheduleUpdate();
  }

  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      win.clearTimeout(updateTimer);
      if (windowFrame !== 0) win.cancelAnimationFrame(windowFrame);
      win.clearTimeout(windowTimer);
    },
    { once: true },
  );

  const ready = firstScan();

  const mentions: PageMentions = {
    get list() {
      if (!list) {
        const all: PageMention[] = [];
        for (const r of records) {
          if (!r.live) continue;
          for (let i = 0; i < r.found.length / 3; i++) all.push(mentionOf(r, i));
        }
        list = all;
      }
      return list;
    },
    byNode: new PieceIndex(recordOf),
  };

  return {
    /** Resolves when the first scan has painted (or was stopped). */
    ready,
    mentions,
    /** Paints the painted records again, after what `show` answers has changed. */
    repaint() {
      for (const r of records) {
        if (!r.live || !r.painted) continue;
        const { paintFrom, paintTo } = r;
        paintSpan(r, 0, 0);
        paintSpan(r, paintFrom, paintTo);
      }
    },
    /** How many ranges are registered with the highlight now, and whether only the viewport's are. */
    get windowed(): boolean {
      return windowed;
    },
  };
}

export type Scanner = ReturnType<typeof createScanner>;

/**
 * The mention pieces of each text node, worked out from its record when asked for (a pointer
 * move asks for one node a frame): an index kept ready would cost a piece and a map entry for
 * every mention of the page.
 */
class PieceIndex implements ReadonlyMap<Text, readonly Piece[]> {
  constructor(private readonly recordOf: ReadonlyMap<Text, SegmentRecord>) {}

  get(node: Text): readonly Piece[] | undefined {
    const record = this.recordOf.get(node);
    if (!record?.live) return undefined;
    const pieces = piecesOf(record, record.nodes.indexOf(node));
    return pieces.length > 0 ? pieces : undefined;
  }

  has(node: Text): boolean {
    return this.get(node) !== undefined;
  }

  get size(): number {
    let n = 0;
    for (const [node] of this.recordOf) if (this.has(node)) n++;
    return n;
  }

  *entries(): MapIterator<[Text, readonly Piece[]]> {
    for (const [node] of this.recordOf) {
      const pieces = this.get(node);
      if (pieces) yield [node, pieces];
    }
  }

  *keys(): MapIterator<Text> {
    for (const [node] of this.entries()) yield node;
  }

  *values(): MapIterator<readonly Piece[]> {
    for (const [, pieces] of this.entries()) yield pieces;
  }

  [Symbol.iterator](): MapIterator<[Text, readonly Piece[]]> {
    return this.entries();
  }

  forEach(
    each: (pieces: readonly Piece[], node: Text, map: ReadonlyMap<Text, readonly Piece[]>) => void,
  ): void {
    for (const [node, pieces] of this.entries()) each(pieces, node, this);
  }
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
