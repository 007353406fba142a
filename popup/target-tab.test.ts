import { describe, expect, test } from 'vitest';
import { chooseTargetTab, siteHost, toTarget, type TabInfo } from './target-tab';

const OWN = 'chrome-extension://abcdef/';

describe('chooseTargetTab', () => {
  test('the active tab, when it is a web page', () => {
    const tabs: TabInfo[] = [
      { id: 1, url: 'https://a.example/', active: false, lastAccessed: 50 },
      { id: 2, url: 'https://b.example/', active: true, lastAccessed: 10 },
    ];
    expect(chooseTargetTab(tabs, OWN)?.id).toBe(2);
  });

  test('the active tab even when we cannot see its URL', () => {
    const tabs: TabInfo[] = [{ id: 3, active: true }];
    expect(chooseTargetTab(tabs, OWN)?.id).toBe(3);
  });

  test('the most recently used other web page when the active tab is our own page', () => {
    const tabs: TabInfo[] = [
      { id: 1, url: 'https://old.example/', active: false, lastAccessed: 100 },
      { id: 2, url: `${OWN}popup.html`, active: true, lastAccessed: 300 },
      { id: 3, url: 'https://recent.example/', active: false, lastAccessed: 200 },
      { id: 4, url: `${OWN}notes.html`, active: false, lastAccessed: 250 },
      { id: 5, url: 'moz-extension://other/page.html', active: false, lastAccessed: 280 },
    ];
    expect(chooseTargetTab(tabs, OWN)?.id).toBe(3);
  });

  test('tabs without a visible URL still qualify as the fallback', () => {
    const tabs: TabInfo[] = [
      { id: 2, url: `${OWN}popup.html`, active: true, lastAccessed: 300 },
      { id: 7, active: false, lastAccessed: 20 },
    ];
    expect(chooseTargetTab(tabs, OWN)?.id).toBe(7);
  });

  test('null when only extension pages are open', () => {
    const tabs: TabInfo[] = [{ id: 2, url: `${OWN}popup.html`, active: true }];
    expect(chooseTargetTab(tabs, OWN)).toBeNull();
    expect(chooseTargetTab([], OWN)).toBeNull();
  });

  test('ignores tabs without an id', () => {
    const tabs: TabInfo[] = [{ url: 'https://a.example/', active: true }];
    expect(chooseTargetTab(tabs, OWN)).toBeNull();
  });
});

describe('siteHost', () => {
  test('host of http and https pages', () => {
    expect(siteHost('https://www.example.com/news/1?x=2')).toBe('www.example.com');
    expect(siteHost('http://localhost:8080/a')).toBe('localhost');
  });

  test('null for browser pages, files, missing or broken URLs', () => {
    expect(siteHost('chrome://extensions/')).toBeNull();
    expect(siteHost('about:blank')).toBeNull();
    expect(siteHost('file:///home/a.html')).toBeNull();
    expect(siteHost(undefined)).toBeNull();
    expect(siteHost('not a url')).toBeNull();
  });
});

test('toTarget', () => {
  expect(toTarget({ id: 4, url: 'https://a.example/x', active: true })).toEqual({
    tabId: 4,
    url: 'https://a.example/x',
    host: 'a.example',
  });
  expect(toTarget({ id: 5, active: true })).toEqual({ tabId: 5, url: undefined, host: null });
});
