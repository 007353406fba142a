/**
 * Loading the card's code. Most tabs never open a card, so Preact, Floating UI and the card's
 * components are not in the content script: they are the ES module `content-scripts/card.js`
 * (`card-module.ts`), imported from the extension's own files the first time a card is wanted.
 * A module imported by a content script runs in the content script's world (Chrome's isolated
 * world, Firefox's content script sandbox), with the extension's origin: the page's CSP does not
 * apply and the page can't reach the module's state. No network is involved.
 */
import { browser } from 'wxt/browser';
import type * as CardModuleExports from './card-module';
import { CARD_MODULE_FILE } from './card-module-file';

export type CardModule = typeof CardModuleExports;

/**
 * A loader that imports the card's code once and shares it with every page the content script
 * starts; an import that failed is tried again at the next card.
 */
export function cardCodeLoader(
  load: () => Promise<CardModule> = importCardModule,
): () => Promise<CardModule> {
  let pending: Promise<CardModule> | null = null;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
}

function importCardModule(): Promise<CardModule> {
  return import(/* @vite-ignore */ browser.runtime.getURL(`/${CARD_MODULE_FILE}`)) as Promise<CardModule>;
}
