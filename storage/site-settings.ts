/**
 * The per-site switch, as the popup and the content script use it: a view onto the `sites` and
 * `siteMode` settings (storage/settings.ts), so the options page's site list and the popup's switch
 * are one setting.
 */
import {
  readSettings,
  siteEnabled,
  updateSettings,
  watchSettings,
  withSite,
  type SettingsArea as Area,
} from './settings';

export async function isSiteEnabled(host: string, area?: Area): Promise<boolean> {
  return siteEnabled(await readSettings(area), host);
}

export async function setSiteEnabled(host: string, enabled: boolean, area?: Area): Promise<void> {
  await updateSettings(withSite(await readSettings(area), host, enabled), area);
}

/** Calls `onChange` with the new state of `host` whenever the settings change, until `signal` aborts. */
export function watchSite(host: string, onChange: (enabled: boolean) => void, signal: AbortSignal): void {
  watchSettings((settings) => onChange(siteEnabled(settings, host)), signal);
}
