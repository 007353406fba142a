import { describe, expect, it } from 'vitest';
import type { Note } from '../storage/note-model';
import { makeNote } from '../popup/test-fakes';
import { anchorPassages, quoteFor } from './note-passages';

const note = (id: string, quote: Note['quote']): Note => makeNote({ id, entryId: null, text: id, quote });

describe('quoteFor', () => {
  it('leaves out white space at the edges and keeps context', () => {
    const text = 'The summit ended. Leaders met again in June.';
    const at = text.indexOf(' Leaders');
    const q = quoteFor(text, at, at + ' Leaders met '.length)!;
    expect(q.quote.exact).toBe('Leaders met');
    expect(q.quote.prefix.endsWith('ended. ')).toBe(true);
    expect(q.quote.suffix.startsWith(' again')).toBe(true);
    expect(quoteFor(text, 3, 4)).toBeNull();
  });
});

describe('anchorPassages', () => {
  it('finds quotes again in changed text and groups notes on the same stretch', () => {
    const before = 'Intro. The alliance met in Vilnius to talk about Ukraine.';
    const q = quoteFor(before, before.indexOf('met in'), before.indexOf(' to talk'))!.quote;
    const after = 'New lead paragraph here. Intro. The alliance met in Vilnius, to talk about Ukraine.';
    const spans = anchorPassages(after, [note('a', q), note('b', q), note('c', null)]);
    expect(spans).toHaveLength(1);
    expect(after.slice(spans[0]!.start, spans[0]!.end)).toBe('met in Vilnius');
    expect(spans[0]!.notes.map((n) => n.id)).toEqual(['a', 'b']);
  });

  it('drops notes whose passage is gone', () => {
    const q = { exact: 'a sentence that was deleted entirely', prefix: '', suffix: '' };
    expect(anchorPassages('Nothing like it here at all.', [note('a', q)])).toEqual([]);
  });
});
