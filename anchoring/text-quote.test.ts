import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchorQuote, describeQuote } from './text-quote';

const page =
  'NATO and Russia agreed to step up cooperation. Mr. Putin met Mr. Robertson in Brussels. ' +
  'Later, Mr. Putin said Russia might reconsider its opposition to NATO enlargement.';

describe('describeQuote', () => {
  it('keeps the quote and up to 32 characters of context on each side', () => {
    const start = page.indexOf('Mr. Robertson');
    const sel = describeQuote(page, start, start + 'Mr. Robertson'.length);
    expect(sel).toEqual({
      type: 'TextQuoteSelector',
      exact: 'Mr. Robertson',
      prefix: page.slice(start - 32, start),
      suffix: page.slice(start + 13, start + 45),
    });
    expect(describeQuote('abc', 0, 1)).toMatchObject({ prefix: '', suffix: 'bc' });
  });
});

describe('anchorQuote', () => {
  it('finds an exact quote, choosing the occurrence whose context matches', () => {
    const second = page.lastIndexOf('Mr. Putin');
    const sel = describeQuote(page, second, second + 9);
    expect(anchorQuote(page, sel)).toEqual({ start: second, end: second + 9, errors: 0 });
  });

  it('finds the quote again when text moved around it', () => {
    const start = page.indexOf('Mr. Robertson in Brussels');
    const sel = describeQuote(page, start, start + 25);
    const changed = `BREAKING: a new first paragraph was added.\n\n${page.replace('step up', 'deepen')}`;
    const found = anchorQuote(changed, sel);
    expect(found && changed.slice(found.start, found.end)).toBe('Mr. Robertson in Brussels');
  });

  it('finds a quote whose own words were edited a little', () => {
    const start = page.indexOf('might reconsider its opposition');
    const sel = describeQuote(page, start, start + 'might reconsider its opposition'.length);
    const edited = page.replace('might reconsider its opposition', 'may reconsider its opposition');
    const found = anchorQuote(edited, sel);
    expect(found && edited.slice(found.start, found.end)).toBe('may reconsider its opposition');
    expect(found!.errors).toBeGreaterThan(0);
  });

  it('gives up when the quote is gone', () => {
    const sel = describeQuote(page, 0, 15);
    expect(anchorQuote('Something else entirely, with no alliance in it at all.', sel)).toBeNull();
    expect(anchorQuote(page, { exact: '', prefix: '', suffix: '' })).toBeNull();
  });

  it('finds any quote of a text in that same text (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), fc.nat(), fc.nat(), (text, a, b) => {
        const start = a % text.length;
        const end = start + 1 + (b % (text.length - start));
        const found = anchorQuote(text, describeQuote(text, start, end));
        return found !== null && text.slice(found.start, found.end) === text.slice(start, end);
      }),
    );
  });
});
