/**
 * Backstory in one tab, for as long as its content script lives: the reader's glossary and
 * settings read once before the first scan, the page marked while its site is switched on and
 * left alone while it is off, and marked afresh when the reader's own entries change. The bundled
 * index is unpacked when a page is first marked: a tab whose site is off never pays for it.
 */
import type { GlossaryIndex } from '../glossary/compile';
import { compileMatcher, type Matcher } from '../matcher/matcher';
import { askBackground } from '../messaging/clients';
import {
  hiddenBundledIds,
  readReaderEntries,
  watchReaderEntries,
  type ReaderGlossary,
} from '../storage/reader-entries';
import { readSettings, siteEnabled, updateSettings, watchSettings, type Settings } from '../storage/settings';
import { watchSite } from '../storage/site-settings';
import { cardCodeLoader } from './card-code';
import { listenToExtension } from './messages';
import { startPage, type BackstoryPage, type CardApi, type PageOptions } from './page';
import { withReaderEntries } from './reader-index';

export interface TabOptions {
  readonly doc: Document;
  /** Unpacks the bundled glossary index (called once, when it is first needed). */
  readonly loadIndex: () => GlossaryIndex;
  /** The content script's lifetime (WXT's `ctx.signal`). */
  readonly signal: AbortSignal;
  /** Starts marking the page: `startPage`, or a test's stand-in. */
  readonly start?: (options: PageOptions) => BackstoryPage;
}

/** What the page asks the background and the settings for. */
const cardApi: CardApi = {
  getCard: (entryId) => askBackground('getCard', { entryId }),
  addNote: (note) => askBackground('addNote', note),
  notesForPage: () => askBackground('notesForPage', {}),
  mute: async (entryId) => {
    const { mutedEntries } = await readSettings();
    if (!mutedEntries.includes(entryId)) await updateSettings({ mutedEntries: [...mutedEntries, entryId] });
  },
};

export async function runTab({ doc, loadIndex, signal, start = startPage }: TabOptions): Promise<void> {
  const host = doc.location.hostname;
  // One parallel read of everything a page needs before its first scan.
  const [initialReader, initialSettings] = await Promise.all([readReaderEntries(), readSettings()]);
  if (signal.aborted) return;
  let reader: ReaderGlossary = initialReader;
  let bundled: { index: GlossaryIndex; matcher: Matcher } | null = null;
  const bundledGlossary = () => {
    if (bundled) return bundled;
    const index = loadIndex();
    return (bundled = { index, matcher: compileMatcher(index.terms) });
  };
  // The reader's own entries join the index (and need a matcher of their own) only when there are some.
  let glossary: { index: GlossaryIndex; matcher: Matcher; hidden: Set<string> } | null = null;
  const currentGlossary = () => {
    if (glossary) return glossary;
    const { index, matcher } = bundledGlossary();
    const merged = withReaderEntries(index, reader.entries);
    return (glossary = {
      index: merged,
      matcher: merged === index ? matcher : compileMatcher(merged.terms),
      hidden: hiddenBundledIds(reader),
    });
  };
  // One import of the card's code for every page this tab starts, when a card is first wanted.
  const loadCardCode = cardCodeLoader();
  let settings: Settings = initialSettings;
  let page: BackstoryPage | null = null;
  let pageLife: AbortController | null = null;
  const setEnabled = (enabled: boolean) => {
    pageLife?.abort();
    pageLife = null;
    page = null;
    if (!enabled || signal.aborted) return;
    pageLife = new AbortController();
    const { index, matcher, hidden } = currentGlossary();
    page = start({
      doc,
      index,
      api: cardApi,
      signal: AbortSignal.any([signal, pageLife.signal]),
      loadCardCode,
      matcher,
      settings,
      hiddenEntries: hidden,
    });
  };
  watchSettings((next) => {
    settings = next;
    page?.setSettings(next);
  }, signal);
  watchReaderEntries((next) => {
    reader = next;
    glossary = null;
    // The marks start again with the new names; the page is rescanned (rare: the options page changed).
    if (page) setEnabled(true);
  }, signal);
  listenToExtension(host, () => page, signal);
  watchSite(host, setEnabled, signal);
  setEnabled(siteEnabled(settings, host));
}
