import index from 'virtual:glossary-index';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { highlightsSupported } from '../../content/highlighter';
import { listenToExtension } from '../../content/messages';
import { startPage, type BackstoryPage } from '../../content/page';
import { compileMatcher } from '../../matcher/matcher';
import { askBackground } from '../../messaging/clients';
import { isSiteEnabled, watchSite } from '../../storage/site-settings';
import './highlights.css';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*', 'file:///*'],
  runAt: 'document_idle',
  async main(ctx) {
    if (!highlightsSupported() || !document.body) return;
    const host = location.hostname;
    const matcher = compileMatcher(index.terms);
    const api = {
      getCard: (entryId: string) => askBackground('getCard', { entryId }),
      addNote: (entryId: string, text: string, pageTitle: string) =>
        askBackground('addNote', { entryId, text, pageTitle }),
    };
    let page: BackstoryPage | null = null;
    let pageLife: AbortController | null = null;
    const setEnabled = (enabled: boolean) => {
      pageLife?.abort();
      pageLife = null;
      page = null;
      if (!enabled) return;
      pageLife = new AbortController();
      const signal = AbortSignal.any([ctx.signal, pageLife.signal]);
      page = startPage({ doc: document, index, api, signal, matcher });
    };
    listenToExtension(host, () => page, ctx.signal);
    watchSite(host, setEnabled, ctx.signal);
    setEnabled(await isSiteEnabled(host));
  },
});
