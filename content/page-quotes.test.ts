// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { Note } from '../storage/note-model';
import { makeNote } from '../popup/test-fakes';
import { findPassages, quoteOfRange } from './page-quotes';

function page(html: string) {
  const parsed = new DOMParser().parseFromString(`<div>${html}</div>`, 'text/html');
  const div = document.importNode(parsed.body.firstElementChild!, true);
  document.body.replaceChildren(div);
  return div;
}

const note = (id: string, quote: Note['quote']): Note => makeNote({ id, entryId: null, text: id, quote });

describe('quoteOfRange', () => {
  it('quotes a selection without its edge spaces, with context, and gives the range it covers', () => {
    const div = page('<p>The summit ended. <b>Leaders met</b> again in June.</p>');
    const selected = document.createRange();
    selected.setStart(div.querySelector('p')!.firstChild!, 'The summit ended'.length);
    selected.setEnd(div.querySelector('p')!.lastChild!, 1);
    const found = quoteOfRange(document, selected)!;
    expect(found.quote.exact).toBe('. Leaders met');
    expect(found.quote.prefix.endsWith('summit ended')).toBe(true);
    expect(found.quote.suffix.startsWith(' again')).toBe(true);
    expect(found.range.toString()).toBe('. Leaders met');
  });

  it('gives nothing for a selection of white space', () => {
    const div = page('<p>One   two</p>');
    const selected = document.createRange();
    selected.setStart(div.querySelector('p')!.firstChild!, 4);
    selected.setEnd(div.querySelector('p')!.firstChild!, 5);
    expect(quoteOfRange(document, selected)).toBeNull();
  });
});

describe('findPassages', () => {
  it('finds notes on the live page, groups those on one passage and says which were placed', () => {
    page('<p>Intro. The alliance met in <i>Vilnius</i>, to talk about Ukraine.</p>');
    const quote = { exact: 'met in Vilnius', prefix: 'The alliance ', suffix: ' to talk' };
    const gone = { exact: 'a sentence that was deleted entirely', prefix: '', suffix: '' };
    const [a, b, c] = [note('a', quote), note('b', quote), note('c', gone)];
    const { passages, placed } = findPassages(document, [a, b, c]);
    expect(passages).toHaveLength(1);
    expect(passages[0]!.range.toString()).toBe('met in Vilnius');
    expect(passages[0]!.quote).toBe('met in Vilnius');
    expect(passages[0]!.notes).toEqual([a, b]);
    expect([...placed]).toEqual([a, b]);
  });
});
