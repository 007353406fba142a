/**
 * The matcher's automaton: a radix trie over the folded keys of the terms (a character trie whose
 * single-child chains are merged into one edge). It is built once, at build time for the extension
 * (glossary/vite-plugin.ts), shipped as three short strings, and unpacked into typed arrays in each
 * tab: a tab never compiles thousands of strings, and a scan's cost does not grow with the number
 * of terms, only with the text (each word start walks at most one path of the trie).
 *
 * Nodes are numbered in depth-first order: a node's first child is the node after it, and `next`
 * links siblings, which are sorted by the first unit of their label. Labels are slices of one string.
 */
import { foldText } from './text';

/** The automaton as shipped: strings, so the bundle holds no big literal arrays to parse. */
export interface PackedTrie {
  /** Every node's label, in node order. */
  readonly labels: string;
  /**
   * Varints: the node count, the number of term ends, then per node its label length, child count
   * and the number of terms that end there.
   */
  readonly shape: string;
  /**
   * Varints: the indexes of the terms ending at each node, in node order, ascending per node. Empty
   * when those indexes are simply 0, 1, 2… (terms listed in key order, as the shipped index does).
   */
  readonly ends: string;
}

/** The automaton ready to walk. Node 0 is the root, whose label is empty. */
export interface Trie {
  readonly labels: string;
  readonly size: number;
  /** Node i's label is `labels.slice(labelStart[i], labelStart[i + 1])`. */
  readonly labelStart: Int32Array;
  /** The first unit of each node's label: what a parent compares when choosing a child. */
  readonly first: Uint16Array;
  /** Next sibling, or 0 (the root is nobody's sibling). */
  readonly next: Int32Array;
  /** 1 where the node has children (its first child is then the next node). */
  readonly hasChild: Uint8Array;
  /** Terms ending at node i are `ends[endStart[i]]` up to `ends[endStart[i + 1]]`. */
  readonly endStart: Int32Array;
  readonly ends: Int32Array;
  /** The root's child for each folded ASCII unit, or 0: the root has the most children. */
  readonly rootAscii: Int32Array;
  /**
   * Nodes with many children get a table too, so the second or third letter of a word is one
   * lookup rather than a walk along a dozen siblings: `fatOf[node]` is 1 + its table's number, or
   * 0, and the table holds each ASCII child's distance from the node, or 0.
   */
  readonly fatOf: Int16Array;
  readonly fatTable: Uint16Array;
}

/** Children from which a node gets a table of its own. */
const FAT_CHILDREN = 6;

// Varints in a URL-safe base-64 alphabet: five bits a digit, the sixth set when more digits follow.
// Plain ASCII with nothing to escape, so it costs the bundle one byte a digit.
const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DIGIT_VALUE = new Int8Array(128).fill(-1);
for (let d = 0; d < DIGITS.length; d++) DIGIT_VALUE[DIGITS.charCodeAt(d)] = d;

export function writeVarint(value: number): string {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`varint: ${value} is not a natural number`);
  let out = '';
  let rest = value;
  do {
    const low = rest & 31;
    rest = Math.floor(rest / 32);
    out += DIGITS[rest > 0 ? low | 32 : low];
  } while (rest > 0);
  return out;
}

/** Reads varints from a string, in order. */
export class VarintReader {
  private pos = 0;
  constructor(private readonly text: string) {}

  read(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const code = this.text.charCodeAt(this.pos++);
      const digit = code < 128 ? DIGIT_VALUE[code]! : -1;
      if (digit < 0) throw new Error(`varint: bad digit at ${this.pos - 1}`);
      value += (digit & 31) * scale;
      if ((digit & 32) === 0) return value;
      scale *= 32;
    }
  }

  get done(): boolean {
    return this.pos >= this.text.length;
  }
}

interface BuildNode {
  readonly children: Map<number, BuildNode>;
  readonly ends: number[];
}

/**
 * Builds the packed trie of `keys`: term index → its key (`foldText` of the term's text). Empty
 * keys never match and are left out.
 */
export function packTrie(keys: readonly string[]): PackedTrie {
  const root: BuildNode = { children: new Map(), ends: [] };
  keys.forEach((key, term) => {
    if (key.length === 0) return;
    let node = root;
    for (let i = 0; i < key.length; i++) {
      const code = key.charCodeAt(i);
      let child = node.children.get(code);
      if (!child) {
        child = { children: new Map(), ends: [] };
        node.children.set(code, child);
      }
      node = child;
    }
    node.ends.push(term);
  });

  const labels: string[] = [];
  const shape: string[] = [];
  const order: number[] = [];
  let count = 0;
  let endCount = 0;
  const emit = (node: BuildNode, label: string) => {
    count++;
    endCount += node.ends.length;
    labels.push(label);
    shape.push(writeVarint(label.length), writeVarint(node.children.size), writeVarint(node.ends.length));
    order.push(...node.ends);
    const codes = [...node.children.keys()].sort((a, b) => a - b);
    for (const code of codes) {
      // Follow the chain while it neither branches nor ends a term: one edge, one node.
      let child = node.children.get(code)!;
      let edge = String.fromCharCode(code);
      while (child.ends.length === 0 && child.children.size === 1) {
        const [nextCode, only] = child.children.entries().next().value!;
        edge += String.fromCharCode(nextCode);
        child = only;
      }
      emit(child, edge);
    }
  };
  emit(root, '');
  const inOrder = order.every((term, i) => term === i);
  return {
    labels: labels.join(''),
    shape: writeVarint(count) + writeVarint(endCount) + shape.join(''),
    ends: inOrder ? '' : order.map(writeVarint).join(''),
  };
}

