import index from 'virtual:glossary-index';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { highlightsSupported } from '../../content/highlighter';
import { listenToExtension } from '../../content/messages';
import { startPage, type BackstoryPage, type CardApi } from '../../content/page';
import { compileMatcher } from '../../matcher/matcher';
import { askBackground } from '../../messaging/clients';
import { readSettings, updateSettings, watchSettings, type Settings } from '../../storage/settings';
import { isSiteEnabled, watchSite } from '../../storage/site-settings';
import './highlights.css';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*', 'file:///*'],
  runAt: 'document_idle',
  async main(ctx) {
    if (!highlightsSupported() || !document.body) return;
    const host = location.hostname;
    const matcher = compileMatcher(index.terms);
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
    let settings: Settings = await readSettings();
    let page: BackstoryPage | null = null;
    let pageLife: AbortController | null = null;
    const setEnabled = (enabled: boolean) => {
      pageLife?.abort();
      pageLife = null;
      page = null;
      if (!enabled) return;
      pageLife = new AbortController();
      const signal = AbortSignal.any([ctx.signal, pageLife.signal]);
      page = startPage({ doc: document, index, api, signal, matcher, settings });
    };
    watchSettings((next) => {
      settings = next;
      page?.setSettings(next);
    }, ctx.signal);
    listenToExtension(host, () => page, ctx.signal);
    watchSite(host, setEnabled, ctx.signal);
    setEnabled(await isSiteEnabled(host));
  },
});
