/**
 * "Add note to selection" on the page's context menu. The background only relays the click: the
 * content script owns the selection, builds the quote and opens the note card beside it.
 */
import { browser } from 'wxt/browser';
import { askTab } from '../messaging/clients';

export const NOTE_MENU_ID = 'backstory-note-selection';

async function createMenu(): Promise<void> {
  // Created afresh each time: an item left from an earlier version would make `create` fail.
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({
    id: NOTE_MENU_ID,
    title: 'Add note to selection',
    contexts: ['selection'],
  });
}

export function setUpContextMenu(): void {
  const create = () =>
    void createMenu().catch((error: unknown) => console.error('Backstory: context menu', error));
  browser.runtime.onInstalled.addListener(create);
  browser.runtime.onStartup.addListener(create);
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== NOTE_MENU_ID || tab?.id === undefined) return;
    void askTab(tab.id, 'noteOnSelection', {}).then((result) => {
      if (!result.ok) console.info(`Backstory: no note card on this page (${result.error.message})`);
    });
  });
}
