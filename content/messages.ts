/** Answers the content protocol (popup and background asking this tab) for the running page. */
import { browser } from 'wxt/browser';
import { createDispatcher } from '../messaging/channel';
import { contentRequests, type ContentResults } from '../messaging/content-protocol';
import type { BackstoryPage } from './page';

export function listenToExtension(
  host: string,
  getPage: () => BackstoryPage | null,
  signal: AbortSignal,
): void {
  const listener = createDispatcher<typeof contentRequests, ContentResults>({
    schemas: contentRequests,
    handlers: {
      getPageEntities: () => getPage()?.entities() ?? [],
      revealEntity: ({ entryId }) => getPage()?.reveal(entryId) ?? false,
      nextEntity: () => getPage()?.next() ?? false,
      getPageHost: () => host,
      noteOnSelection: () => getPage()?.noteOnSelection() ?? false,
    },
    // Only the extension itself can reach a content script's runtime.onMessage, but check anyway.
    allow: (_type, sender) => (sender.id === browser.runtime.id ? null : 'not from Backstory'),
  });
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener), { once: true });
}
