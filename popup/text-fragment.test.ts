import { describe, expect, test } from 'vitest';
import { encodeDirectivePart, isWebUrl, quoteUrl, textDirective } from './text-fragment';

describe('text directives', () => {
  test('encodes the characters that mean something in a directive', () => {
    expect(encodeDirectivePart('state-of-the-art, A&B')).toBe('state%2Dof%2Dthe%2Dart%2C%20A%26B');
    expect(encodeDirectivePart('café ünd')).toBe('caf%C3%A9%20%C3%BCnd');
  });

  test('prefix-,exact,-suffix from whole words of the context', () => {
    expect(
      textDirective({
        exact: 'two percent',
        prefix: 'ing to spend at least ',
        suffix: ' of their GDP on defe',
      }),
    ).toBe('text=spend%20at%20least-,two%20percent,-of%20their%20GDP');
  });

  test('context that is all one cut word is left out', () => {
    expect(textDirective({ exact: 'NATO', prefix: 'ending ', suffix: ' said' })).toBe('text=NATO');
    expect(textDirective({ exact: 'NATO', prefix: '', suffix: '' })).toBe('text=NATO');
  });

  test('context whose first word is whole (white space before it) is kept', () => {
    expect(textDirective({ exact: 'NATO', prefix: ' The ', suffix: ' said ' })).toBe('text=The-,NATO,-said');
  });

  test('a quote that starts or ends inside a word gets no context on that side', () => {
    expect(textDirective({ exact: 'lliance', prefix: 'the A', suffix: ' met today' })).toBe(
      'text=lliance,-met',
    );
  });

  test('long quotes become start,end', () => {
    const exact = 'one two three four five six seven eight nine ten eleven twelve';
    expect(textDirective({ exact, prefix: '', suffix: '' })).toBe(
      'text=one%20two%20three%20four,nine%20ten%20eleven%20twelve',
    );
  });

  test('white space runs, new lines included, become single spaces', () => {
    expect(textDirective({ exact: 'North\n  Atlantic', prefix: '', suffix: '' })).toBe(
      'text=North%20Atlantic',
    );
    expect(textDirective({ exact: '   ', prefix: '', suffix: '' })).toBeNull();
  });
});

describe('quoteUrl', () => {
  const quote = { exact: 'two percent', prefix: '', suffix: '' };
  test('appends the directive, keeping the page’s own fragment and dropping an old directive', () => {
    expect(quoteUrl('https://a.example/x?y=1', quote)).toBe('https://a.example/x?y=1#:~:text=two%20percent');
    expect(quoteUrl('https://a.example/#/story/5', quote)).toBe(
      'https://a.example/#/story/5:~:text=two%20percent',
    );
    expect(quoteUrl('https://a.example/#top:~:text=old', quote)).toBe(
      'https://a.example/#top:~:text=two%20percent',
    );
  });
  test('without a quote the address is as it was', () => {
    expect(quoteUrl('https://a.example/x', null)).toBe('https://a.example/x');
  });
});

test('isWebUrl accepts http and https only', () => {
  expect(isWebUrl('https://a.example/')).toBe(true);
  expect(isWebUrl('http://a.example/')).toBe(true);
  expect(isWebUrl('file:///home/x.html')).toBe(false);
  expect(isWebUrl('javascript:alert(1)')).toBe(false);
  expect(isWebUrl('not a url')).toBe(false);
});
