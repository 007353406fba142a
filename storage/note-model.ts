/**
 * The note model, version 2, shared by storage, the background protocol, the notes formats and the UI.
 * Pure: no Dexie, no browser APIs.
 */

/** W3C Web Annotation TextQuoteSelector: the quoted words and a little text either side of them. */
export interface TextQuoteSelector {
  readonly exact: string;
  /** Text just before `exact` on the page ('' at the start of a text run). */
  readonly prefix: string;
  /** Text just after `exact` on the page. */
  readonly suffix: string;
}

/** An earlier state of a note, kept so that an edit can be undone. */
export interface NoteVersion {
  readonly text: string;
  /** The tags at that time; absent in versions recorded before tags existed. */
  readonly tags?: readonly string[];
  /** When that version was written (ms since the epoch). */
  readonly updatedAt: number;
}

export interface Note {
  /** A random UUID; stable across export and import. */
  readonly id: string;
  /** The glossary entry the note is about; `null` for a note on a selection that is not a glossary name. */
  readonly entryId: string | null;
  readonly text: string;
  /** Normalised (see `normalizeTags`): trimmed, lower case, no leading '#', no duplicates. */
  readonly tags: readonly string[];
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  readonly updatedAt: number;
  /** The page the note was written on, as the browser reported it; '' for a note written in the notes view. */
  readonly pageUrl: string;
  readonly pageTitle: string;
  /** The page's publication day (YYYY-MM-DD) when the page said it. */
  readonly pageDate: string | null;
  /** The sentence the note was written on, to find the place again. */
  readonly quote: TextQuoteSelector | null;
  /** Earlier versions, oldest first; `undoEdit` restores the last one. At most `MAX_HISTORY`. */
  readonly history: readonly NoteVersion[];
}

export const MAX_HISTORY = 50;
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 50;
export const MAX_NOTE_TEXT = 20_000;
export const MAX_QUOTE_EXACT = 2_000;
export const MAX_QUOTE_CONTEXT = 200;

/** Tags compare without case, whitespace runs or a leading '#'; returns them in first-seen order. */
export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const raw of tags) {
    const tag = raw.replace(/^#+/, '').replace(/\s+/g, ' ').trim().toLowerCase().slice(0, MAX_TAG_LENGTH);
    if (tag !== '') seen.add(tag);
  }
  return [...seen].slice(0, MAX_TAGS);
}

/** Query parameters that only say where a click came from; the same article with them is the same page. */
const TRACKING_PARAM = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid)$/i;

/**
 * The key notes of a page are stored and found under: the URL without its fragment and without
 * click-tracking parameters. A URL the URL parser refuses is used as it is, fragment removed.
 */
export function pageKey(url: string): string {
  if (url === '') return '';
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    for (const name of [...parsed.searchParams.keys()]) {
      if (TRACKING_PARAM.test(name)) parsed.searchParams.delete(name);
    }
    return parsed.href;
  } catch {
    return url.replace(/#.*$/s, '');
  }
}

/** The site a page belongs to, as shown in the site filter: its host name without a leading "www.". */
export function siteOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** Page addresses a note may carry: pages the content script runs on, or none. Never `javascript:` and the like. */
export function isSafePageUrl(url: string): boolean {
  if (url === '') return true;
  try {
    return ['http:', 'https:', 'file:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}
