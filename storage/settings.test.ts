import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings, siteEnabled, updateSettings, withSite } from './settings';

/** A storage area in memory, shaped like browser.storage.sync. */
function memoryArea() {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async (key: string) => ({ [key]: data[key] }),
    set: async (items: Record<string, unknown>) => {
      Object.assign(data, structuredClone(items));
    },
  };
}

describe('settings', () => {
  it('defaults everything', () => {
    expect(parseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({
      markingStyle: 'underline',
      markEvery: 'all',
      intentDelayMs: 200,
    });
  });
  it('replaces only the broken settings by their defaults', () => {
    const parsed = parseSettings({
      markingStyle: 'blink',
      intentDelayMs: 400,
      hiddenKinds: ['planet'],
      sites: 'x',
    });
    expect(parsed.markingStyle).toBe('underline');
    expect(parsed.intentDelayMs).toBe(400);
    expect(parsed.hiddenKinds).toEqual([]);
    expect(parsed.sites).toEqual([]);
  });
  it('keeps other settings when one changes', async () => {
    const area = memoryArea();
    await updateSettings({ markEvery: 'first' }, area);
    const next = await updateSettings({ intentDelayMs: 300 }, area);
    expect(next).toMatchObject({ markEvery: 'first', intentDelayMs: 300 });
  });
});

describe('sites', () => {
  it('turns a site off and on again in the default mode', () => {
    const off = { ...DEFAULT_SETTINGS, ...withSite(DEFAULT_SETTINGS, 'News.Example', false) };
    expect(off.sites).toEqual(['news.example']);
    expect(siteEnabled(off, 'news.example')).toBe(false);
    expect(siteEnabled(off, 'other.example')).toBe(true);
    const on = { ...off, ...withSite(off, 'news.example', true) };
    expect(siteEnabled(on, 'news.example')).toBe(true);
  });
  it('runs only on listed sites in the "on only" mode', () => {
    const only = { ...DEFAULT_SETTINGS, siteMode: 'on-only-listed' as const, sites: ['news.example'] };
    expect(siteEnabled(only, 'news.example')).toBe(true);
    expect(siteEnabled(only, 'other.example')).toBe(false);
    expect({ ...only, ...withSite(only, 'other.example', true) }.sites).toEqual([
      'news.example',
      'other.example',
    ]);
  });
});
