// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { anchorQuote, describeQuote } from '../anchoring/text-quote';
import { rangeAt, rangeOffsets, readPageText } from './page-text';

function page(html: string) {
  const parsed = new DOMParser().parseFromString(`<div>${html}</div>`, 'text/html');
  const div = document.importNode(parsed.body.firstElementChild!, true);
  document.body.replaceChildren(div);
  return div;
}

describe('page text', () => {
  it('reads text nodes in order, skipping scripts and styles', () => {
    page('<p>One <b>two</b></p><script>var x</script><style>p{}</style><p>three</p>');
    expect(readPageText(document.body).text).toBe('One twothree');
  });

  it('maps a selection to offsets and back, across elements', () => {
    const div = page('<p>The <i>quick</i> brown fox</p>');
    const text = readPageText(document.body);
    const r = document.createRange();
    r.setStart(div.querySelector('i')!.firstChild!, 2);
    r.setEnd(div.querySelector('p')!.lastChild!, 6);
    const at = rangeOffsets(text, r)!;
    expect(text.text.slice(at.start, at.end)).toBe('ick brown');
    const back = rangeAt(text, at.start, at.end)!;
    expect(back.toString()).toBe('ick brown');
  });

  it('finds a described quote again after the text moved', () => {
    page('<p>Intro.</p><p>The alliance met in Vilnius to talk.</p>');
    const before = readPageText(document.body);
    const start = before.text.indexOf('met in Vilnius');
    const sel = describeQuote(before.text, start, start + 'met in Vilnius'.length);
    page('<p>A new first paragraph.</p><p>Intro.</p><p>The alliance met at Vilnius to talk.</p>');
    const after = readPageText(document.body);
    const found = anchorQuote(after.text, sel)!;
    expect(rangeAt(after, found.start, found.end)!.toString()).toBe('met at Vilnius');
  });
});
