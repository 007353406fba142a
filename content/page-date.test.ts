// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { dateInUrl, isoDay, publicationDate } from './page-date';

function doc(head: string, body = ''): Document {
  const d = document.implementation.createHTMLDocument('t');
  d.head.append(d.createRange().createContextualFragment(head));
  d.body.append(d.createRange().createContextualFragment(body));
  return d;
}

describe('publicationDate', () => {
  it('reads article:published_time first', () => {
    const d = doc(
      '<meta property="article:published_time" content="2001-10-03T12:00:00Z"><meta name="date" content="1999-01-01">',
    );
    expect(publicationDate(d, 'https://x.example/')).toBe('2001-10-03');
  });
  it('reads JSON-LD datePublished, also inside @graph and arrays', () => {
    const d = doc(
      '<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2017-02-01T09:00:00-05:00"}]}</script>',
    );
    expect(publicationDate(d, 'https://x.example/')).toBe('2017-02-01');
  });
  it('survives broken JSON-LD and falls back to <time datetime>', () => {
    const d = doc(
      '<script type="application/ld+json">{not json</script>',
      '<article><time datetime="2010-05-06">6 May</time></article>',
    );
    expect(publicationDate(d, 'https://x.example/')).toBe('2010-05-06');
  });
  it('falls back to a date in the URL, and gives null without any', () => {
    expect(publicationDate(doc(''), 'https://news.example/2001/10/03/nato-russia.html')).toBe('2001-10-03');
    expect(publicationDate(doc(''), 'https://news.example/world/nato')).toBeNull();
  });
});

describe('isoDay and dateInUrl', () => {
  it.each([
    ['2001-10-03', '2001-10-03'],
    ['2001-02-30', null],
    ['October 3, 2001', null],
    ['0001-01-01', null],
    ['', null],
  ])('isoDay(%j) = %j', (input, expected) => {
    expect(isoDay(input)).toBe(expected);
  });
  it('reads /YYYY/MM/DD/ and -YYYY-MM-DD- paths only', () => {
    expect(dateInUrl('https://x.example/2016/11/07/a')).toBe('2016-11-07');
    expect(dateInUrl('https://x.example/story-2016-11-07-a')).toBeNull();
    expect(dateInUrl('not a url')).toBeNull();
  });
});
