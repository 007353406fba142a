import entries from 'virtual:glossary-details';
import { browser } from 'wxt/browser';
import { forwardCommands } from '../background/commands';
import { createSenderPolicy } from '../background/senders';
import { createBackgroundService } from '../background/service';
import { backgroundRequests } from '../messaging/background-protocol';
import { createDispatcher } from '../messaging/channel';
import { openDb } from '../storage/db';
import { createNotes } from '../storage/notes';

import { defineBackground } from 'wxt/utils/define-background';

export default defineBackground(() => {
  const service = createBackgroundService({
    entries,
    notes: createNotes(openDb()),
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
});
