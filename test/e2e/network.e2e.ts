/**
 * Backstory makes no network request. Each browser records every request while the extension
 * marks pages, opens cards and shows its popup and notes view (harness/network.ts), and none may
 * come from the extension. A leaky fixture extension first shows that the recorder would see such
 * requests from every place an extension can make them, so an empty result means something.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clickCardControl, launchChromium, readCard, type ChromiumHarness } from '../../harness/chromium';
import {
  gotoPage,
  launchFirefox,
  readCard as readFirefoxCard,
  type FirefoxHarness,
} from '../../harness/firefox';
import { usesNetwork, type NetworkLog, type RecordedRequest } from '../../harness/network';
import { hoverTerm, moveMouseAway, waitFor, waitForCard, waitForMarks } from '../../harness/page';
import { startServer, type StaticServer } from '../../harness/server';

/** Resolves nowhere: the fixture's requests can only be recorded, never answered. */
const LEAK_HOST = 'leak.backstory-test.invalid';
const leak = (from: string) => `http://${LEAK_HOST}/${from}`;

/** An extension that requests LEAK_HOST from its worker or background, content script and page. */
async function writeLeakyExtension(browser: 'chromium' | 'firefox'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `backstory-leaky-${browser}-`));
  const fetchFrom = (from: string) => `fetch(${JSON.stringify(leak(from))}).catch(() => {});\n`;
  const manifest =
    browser === 'chromium'
      ? {
          manifest_version: 3,
          name: 'Leaky fixture',
          version: '1.0',
          background: { service_worker: 'background.js' },
          content_scripts: [{ matches: ['<all_urls>'], js: ['content.js'] }],
        }
      : {
          manifest_version: 2,
          name: 'Leaky fixture',
          version: '1.0',
          background: { scripts: ['background.js'] },
          content_scripts: [{ matches: ['<all_urls>'], js: ['content.js'] }],
          browser_specific_settings: { gecko: { id: 'leaky@backstory.example' } },
        };
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  // At start-up, before any recorder in the browser is listening (only the sink can see that one),
  // and again a little later.
  await writeFile(
    path.join(dir, 'background.js'),
    `${fetchFrom('from-background')}setTimeout(() => { ${fetchFrom('from-background')} }, 1500);\n`,
  );
  // Firefox refuses a content script's cross-origin fetch before it is sent, so an image too.
  await writeFile(
    path.join(dir, 'content.js'),
    `${fetchFrom('from-content-script')}new Image().src = ${JSON.stringify(leak('image-from-content-script'))};\n`,
  );
  await writeFile(
    path.join(dir, 'page.html'),
    '<!doctype html><title>Leaky page</title><script src="page.js"></script>',
  );
  await writeFile(path.join(dir, 'page.js'), fetchFrom('from-extension-page'));
  return dir;
}

const toLeak = (log: NetworkLog, from: string) => log.all().filter((r) => r.url === leak(from));
const sources = (requests: readonly RecordedRequest[]) => [...new Set(requests.map((r) => r.source))].sort();

/** The extension's requests that use the network at all (its own files are chrome-/moz-extension:). */
const extensionNetworkRequests = (log: NetworkLog) => log.fromExtension().filter((r) => usesNetwork(r.url));

const describeRequests = (requests: readonly RecordedRequest[]) =>
  requests.map((r) => `${r.source} ${r.method} ${r.url} (by ${r.by ?? '?'})`).join('\n');

let server: StaticServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.close();
});

