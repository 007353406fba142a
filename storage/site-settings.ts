/**
 * Sites where the reader turned Backstory off. Kept in `storage.local` rather than IndexedDB because
 * the content script must know before it scans, without waking the background.
 */
import { browser } from 'wxt/browser';

const KEY = 'disabledSites';

type Area = Pick<typeof browser.storage.local, 'get' | 'set'>;

async function readDisabled(area: Area): Promise<string[]> {
  const stored = (await area.get(KEY))[KEY];
  return Array.isArray(stored) ? stored.filter((s): s is string => typeof s === 'string') : [];
}

export async function isSiteEnabled(host: string, area: Area = browser.storage.local): Promise<boolean> {
  return !(await readDisabled(area)).includes(host);
}

export async function setSiteEnabled(
  host: string,
  enabled: boolean,
  area: Area = browser.storage.local,
): Promise<void> {
  const rest = (await readDisabled(area)).filter((h) => h !== host);
  await area.set({ [KEY]: enabled ? rest : [...rest, host] });
}

/** Calls `onChange` with the new state of `host` whenever the setting changes, until `signal` aborts. */
export function watchSite(host: string, onChange: (enabled: boolean) => void, signal: AbortSignal): void {
  const listener = (changes: Record<string, { newValue?: unknown }>, areaName: string) => {
    if (areaName !== 'local' || !(KEY in changes)) return;
    const list = changes[KEY]?.newValue;
    onChange(!(Array.isArray(list) && list.includes(host)));
  };
  browser.storage.onChanged.addListener(listener);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener), { once: true });
}
