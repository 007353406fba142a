import loadIndex from 'virtual:glossary-index';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { highlightsSupported } from '../../content/highlighter';
import { runTab } from '../../content/tab';
import './highlights.css';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*', 'file:///*'],
  runAt: 'document_idle',
  async main(ctx) {
    if (!highlightsSupported() || !document.body) return;
    await runTab({ doc: document, loadIndex, signal: ctx.signal });
  },
});
