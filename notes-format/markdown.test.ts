import { describe, expect, it } from 'vitest';
import { escapeBlock, toMarkdown } from './markdown';
import { EXPORTED_AT, lookup, sampleNotes } from './test-notes';

describe('Markdown export', () => {
  const md = toMarkdown(sampleNotes(), lookup, EXPORTED_AT);

  it('has one section per entity by name, then the passages, each with a stable id', () => {
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual(['## European Union', '## NATO', '## Other passages']);
    expect(md).toContain('<!-- backstory:entity nato -->');
    expect(md).toContain('<!-- backstory:entity none -->');
    for (const note of sampleNotes()) expect(md).toContain(`<!-- backstory:note ${note.id} -->`);
  });

  it('puts each note under its entity with quote, tags, page and times', () => {
    const nato = md.slice(md.indexOf('## NATO'), md.indexOf('## Other passages'));
    expect(nato).toContain('> two percent');
    expect(nato).toContain('Tags: #defence #money');
    expect(nato).toContain(
      'Page: [NATO \\[summit\\] \\*live\\*](<https://news.example/world/nato-summit?id=7>), published 2026-11-19',
    );
    expect(nato).toContain('Written 2026-11-20 09:30 UTC, edited 2026-11-20 09:31 UTC');
    expect(nato).toContain('[Wikidata Q7184](<https://www.wikidata.org/wiki/Q7184>)');
  });

  it('gives the same text for the same notes in any order, so a re-export only adds what is new', () => {
    const notes = sampleNotes();
    expect(toMarkdown([...notes].reverse(), lookup, EXPORTED_AT)).toBe(md);
    const more = toMarkdown(
      [...notes, { ...notes[0]!, id: 'later', createdAt: notes[0]!.createdAt + 1 }],
      lookup,
      EXPORTED_AT,
    );
    // The earlier text of the section is unchanged; the new note follows it.
    const section = (text: string) =>
      text.slice(text.indexOf('## NATO'), text.indexOf('<!-- backstory:note later'));
    expect(
      section(more).startsWith(md.slice(md.indexOf('## NATO'), md.indexOf('## Other passages')).trimEnd()),
    ).toBe(true);
  });

  it('shows note text as written: nothing in it becomes structure or HTML', () => {
    expect(escapeBlock('# title\n> quote\n- item\n1984. A year\n<script>x</script>\n*bold* [link](x)')).toBe(
      '\\# title\n\\> quote\n\\- item\n1984\\. A year\n\\<script>x\\</script>\n\\*bold\\* \\[link\\](x)',
    );
  });

  it('leaves web addresses in note text alone so that they stay links', () => {
    expect(escapeBlock('see https://example.com/a_b*c and _this_')).toBe(
      'see https://example.com/a_b*c and \\_this\\_',
    );
  });

  it('names an entry the glossary no longer has by its id', () => {
    const [note] = sampleNotes();
    expect(toMarkdown([{ ...note!, entryId: 'gone-entry' }], lookup, EXPORTED_AT)).toContain('## gone-entry');
  });
});
