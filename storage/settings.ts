/**
 * The reader's settings. Kept in `storage.sync`, so they follow the reader to their other browsers
 * (where the browser syncs extension data), and readable by the content script before it scans,
 * without waking the background. Whatever is stored is validated; anything broken falls back to the
 * default for that one setting.
 */
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { KINDS, type Kind } from '../glossary/schema';

export const MARKING_STYLES = ['underline', 'background', 'hover-only'] as const;
export type MarkingStyle = (typeof MARKING_STYLES)[number];

export const SITE_MODES = ['off-on-listed', 'on-only-listed'] as const;
export type SiteMode = (typeof SITE_MODES)[number];

const Host = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.minLength(1), v.maxLength(253));

export const SettingsSchema = v.object({
  /** How marked names look: a dotted underline, a tint, or nothing until the pointer rests on one. */
  markingStyle: v.fallback(v.picklist(MARKING_STYLES), 'underline'),
  /** Mark every mention, or only the first of each entity on a page. */
  markEvery: v.fallback(v.picklist(['all', 'first']), 'all'),
  /** How long the pointer rests on a name before its card opens. */
  intentDelayMs: v.fallback(v.pipe(v.number(), v.integer(), v.minValue(50), v.maxValue(2_000)), 200),
  /** Kinds of entries to mark; an absent kind is shown. */
  hiddenKinds: v.fallback(v.array(v.picklist(KINDS)), []),
  /** With 'off-on-listed', Backstory runs everywhere but `sites`; with 'on-only-listed', only there. */
  siteMode: v.fallback(v.picklist(SITE_MODES), 'off-on-listed'),
  sites: v.fallback(v.pipe(v.array(Host), v.maxLength(5_000)), []),
  /** Entries the reader muted from their card: never marked. */
  mutedEntries: v.fallback(v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(10_000)), []),
});

export type Settings = v.InferOutput<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = v.parse(SettingsSchema, {});

const KEY = 'settings';

/** The part of a storage area settings need; `browser.storage.sync`, or a map in tests. */
export interface SettingsArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}
type Area = SettingsArea;
const syncArea = (): Area => browser.storage.sync;

/** Reads stored settings, each broken or missing one replaced by its default. */
export function parseSettings(stored: unknown): Settings {
  const object = typeof stored === 'object' && stored !== null ? stored : {};
  return v.parse(SettingsSchema, object);
}

export async function readSettings(area: Area = syncArea()): Promise<Settings> {
  return parseSettings((await area.get(KEY))[KEY]);
}

/** Changes some settings, keeping the rest; returns the settings as stored. */
export async function updateSettings(change: Partial<Settings>, area: Area = syncArea()): Promise<Settings> {
  const next = parseSettings({ ...(await readSettings(area)), ...change });
  await area.set({ [KEY]: next });
  return next;
}

/** Whether Backstory runs on `host` under these settings. */
export function siteEnabled(settings: Settings, host: string): boolean {
  const listed = settings.sites.includes(host.toLowerCase());
  return settings.siteMode === 'off-on-listed' ? !listed : listed;
}

/** The settings with `host` switched on or off, whichever the site mode. */
export function withSite(settings: Settings, host: string, enabled: boolean): Partial<Settings> {
  const h = host.toLowerCase();
  const rest = settings.sites.filter((s) => s !== h);
  const listed = settings.siteMode === 'off-on-listed' ? !enabled : enabled;
  return { sites: listed ? [...rest, h] : rest };
}

export function kindShown(settings: Settings, kind: Kind): boolean {
  return !settings.hiddenKinds.includes(kind);
}

/** Calls `onChange` with the new settings whenever they change, until `signal` aborts. */
export function watchSettings(onChange: (settings: Settings) => void, signal: AbortSignal): void {
  const listener = (changes: Record<string, { newValue?: unknown }>, areaName: string) => {
    if (areaName === 'sync' && KEY in changes) onChange(parseSettings(changes[KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener), { once: true });
}
