/** The real implementations of the popup's APIs, over extension messaging and storage. */
import { browser } from 'wxt/browser';
import { askBackground, askTab } from '../messaging/clients';
import { fail, ok, type Result } from '../messaging/result';
import { isSiteEnabled, setSiteEnabled } from '../storage/site-settings';
import {
  createReaderNames,
  withReaderCounts,
  withReaderEntities,
  withReaderEntries,
  type ReaderNames,
} from './reader-names';
import { chooseTargetTab, toTarget, type TargetTab } from './target-tab';
import type { NotesApi, PageApi, PopupActions, SiteApi, TransferApi } from './types';

export function createNotesApi(readerNames: ReaderNames = createReaderNames()): NotesApi {
  return {
    listNotes: async ({ query, ...rest }) =>
      withReaderEntities(
        await askBackground('listNotes', query?.trim() ? { query: query.trim(), ...rest } : rest),
        readerNames,
      ),
    listTags: () => askBackground('listTags', {}),
    listSites: () => askBackground('listSites', {}),
    listNoteEntities: async () => withReaderCounts(await askBackground('listNoteEntities', {}), readerNames),
    getEntries: async (ids) =>
      withReaderEntries(ids, await askBackground('getEntries', { ids }), readerNames),
    updateNote: (id, text, tags) =>
      askBackground('updateNote', tags === undefined ? { id, text } : { id, text, tags }),
    undoEdit: (id) => askBackground('undoEdit', { id }),
    deleteNote: (id) => askBackground('deleteNote', { id }),
    restoreNote: (note) => askBackground('restoreNote', { note }),
  };
}

export function createTransferApi(): TransferApi {
  return {
    exportNotes: (format) => askBackground('exportNotes', { format }),
    previewImport: (text) => askBackground('previewImport', { text }),
    applyImport: (text) => askBackground('applyImport', { text }),
  };
}

export function createPageApi(tabId: number): PageApi {
  return {
    getPageEntities: () => askTab(tabId, 'getPageEntities', {}),
    revealEntity: (entryId) => askTab(tabId, 'revealEntity', { entryId }),
  };
}

type Area = Parameters<typeof isSiteEnabled>[1];

/** Storage throws; the components expect failures as values, like every other API. */
async function settle<T>(work: () => Promise<T>, what: string): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (error) {
    return fail('storage', `${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function createSiteApi(area?: Area): SiteApi {
  return {
    isEnabled: (host) =>
      settle(() => isSiteEnabled(host, area), 'The setting for this site could not be read'),
    setEnabled: (host, enabled) =>
      settle(async () => {
        await setSiteEnabled(host, enabled, area);
        return null;
      }, 'The setting for this site could not be saved'),
  };
}

/** The tab the popup is about, in the current window (see target-tab.ts for the choice). */
export async function findTargetTab(): Promise<TargetTab | null> {
  const tabs = await browser.tabs.query({ currentWindow: true });
  const tab = chooseTargetTab(tabs, browser.runtime.getURL('/'));
  const target = tab ? toTarget(tab) : null;
  if (!target || target.host !== null || target.url !== undefined) return target;
  // Without host permissions the browser hides the tab's URL; the page's own script knows its host.
  const asked = await askTab(target.tabId, 'getPageHost', {});
  return asked.ok && asked.value !== '' ? { ...target, host: asked.value } : target;
}

/** A toolbar popup is not a tab; the same page opened in a tab (as tests do) is. */
export async function isOpenInTab(): Promise<boolean> {
  try {
    return (await browser.tabs.getCurrent()) !== undefined;
  } catch {
    return false;
  }
}

export function createPopupActions(
  closeWhenDone: boolean,
  close: () => void = () => window.close(),
): PopupActions {
  return {
    openNotesTab: () => askBackground('openNotesTab', {}),
    openOptions: () =>
      settle(
        () => browser.runtime.openOptionsPage().then(() => null),
        'The options page could not be opened',
      ),
    done: () => {
      if (closeWhenDone) close();
    },
  };
}
