// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { collectSegments, hasText, nodeIndex, PAUSED, SegmentReader } from './segments';

function segmentsOf(html: string): string[] {
  document.body.replaceChildren();
  const range = document.createRange();
  document.body.append(range.createContextualFragment(html));
  return collectSegments(document.body).map((s) => s.text);
}

describe('collectSegments', () => {
  it('joins inline runs and separates blocks', () => {
    expect(segmentsOf('<p>Vladimir <b>Putin</b> met</p><p>NATO</p>')).toEqual(['Vladimir Putin met', 'NATO']);
  });
  it('separates text on either side of a nested block or a line break', () => {
    expect(segmentsOf('<div>Moscow<p>Paris</p>Berlin<br>Washington</div>')).toEqual([
      'Moscow',
      'Paris',
      'Berlin',
      'Washington',
    ]);
  });
  it('skips scripts, styles, form fields and editors', () => {
    expect(
      segmentsOf(
        '<p>kept</p><script>NATO</script><style>.NATO{}</style><textarea>NATO</textarea>' +
          '<div contenteditable="true">NATO</div><select><option>NATO</option></select><button>NATO</button>',
      ),
    ).toEqual(['kept']);
  });
  it('skips our own card', () => {
    expect(segmentsOf('<p>kept</p><backstory-card>NATO</backstory-card>')).toEqual(['kept']);
  });
  it('drops white-space-only segments', () => {
    expect(segmentsOf('<div>  </div><p>x</p>')).toEqual(['x']);
  });
});

describe('nodeIndex', () => {
  it('maps segment offsets to nodes, ends staying in the node they close', () => {
    segmentsOf('<p>Vladimir <b>Putin</b></p>');
    const [segment] = collectSegments(document.body);
    const { nodes, starts } = segment!;
    expect(nodes[nodeIndex(starts, 9, false)]!.data).toBe('Putin');
    expect(nodes[nodeIndex(starts, 9, true)]!.data).toBe('Vladimir ');
    expect(nodeIndex(starts, 14, true)).toBe(1);
    expect(nodeIndex(starts, 0, false)).toBe(0);
  });
});

describe('SegmentReader', () => {
  it('reads from a start node to the end, and from the top up to it, the same segments', () => {
    const html =
      '<h1>Title</h1><div>Moscow<p id="mid">Paris <b>and</b> Rome</p>Berlin<br>Kyiv</div>' +
      '<script>x</script><p>Vladimir <b>Putin</b></p>';
    const all = segmentsOf(html);
    const mid = document.getElementById('mid')!;
    const read = (reader: SegmentReader) => {
      const out: string[] = [];
      for (let s = reader.next(); s; s = reader.next()) out.push(s.text);
      return out;
    };
    const below = read(new SegmentReader(document.body, { startAt: mid }));
    const above = read(new SegmentReader(document.body, { stopAt: mid }));
    expect([...above, ...below]).toEqual(all);
    expect(below[0]).toBe('Paris and Rome');
  });

  it('gives the nodes that hold a stretch of the segment, with their starts in its text', () => {
    segmentsOf('<p>In <a>Moscow</a>, <b>Vladimir</b> Putin <i>said</i></p>');
    const reader = new SegmentReader(document.body);
    const text = reader.nextText()!;
    const from = text.indexOf('Vladimir');
    const nodes = (a: number, b: number) => {
      const { nodes, starts } = reader.nodesHolding(a, b);
      return nodes.map((n, i) => [n.data, starts[i]]);
    };
    expect(nodes(from, from + 'Vladimir Putin'.length)).toEqual([
      ['Vladimir', from],
      [' Putin ', from + 8],
    ]);
    expect(nodes(0, 2)).toEqual([['In ', 0]]);
    expect(nodes(3, 9)).toEqual([['Moscow', 3]]);
    expect(nodes(0, text.length).length).toBe(reader.count);
  });

  it('stops inside a long run of nodes when overdue, and goes on to the same segments', () => {
    segmentsOf('<h1>NATO</h1><p id="line"></p><p>Vladimir Putin</p>');
    const line = document.getElementById('line')!;
    for (let i = 0; i < 5000; i++) line.append('NATO '[i % 5]!);
    const plain = collectSegments(document.body).map((s) => s.text);
    const reader = new SegmentReader(document.body);
    const texts: string[] = [];
    let pauses = 0;
    for (let text = reader.nextText(() => true); text !== null; text = reader.nextText(() => true)) {
      if (text === PAUSED) pauses++;
      else if (hasText(text)) texts.push(text);
    }
    expect(pauses).toBeGreaterThanOrEqual(4);
    expect(texts).toEqual(plain);
    expect(texts[1]).toHaveLength(5000);
  });

  it('reads a single text node as its own root', () => {
    segmentsOf('<p>NATO</p>');
    const text = document.querySelector('p')!.firstChild!;
    expect(new SegmentReader(text).next()?.text).toBe('NATO');
  });
});

describe('hasText', () => {
  it('agrees with /\\S/ for every UTF-16 unit', () => {
    for (let code = 0; code < 0x10000; code++) {
      const unit = String.fromCharCode(code);
      if (hasText(unit) !== /\S/.test(unit)) expect([code, hasText(unit)]).toEqual([code, /\S/.test(unit)]);
    }
    expect(hasText(' \n\u00a0')).toBe(false);
    expect(hasText(' \n x')).toBe(true);
  });
});
