import entries from 'virtual:glossary-details';
import { browser } from 'wxt/browser';
import { forwardCommands } from '../background/commands';
import { setUpContextMenu } from '../background/context-menu';
import { createSenderPolicy } from '../background/senders';
import { createBackgroundService } from '../background/service';
import { backgroundRequests } from '../messaging/background-protocol';
import { createDispatcher } from '../messaging/channel';
import { openDb } from '../storage/db';
import { createNotes } from '../storage/notes';
import { requestPersistence, storageFigures } from '../storage/persist';
import { readReaderEntries } from '../storage/reader-entries';

import { defineBackground } from 'wxt/utils/define-background';

export default defineBackground(() => {
  // Asked early and without waiting: notes must never be evicted to free disk space.
  void requestPersistence().then((outcome) => {
    if (outcome !== 'persisted') console.info(`Backstory: persistent storage ${outcome}`);
  });
  const service = createBackgroundService({
    entries,
    notes: createNotes(openDb()),
    storageFigures: () => storageFigures(),
    readerGlossary: () => readReaderEntries(),
    openNotesTab: async () => {
      await browser.tabs.create({ url: browser.runtime.getURL('/notes.html') });
    },
  });
  browser.runtime.onMessage.addListener(
    createDispatcher({
      schemas: backgroundRequests,
      handlers: service,
      allow: createSenderPolicy(browser.runtime.id, browser.runtime.getURL('/')),
      onError: (type, error) => console.error(`Backstory: "${type}" failed`, error),
    }),
  );
  forwardCommands();
  setUpContextMenu();
});
