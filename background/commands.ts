/** Keyboard commands (manifest `commands`) are delivered to the background; the page acts on them. */
import { browser } from 'wxt/browser';
import { askTab } from '../messaging/clients';

export function forwardCommands(): void {
  browser.commands.onCommand.addListener(async (command) => {
    if (command !== 'next-entity') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id !== undefined) await askTab(tab.id, 'nextEntity', {});
  });
}
