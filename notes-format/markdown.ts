/**
 * Markdown export: one section per entity (by name), then notes on passages that are not glossary
 * names. Each section and note carries its id in an HTML comment, which Markdown viewers hide, so a
 * notes app or a script can match a re-exported note to the one it already has instead of adding a
 * copy. Within a section notes are oldest first, so new notes land at the end of their section.
 */
import type { Note } from '../storage/note-model';
import { fileOrder, isoTime } from './json';
import type { EntityInfo, EntityInfoLookup } from './types';

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Characters that start a block (heading, quote, list, fence, rule, table row) when they open a line. */
const BLOCK_START = /^(\s*)([#>+\-*=|`~])/;
/** An ordered list item: escaping its "." or ")" keeps it a sentence ("1984\. A year"). */
const ORDERED_START = /^(\s*\d+)([.)])/;

/** Web addresses in note text; left unescaped so that viewers still make them links. */
const URL_IN_TEXT = /(https?:\/\/[^\s<>]+)/;

/** Escapes the characters that mark emphasis, code, links or HTML, outside web addresses. */
const escapeSpans = (line: string) =>
  line
    .split(URL_IN_TEXT)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[\\<[\]*_`]/g, '\\$&')))
    .join('');

/** Text shown as written, with nothing in it read as Markdown structure or HTML. */
export function escapeBlock(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) =>
      escapeSpans(line)
        .replace(BLOCK_START, (_m, space: string, mark: string) => `${space}\\${mark}`)
        .replace(ORDERED_START, (_m, number: string, mark: string) => `${number}\\${mark}`),
    )
    .join('\n');
}

/** Text inside a heading or link text: one line, escaped. */
export function escapeInline(text: string): string {
  return escapeBlock(text.replace(/\s+/g, ' ').trim());
}

/** A link target Markdown can't misread: parsed, re-serialised and in angle brackets. */
function linkTarget(url: string): string {
  try {
    return `<${new URL(url).href.replace(/[<>]/g, encodeURIComponent)}>`;
  } catch {
    return `<${encodeURI(url).replace(/[<>]/g, encodeURIComponent)}>`;
  }
}

const day = (ms: number) => isoTime(ms).slice(0, 10);
const minute = (ms: number) => `${isoTime(ms).slice(0, 16).replace('T', ' ')} UTC`;
const tagWord = (tag: string) => `#${tag.replace(/\s+/g, '-')}`;

function noteBlock(note: Note): string {
  const lines: string[] = [];
  const where = note.pageTitle.trim() || (note.pageUrl ? note.pageUrl : 'written in Backstory');
  lines.push(
    `### ${day(note.createdAt)} · ${escapeInline(where)}`,
    '',
    `<!-- backstory:note ${note.id} -->`,
    '',
  );
  if (note.quote) lines.push(`> ${escapeInline(note.quote.exact)}`, '');
  lines.push(escapeBlock(note.text), '');
  if (note.tags.length > 0) lines.push(`Tags: ${note.tags.map(tagWord).join(' ')}`, '');
  const about: string[] = [];
  if (note.pageUrl) {
    const title = escapeInline(note.pageTitle.trim() || note.pageUrl);
    about.push(
      `Page: [${title}](${linkTarget(note.pageUrl)})${note.pageDate ? `, published ${note.pageDate}` : ''}`,
    );
  }
  about.push(
    note.updatedAt === note.createdAt
      ? `Written ${minute(note.createdAt)}`
      : `Written ${minute(note.createdAt)}, edited ${minute(note.updatedAt)}`,
  );
  lines.push(about.join('  \n'), '');
  return lines.join('\n');
}

function entityHeading(id: string, entity: EntityInfo | undefined): string {
  const name = entity?.name ?? id;
  const lines = [`## ${escapeInline(name)}`, '', `<!-- backstory:entity ${id} -->`, ''];
  if (entity) {
    const wikidata = entity.qid
      ? ` · [Wikidata ${entity.qid}](<https://www.wikidata.org/wiki/${entity.qid}>)`
      : '';
    lines.push(`*${escapeInline(entity.kind)}*${wikidata}`, '');
  }
  return lines.join('\n');
}

export function toMarkdown(notes: readonly Note[], lookup: EntityInfoLookup, exportedAt: number): string {
  const groups = new Map<string | null, Note[]>();
  for (const note of [...notes].sort(fileOrder)) {
    const group = groups.get(note.entryId);
    if (group) group.push(note);
    else groups.set(note.entryId, [note]);
  }
  const name = (id: string) => lookup(id)?.name ?? id;
  const entityIds = [...groups.keys()]
    .filter((id): id is string => id !== null)
    .sort((a, b) => collator.compare(name(a), name(b)) || (a < b ? -1 : 1));

  const parts = [
    '# Backstory notes',
    '',
    `Exported ${isoTime(exportedAt)}: ${notes.length} ${notes.length === 1 ? 'note' : 'notes'}.`,
    '',
  ];
  for (const id of entityIds) {
    parts.push(entityHeading(id, lookup(id)));
    for (const note of groups.get(id)!) parts.push(noteBlock(note));
  }
  const passages = groups.get(null);
  if (passages) {
    parts.push('## Other passages', '', '<!-- backstory:entity none -->', '');
    for (const note of passages) parts.push(noteBlock(note));
  }
  return `${parts.join('\n').trimEnd()}\n`;
}
