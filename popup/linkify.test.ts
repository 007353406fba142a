import { describe, expect, test } from 'vitest';
import { linkify } from './linkify';

const links = (text: string) =>
  linkify(text)
    .filter((p) => p.kind === 'link')
    .map((p) => p.text);

describe('linkify', () => {
  test('plain text stays one part', () => {
    expect(linkify('no links here')).toEqual([{ kind: 'text', text: 'no links here' }]);
    expect(linkify('')).toEqual([]);
  });

  test('finds http and https addresses between text', () => {
    expect(linkify('See https://a.example/x?y=1 and http://b.example.')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://a.example/x?y=1', href: 'https://a.example/x?y=1' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', text: 'http://b.example', href: 'http://b.example/' },
      { kind: 'text', text: '.' },
    ]);
  });

  test('sentence punctuation and closing brackets around an address are not part of it', () => {
    expect(links('(see https://a.example/x), then')).toEqual(['https://a.example/x']);
    expect(links('“https://a.example/q”!')).toEqual(['https://a.example/q']);
    expect(links('https://en.wikipedia.org/wiki/Treaty_(1949).')).toEqual([
      'https://en.wikipedia.org/wiki/Treaty_(1949)',
    ]);
  });

  test('other schemes are never links', () => {
    expect(links('javascript:alert(1) data:text/html,x ftp://a.example file:///etc')).toEqual([]);
    expect(links('https://')).toEqual([]);
  });

  test('the parts put together give the text back', () => {
    const text = 'a https://x.example/(b) c http://y.example/z, d';
    expect(
      linkify(text)
        .map((p) => p.text)
        .join(''),
    ).toBe(text);
  });
});
