import index from 'virtual:glossary-index';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { cardCodeLoader } from '../../content/card-code';
import { highlightsSupported } from '../../content/highlighter';
import { listenToExtension } from '../../content/messages';
import { startPage, type BackstoryPage, type CardApi } from '../../content/page';
import { withReaderEntries } from '../../content/reader-index';
import type { GlossaryIndex } from '../../glossary/compile';
import { compileMatcher, type Matcher } from '../../matcher/matcher';
import { askBackground } from '../../messaging/clients';
import {
  hiddenBundledIds,
  readReaderEntries,
  watchReaderEntries,
  type ReaderGlossary,
} from '../../storage/reader-entries';
import {
  readSettings,
  siteEnabled,
  updateSettings,
  watchSettings,
  type Settings,
} from '../../storage/settings';
import { watchSite } from '../../storage/site-settings';
import './highlights.css';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*', 'file:///*'],
  runAt: 'document_idle',
  async main(ctx) {
    if (!highlightsSupported() || !document.body) return;
    const host = location.hostname;
    const bundledMatcher = compileMatcher(index.terms);
    // The reader's own entries join the index (and need a matcher of their own) only when there are some.
    let glossary: { index: GlossaryIndex; matcher: Matcher; hidden: Set<string> };
    const useReaderGlossary = (reader: ReaderGlossary) => {
      const merged = withReaderEntries(index, reader.entries);
      glossary = {
        index: merged,
        matcher: merged === index ? bundledMatcher : compileMatcher(merged.terms),
        hidden: hiddenBundledIds(reader),
      };
    };
    // One parallel read of everything a page needs before its first scan.
    const [reader, initialSettings] = await Promise.all([readReaderEntries(), readSettings()]);
    useReaderGlossary(reader);
    const api: CardApi = {
      getCard: (entryId) => askBackground('getCard', { entryId }),
      addNote: (note) => askBackground('addNote', note),
      notesForPage: () => askBackground('notesForPage', {}),
      mute: async (entryId) => {
        const { mutedEntries } = await readSettings();
        if (!mutedEntries.includes(entryId))
          await updateSettings({ mutedEntries: [...mutedEntries, entryId] });
      },
    };
    // One import of the card's code for every page this script starts, when a card is first wanted.
    const loadCardCode = cardCodeLoader();
    let settings: Settings = initialSettings;
    let page: BackstoryPage | null = null;
    let pageLife: AbortController | null = null;
    const setEnabled = (enabled: boolean) => {
      pageLife?.abort();
      pageLife = null;
      page = null;
      if (!enabled) return;
      pageLife = new AbortController();
      const signal = AbortSignal.any([ctx.signal, pageLife.signal]);
      page = startPage({
        doc: document,
        index: glossary.index,
        api,
        signal,
        loadCardCode,
        matcher: glossary.matcher,
        settings,
        hiddenEntries: glossary.hidden,
      });
    };
    watchSettings((next) => {
      settings = next;
      page?.setSettings(next);
    }, ctx.signal);
    watchReaderEntries((reader) => {
      useReaderGlossary(reader);
      // The marks start again with the new names; the page is rescanned (rare: the options page changed).
      if (page) setEnabled(true);
    }, ctx.signal);
    listenToExtension(host, () => page, ctx.signal);
    watchSite(host, setEnabled, ctx.signal);
    setEnabled(siteEnabled(settings, host));
  },
});
