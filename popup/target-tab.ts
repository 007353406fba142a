/**
 * Which tab the popup is about. Normally the active tab; but when the popup page itself is open in a
 * tab (the end-to-end tests do that, and so can a reader), the active tab is the popup, so the reader
 * most likely means the page they were on just before.
 */

/** The parts of `tabs.Tab` the choice depends on. */
export interface TabInfo {
  readonly id?: number;
  readonly url?: string;
  readonly active: boolean;
  readonly lastAccessed?: number;
}

export interface TargetTab {
  readonly tabId: number;
  /** Missing when the browser does not show us the tab's address. */
  readonly url?: string;
  /** The host the site switch is about, or null when the page has none (browser pages, files). */
  readonly host: string | null;
}

const EXTENSION_SCHEMES = ['chrome-extension:', 'moz-extension:', 'extension:', 'safari-web-extension:'];

function isExtensionPage(url: string | undefined): boolean {
  return url !== undefined && EXTENSION_SCHEMES.some((scheme) => url.startsWith(scheme));
}

/**
 * `ownOrigin` is `browser.runtime.getURL('/')`. Returns null when no tab qualifies. Tabs whose URL
 * we cannot see still count: they are ordinary pages on sites we have no permission for.
 */
export function chooseTargetTab<T extends TabInfo>(tabs: readonly T[], ownOrigin: string): T | null {
  const usable = tabs.filter((t) => t.id !== undefined && t.id >= 0);
  const active = usable.find((t) => t.active);
  if (active && !active.url?.startsWith(ownOrigin)) return active;
  let best: T | null = null;
  for (const tab of usable) {
    if (tab === active || isExtensionPage(tab.url)) continue;
    if (best === null || (tab.lastAccessed ?? 0) > (best.lastAccessed ?? 0)) best = tab;
  }
  return best;
}

/** The host name of a web page's URL; null for anything that is not http(s) or cannot be parsed. */
export function siteHost(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return parsed.hostname || null;
  } catch {
    return null;
  }
}

export function toTarget(tab: TabInfo): TargetTab | null {
  if (tab.id === undefined) return null;
  return { tabId: tab.id, url: tab.url, host: siteHost(tab.url) };
}