/** Packs the trie of a list of terms, keyed the way the matcher folds text. */
export function packTermTrie(terms: readonly { readonly text: string }[]): PackedTrie {
  return packTrie(terms.map((t) => foldText(t.text)));
}

export function unpackTrie(packed: PackedTrie): Trie {
  const shape = new VarintReader(packed.shape);
  const size = shape.read();
  const endTotal = shape.read();
  const labelStart = new Int32Array(size + 1);
  const first = new Uint16Array(size);
  const next = new Int32Array(size);
  const hasChild = new Uint8Array(size);
  const endStart = new Int32Array(size + 1);
  const ends = new Int32Array(endTotal);
  if (packed.ends === '') {
    for (let e = 0; e < endTotal; e++) ends[e] = e;
  } else {
    const endReader = new VarintReader(packed.ends);
    for (let e = 0; e < endTotal; e++) ends[e] = endReader.read();
  }

  // Each open node on the current path: how many of its children are still to come, and its last child.
  const stackLeft = new Int32Array(size);
  const stackLast = new Int32Array(size);
  let depth = 0;
  for (let i = 0; i < size; i++) {
    const labelLength = shape.read();
    const children = shape.read();
    labelStart[i + 1] = labelStart[i]! + labelLength;
    endStart[i + 1] = endStart[i]! + shape.read();
    if (labelLength > 0) first[i] = packed.labels.charCodeAt(labelStart[i]!);
    if (i > 0) {
      const top = depth - 1;
      if (stackLast[top] !== 0) next[stackLast[top]!] = i;
      stackLast[top] = i;
      stackLeft[top]!--;
    }
    if (children > 0) {
      hasChild[i] = 1;
      stackLeft[depth] = children;
      stackLast[depth] = 0;
      depth++;
    }
    while (depth > 0 && stackLeft[depth - 1] === 0) depth--;
  }
  if (labelStart[size] !== packed.labels.length || endStart[size] !== endTotal || depth !== 0) {
    throw new Error('packed trie: shape and labels disagree');
  }

  const rootAscii = new Int32Array(128);
  if (size > 0 && hasChild[0]) {
    for (let child = 1; child !== 0; child = next[child]!) {
      if (first[child]! < 128) rootAscii[first[child]!] = child;
    }
  }

  const fatOf = new Int16Array(size);
  const fat: number[] = [];
  for (let node = 1; node < size && fat.length < 0x7ffe; node++) {
    if (!hasChild[node]) continue;
    let children = 0;
    let far = false;
    for (let child = node + 1; child !== 0; child = next[child]!) {
      children++;
      if (child - node > 0xffff) far = true;
    }
    if (children >= FAT_CHILDREN && !far) {
      fat.push(node);
      fatOf[node] = fat.length;
    }
  }
  const fatTable = new Uint16Array(fat.length * 128);
  fat.forEach((node, t) => {
    for (let child = node + 1; child !== 0; child = next[child]!) {
      if (first[child]! < 128) fatTable[t * 128 + first[child]!] = child - node;
    }
  });
  return {
    labels: packed.labels,
    size,
    labelStart,
    first,
    next,
    hasChild,
    endStart,
    ends,
    rootAscii,
    fatOf,
    fatTable,
  };
}

/** The folded key that ends at `node`: found by walking down from the root, for the rare caller. */
export function keyOfNode(trie: Trie, node: number): string {
  let key = '';
  let at = 0;
  while (at !== node) {
    // The child whose subtree holds `node`: the last child numbered at or before it.
    let child = at + 1;
    while (trie.next[child] !== 0 && trie.next[child]! <= node) child = trie.next[child]!;
    key += trie.labels.slice(trie.labelStart[child], trie.labelStart[child + 1]);
    at = child;
  }
  return key;
}

/** The node where term `term` ends (a term is listed at exactly one node). */
export function nodeOfTerm(trie: Trie, term: number): number {
  // Shipped tries list terms in order, so the term is usually at its own index.
  const guess = trie.ends[term] === term ? term : trie.ends.indexOf(term);
  for (let e = guess; e >= 0; e = -1) {
    // endStart is ascending: the last node whose terms start at or before e.
    let lo = 0;
    let hi = trie.size - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (trie.endStart[mid]! <= e) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  return -1;
}