describe('Chromium: the recorder sees what an extension requests', () => {
  let chromium: ChromiumHarness;
  let dir: string;

  beforeAll(async () => {
    dir = await writeLeakyExtension('chromium');
    // No routing: the fixture's requests go on to the sink, which must see them too.
    chromium = await launchChromium({ extensionDir: dir, recordNetwork: true, routeRequests: false });
  });

  afterAll(async () => {
    await chromium?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('from the service worker, a content script and an extension page', async () => {
    const log = chromium.network!;
    const page = await chromium.context.newPage();
    await chromium.watchNetwork(page);
    await page.goto(server.url('/seed.html'));
    await page.goto(chromium.extensionUrl('page.html'));
    for (const [from, source] of [
      ['from-background', 'extension-worker'],
      ['from-content-script', 'content-script'],
      // An element's request has no script stack: it looks like the page's own. Hence the check
      // below that on pages with nothing outside, nothing at all leaves the machine.
      ['image-from-content-script', 'page'],
      ['from-extension-page', 'extension-page'],
    ] as const) {
      // The sink proxy sees it leave the browser, and the browser's events say who asked.
      const both = () => {
        const seen = sources(toLeak(log, from));
        return seen.includes(source) && seen.includes('sink');
      };
      await waitFor(async () => both(), {
        what: `a request ${from} seen as ${source} and at the sink`,
      }).catch((error: unknown) => {
        throw new Error(`${String(error)}\n${describeRequests(toLeak(log, from))}`);
      });
    }
    expect(extensionNetworkRequests(log).length).toBeGreaterThanOrEqual(3);
  });
});

describe('Chromium: Backstory makes no request', () => {
  let chromium: ChromiumHarness;
  let page: Page;
  let log: NetworkLog;

  beforeAll(async () => {
    chromium = await launchChromium({ recordNetwork: true });
    log = chromium.network!;
    page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
    await chromium.watchNetwork(page);
  });

  afterAll(async () => {
    await chromium?.dispose();
  });

  async function hoverCard(text: string, contains = false): Promise<void> {
    await moveMouseAway(page);
    await hoverTerm(page, { text, contains });
    // A summary in the card means the background answered: the worker was awake and working.
    await waitForCard(
      () => readCard(page),
      (c) => c.text.length > 80,
    );
    await page.keyboard.press('Escape');
  }

  test('on the seed article and the demo, with cards open and a note saved, nothing leaves this machine', async () => {
    await page.goto(server.url('/seed.html'));
    await waitForMarks(page);
    await hoverCard('NATO');
    await moveMouseAway(page);
    await hoverTerm(page, { text: 'Vladimir Putin' });
    await waitForCard(
      () => readCard(page),
      (c) => c.controls.some((x) => x.name === 'Add note'),
    );
    await clickCardControl(page, 'Add note');
    await waitForCard(
      () => readCard(page),
      (c) => c.focused === 'textarea: Note',
    );
    const note = `Network run ${Date.now().toString(36)}`;
    await page.keyboard.type(note);
    await page.keyboard.press('Control+Enter');
    await waitForCard(
      () => readCard(page),
      (c) => c.text.includes(note) && !c.controls.some((x) => x.tag === 'textarea'),
    );
    await page.keyboard.press('Escape');
    await page.goto(server.url('/demo/article.html'));
    await waitForMarks(page);
    await hoverCard('NATO');
    expect(extensionNetworkRequests(log), describeRequests(extensionNetworkRequests(log))).toEqual([]);
    expect(log.offMachine(), describeRequests(log.offMachine())).toEqual([]);
    // The recorder was on: the page's own requests to the local server are there.
    expect(log.all().some((r) => r.source === 'page' && r.url.startsWith(server.origin))).toBe(true);
  });

  test('on a saved news page, the page requests the outside world and Backstory does not', async () => {
    log.clear();
    await page.goto(server.url('/pages/nytimes-1.html'));
    await waitForMarks(page);
    await hoverCard('Putin', true);
    expect(extensionNetworkRequests(log), describeRequests(extensionNetworkRequests(log))).toEqual([]);
    // Whatever left the machine is the page's own, not attributed to the extension.
    const outside = log.offMachine().filter((r) => r.source !== 'sink');
    expect(outside.every((r) => r.source === 'page')).toBe(true);
  });

  test('the popup and the notes view request nothing but their own files', async () => {
    // The news page of the test before keeps trying the outside world for a while after it is left
    // (its connections reach the sink late, retried after pauses of a second or more): wait until
    // the sink has been quiet for 3 s before recording this test.
    await page.goto('about:blank');
    let seen = -1;
    let quietFor = 0;
    await waitFor(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 500));
        const now = log.all().length;
        quietFor = now === seen ? quietFor + 1 : 0;
        seen = now;
        return quietFor >= 6;
      },
      { timeout: 20_000, interval: 0, what: 'the outside requests of the page before to stop' },
    );
    log.clear();
    await page.goto(server.url('/seed.html'));
    await waitForMarks(page);
    const popup = await chromium.context.newPage();
    await chromium.watchNetwork(popup);
    await popup.goto(chromium.extensionUrl('popup.html'));
    await popup.getByRole('list', { name: 'On this page' }).waitFor();
    const notes = await chromium.context.newPage();
    await chromium.watchNetwork(notes);
    await notes.goto(chromium.extensionUrl('notes.html'));
    await notes.getByRole('heading', { level: 1 }).waitFor();
    await notes.waitForLoadState('networkidle');
    const ownFiles = log.fromExtension().filter((r) => r.source === 'extension-page');
    expect(ownFiles.length, 'the recorder saw the extension pages load').toBeGreaterThan(0);
    expect(extensionNetworkRequests(log), describeRequests(extensionNetworkRequests(log))).toEqual([]);
    expect(log.offMachine(), describeRequests(log.offMachine())).toEqual([]);
    await popup.close();
    await notes.close();
  });
});

describe('Firefox: the recorder sees what an add-on requests', () => {
  let firefox: FirefoxHarness;
  let dir: string;

  beforeAll(async () => {
    dir = await writeLeakyExtension('firefox');
    firefox = await launchFirefox({ extensionDir: dir, recordNetwork: true });
  });

  afterAll(async () => {
    await firefox?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /**
   * Firefox's automation gives no script stack for a page's requests, so a content script's request
   * is recorded as the page's; the sink still sees it leave, and on pages with nothing outside
   * (the seed, the demo) anything at the sink is suspect.
   */
  test('from the background page and a content script, at the sink', async () => {
    const log = firefox.network!;
    const page = await firefox.newPage();
    await gotoPage(page, server.url('/seed.html'));
    for (const from of ['from-background', 'image-from-content-script']) {
      const seen = await waitFor(async () => toLeak(log, from).length > 0 && toLeak(log, from), {
        what: `a recorded request ${from}`,
      });
      expect(sources(seen), describeRequests(seen)).toContain('sink');
    }
  });
});

describe('Firefox: Backstory makes no request', () => {
  let firefox: FirefoxHarness;
  let page: PuppeteerPage;

  beforeAll(async () => {
    firefox = await launchFirefox({ recordNetwork: true });
    page = await firefox.newPage();
  });

  afterAll(async () => {
    await firefox?.close();
  });

  test('on the seed article and the demo, with cards open, nothing leaves this machine', async () => {
    const log = firefox.network!;
    for (const pathname of ['/seed.html', '/demo/article.html']) {
      await gotoPage(page, server.url(pathname));
      await waitForMarks(page);
      await moveMouseAway(page);
      await hoverTerm(page, { text: 'NATO' });
      await waitForCard(
        () => readFirefoxCard(page),
        (c) => c.text.length > 80,
      );
      await page.keyboard.press('Escape');
    }
    expect(extensionNetworkRequests(log), describeRequests(extensionNetworkRequests(log))).toEqual([]);
    expect(log.offMachine(), describeRequests(log.offMachine())).toEqual([]);
    expect(log.all().some((r) => r.source === 'page' && r.url.startsWith(server.origin))).toBe(true);
  });
});
