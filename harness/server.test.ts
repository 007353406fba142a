import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { splitSeed } from './seed';
import { startServer, type StaticServer } from './server';

describe('seed page', () => {
  test('splits page chrome, headline and paragraphs', () => {
    const { chrome, headline, paragraphs } = splitSeed(
      'Links\n\nBreaking\n\nA Short Headline\n\n' +
        'This first paragraph is long enough to count as the start of the article body text.\n\n' +
        'And a second one follows it, also long enough to be counted as a paragraph of body text.\n',
    );
    expect(chrome).toEqual(['Links', 'Breaking']);
    expect(headline).toBe('A Short Headline');
    expect(paragraphs).toHaveLength(2);
  });
});

describe('static server', () => {
  let server: StaticServer;
  beforeAll(async () => {
    server = await startServer({ extraPages: { '/fixture/x.html': '<p>fixture</p>' } });
  });
  afterAll(() => server.close());

  test('serves the seed article as HTML with its date and headline', async () => {
    const response = await fetch(server.url('/seed.html'));
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('<title>NATO, Russia to Step Up Cooperation</title>');
    expect(html).toContain('<meta property="article:published_time" content="2001-10-03">');
    expect(html).toMatch(/<p>Russian President Vladimir Putin and NATO Secretary-General George Robertson /);
  });

  test('serves shared pages, the demo and extra pages; nothing else', async () => {
    expect((await fetch(server.url('/pages/nytimes-1.html'))).status).toBe(200);
    expect((await fetch(server.url('/demo/article.html'))).status).toBe(200);
    expect(await (await fetch(server.url('/fixture/x.html'))).text()).toBe('<p>fixture</p>');
    expect((await fetch(server.url('/pages/missing.html'))).status).toBe(404);
    expect((await fetch(server.url('/package.json'))).status).toBe(404);
    // Encoded so the client does not resolve the dots itself.
    expect((await fetch(server.url('/demo/..%2Fpackage.json'))).status).toBe(404);
    expect((await fetch(server.url('/pages/..%2F..%2Fmain%2Fpackage.json'))).status).toBe(404);
  });
});
