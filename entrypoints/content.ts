import index from 'virtual:glossary-index';
import { defineContentScript } from 'wxt/utils/define-content-script';

export default defineContentScript({
  matches: ['<all_urls>'],
  main() {
    console.log('Backstory', index.ids.length);
  },
});
