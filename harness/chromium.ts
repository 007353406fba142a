/**
 * Debian Chromium with Backstory loaded, through playwright-core. Shared by the end-to-end suites,
 * `npm start` and the benchmarks.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Request, type Worker } from 'playwright-core';
import { createNetworkLog, startRequestSink, type NetworkLog, type RecordedRequest } from './network';
import { CHROME_EXTENSION_DIR } from './paths';
import { call, cardDriver } from './probes';

export interface ChromiumOptions {
  /** Reuse a profile (browser restart test); a fresh temporary one otherwise. */
  readonly profileDir?: string;
  readonly headless?: boolean;
  readonly extensionDir?: string;
  readonly viewport?: { readonly width: number; readonly height: number } | null;
  /**
   * Abort outside requests through Playwright routing (default). Benchmarks may turn this off to
   * keep routing out of their timings: outside host names still fail to resolve (see the args).
   */
  readonly routeRequests?: boolean;
  /** False for the same browser without Backstory (the benchmark's baseline); `extensionId` is then ''. */
  readonly withExtension?: boolean;
  /**
   * Record every request (see harness/network.ts): the browser's own request events with who made
   * each, and a sink proxy for anything that tries to reach another machine.
   */
  readonly recordNetwork?: boolean;
}

export interface ChromiumHarness {
  readonly context: BrowserContext;
  readonly extensionId: string;
  readonly profileDir: string;
  extensionUrl(pathname: string): string;
  /** The extension's service worker, waiting for it if Chromium has just restarted it. */
  serviceWorker(): Promise<Worker>;
  /**
   * Sends a content-protocol request to `page`'s tab from the service worker, the way the
   * background does: to the active tab, so `page` is brought to the front first.
   */
  sendToTab(page: Page, type: string, params?: Record<string, unknown>): Promise<unknown>;
  /**
   * Stops the extension's service worker, as Chrome does after 30 idle seconds; true once Chrome
   * reports it stopped. (Playwright's `serviceWorkers()` list is not updated when it stops.)
   */
  stopServiceWorker(): Promise<boolean>;
  /** Requests recorded since launch; null unless launched with `recordNetwork`. */
  readonly network: NetworkLog | null;
  /**
   * Resolves once `page`'s request initiators are recorded (new pages are watched as they open;
   * await this before navigating a page just opened, so its first requests are attributed).
   */
  watchNetwork(page: Page): Promise<void>;
  /** Closes the browser and keeps the profile, so it can be opened again. */
  close(): Promise<void>;
  /** Closes the browser and deletes the profile if the harness created it. */
  dispose(): Promise<void>;
}

const DYNAMIC_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const isAllowed = (url: string, extensionId: string | null): boolean => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || parsed.protocol === 'about:') return true;
  if (parsed.protocol === 'chrome-extension:') {
    // Web-accessible files with `use_dynamic_url` (the card's code) are served from a per-session
    // GUID host rather than the extension id; only Backstory is loaded, so a GUID host is its own.
    return extensionId === null || parsed.hostname === extensionId || DYNAMIC_ID.test(parsed.hostname);
  }
  return parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost' || parsed.hostname === '[::1]';
};

export async function launchChromium(options: ChromiumOptions = {}): Promise<ChromiumHarness> {
  const extensionDir = options.extensionDir ?? CHROME_EXTENSION_DIR;
  const ownsProfile = options.profileDir === undefined;
  const profileDir = options.profileDir ?? (await mkdtemp(path.join(os.tmpdir(), 'backstory-chromium-')));
  const withExtension = options.withExtension ?? true;
  const network = options.recordNetwork ? createNetworkLog() : null;
  const sink = network ? await startRequestSink(network) : null;
  const context = await chromium
    .launchPersistentContext(profileDir, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: options.headless ?? true,
      viewport: options.viewport === undefined ? { width: 1280, height: 900 } : options.viewport,
      args: [
        ...(withExtension
          ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]
          : ['--disable-extensions']),
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // Belt and braces with the request routing below: names outside this machine do not resolve.
        '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1',
        // Recording: what escapes routing reaches the sink instead (loopback never goes through a proxy).
        ...(sink ? [`--proxy-server=http://127.0.0.1:${sink.port}`] : []),
      ],
    })
    .catch(async (error: unknown) => {
      await sink?.close();
      throw error;
    });
  const watchNetwork = network ? recordRequests(context, network) : async () => undefined;
  let extensionId: string | null = null;
  if (options.routeRequests ?? true) {
    await context.route('**/*', (route) =>
      isAllowed(route.request().url(), extensionId) ? route.continue() : route.abort('blockedbyclient'),
    );
  }

  if (withExtension) {
    const worker =
      context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      (await context.waitForEvent('serviceworker', {
        predicate: (w) => w.url().startsWith('chrome-extension://'),
        timeout: 30_000,
      }));
    extensionId = new URL(worker.url()).hostname;
  }
  const id = extensionId ?? '';

  const serviceWorker = async (): Promise<Worker> =>
    context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${id}/`)) ??
    (await context.waitForEvent('serviceworker', {
      predicate: (w) => w.url().startsWith(`chrome-extension://${id}/`),
      timeout: 30_000,
    }));

  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await context.close();
    await sink?.close();
  };

  return {
    context,
    extensionId: id,
    profileDir,
    extensionUrl: (pathname) => `chrome-extension://${id}/${pathname.replace(/^\//, '')}`,
    serviceWorker,
    async sendToTab(page, type, params = {}) {
      await page.bringToFront();
      const sw = await serviceWorker();
      return sw.evaluate(call(SEND_TO_ACTIVE_TAB, { channel: 'backstory', type, params }));
    },
    stopServiceWorker: () => stopServiceWorker(context, id),
    network,
    watchNetwork,
    close,
    async dispose() {
      await close();
      if (ownsProfile) await rm(profileDir, { recursive: true, force: true });
    },
  };
}

const EXTENSION_ORIGIN = /^chrome-extension:\/\//;

interface CdpWorkerVersions {
  versions: { scriptURL: string; runningStatus: string }[];
}

/**
 * DevTools' ServiceWorker domain acts on the workers of the session's own origin, so the session
 * is opened on a document of the extension's (its manifest: no script of ours runs there).
 */
async function stopServiceWorker(context: BrowserContext, id: string): Promise<boolean> {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${id}/manifest.json`);
    const cdp = await context.newCDPSession(page);
    const stopped = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 10_000);
      cdp.on('ServiceWorker.workerVersionUpdated', (event: CdpWorkerVersions) => {
        const ours = event.versions.filter((v) => v.scriptURL.startsWith(`chrome-extension://${id}/`));
        if (ours.length > 0 && ours.every((v) => v.runningStatus === 'stopped')) {
          clearTimeout(timer);
          resolve(true);
        }
      });
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const result = await stopped;
    await cdp.detach();
    return result;
  } finally {
    await page.close();
  }
}

/** Who made a request Playwright reports: the extension's worker or pages, or a web page. */
function describeRequest(request: Request): RecordedRequest {
  const worker = request.serviceWorker();
  let by: string | null = worker?.url() ?? null;
  if (by === null && request.isNavigationRequest()) by = request.url();
  if (by === null) {
    try {
      by = request.frame().url();
    } catch {
      // A dedicated worker's request has no frame; it belongs to the page that started the worker.
    }
  }
  const fromExtension = by !== null && EXTENSION_ORIGIN.test(by);
  return {
    url: request.url(),
    method: request.method(),
    source: fromExtension ? (worker ? 'extension-worker' : 'extension-page') : 'page',
    by,
    initiatorScripts: [],
  };
}

interface CdpCallFrame {
  url: string;
}
interface CdpStack {
  callFrames: CdpCallFrame[];
  parent?: CdpStack;
}
interface CdpRequestWillBeSent {
  documentURL: string;
  request: { url: string; method: string };
  initiator: { type: string; url?: string; stack?: CdpStack };
}

function stackUrls(stack: CdpStack | undefined): string[] {
  const urls: string[] = [];
  for (let s = stack; s; s = s.parent) for (const frame of s.callFrames) if (frame.url) urls.push(frame.url);
  return urls;
}

/**
 * Records Playwright's request events for the whole context, and for each page the DevTools
 * initiator of its requests: a web page's request whose stack holds an extension script came from
 * the content script (Playwright alone would call it the page's). Such a request is in the log
 * twice, once as 'page' and once as 'content-script'. Only script-made requests (fetch, XHR) have
 * a stack: an element the content script adds (an image) loads as if the page had asked.
 */
function recordRequests(context: BrowserContext, log: NetworkLog): (page: Page) => Promise<void> {
  context.on('request', (request) => log.add(describeRequest(request)));
  const watched = new WeakMap<Page, Promise<void>>();
  const watch = (page: Page): Promise<void> => {
    let done = watched.get(page);
    if (!done) {
      done = (async () => {
        const cdp = await context.newCDPSession(page);
        cdp.on('Network.requestWillBeSent', (event: CdpRequestWillBeSent) => {
          const scripts = stackUrls(event.initiator.stack);
          if (event.initiator.url) scripts.push(event.initiator.url);
          if (EXTENSION_ORIGIN.test(event.documentURL) || !scripts.some((u) => EXTENSION_ORIGIN.test(u)))
            return;
          log.add({
            url: event.request.url,
            method: event.request.method,
            source: 'content-script',
            by: event.documentURL,
            initiatorScripts: scripts,
          });
        });
        await cdp.send('Network.enable');
      })().catch(() => undefined); // a page closed while attaching has nothing left to record
      watched.set(page, done);
    }
    return done;
  };
  for (const page of context.pages()) void watch(page);
  context.on('page', (page) => void watch(page));
  return watch;
}

/** Runs in the service worker: (envelope) => the active tab's answer, as the background would ask. */
const SEND_TO_ACTIVE_TAB = `async (envelope) => {
  const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
  if (!tab || tab.id === undefined) throw new Error('no active tab');
  return chrome.tabs.sendMessage(tab.id, envelope);
}`;

interface CdpNode {
  nodeName: string;
  backendNodeId: number;
  shadowRootType?: string;
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  contentDocument?: CdpNode;
}

function findNode(node: CdpNode, nodeName: string): CdpNode | null {
  if (node.nodeName === nodeName) return node;
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) {
    const found = findNode(child, nodeName);
    if (found) return found;
  }
  return null;
}

/**
 * Source for the service worker: makes `sites` the reader's list of sites where Backstory is off
 * (storage.sync's settings, storage/settings.ts; the default mode runs everywhere except those).
 */
export const sitesOffSource = (sites: readonly string[]): string =>
  `chrome.storage.sync.get('settings').then(({ settings }) =>
    chrome.storage.sync.set({ settings: { ...(settings || {}), sites: ${JSON.stringify(sites)} } }))`;

/**
 * Runs `fnSource` (a function of one argument) with the shadow root of the first `hostTag` element,
 * open or closed, and returns what it returns (JSON-serialisable values only). Null if there is no
 * such element. The page itself cannot reach a closed root; the DevTools protocol can.
 */
export async function evaluateInShadowRoot<T>(
  page: Page,
  fnSource: string,
  hostTag = 'backstory-card',
): Promise<T | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const host = findNode(root, hostTag.toUpperCase());
    const shadow = host?.shadowRoots?.[0];
    if (!shadow) return null;
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
    if (!object.objectId) return null;
    const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: `function () { return (${fnSource})(this); }`,
      returnByValue: true,
      awaitPromise: true,
    });
    if (exceptionDetails)
      throw new Error(`in shadow root: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as T;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

export const { readCard, clickCardControl } = cardDriver<Page>(evaluateInShadowRoot);

/**
 * For audits only: gives the first `hostTag` element an own `shadowRoot` property in the page's
 * main world that returns its closed shadow root, so tools that walk the DOM the ordinary way
 * (axe-core) can see inside. Only the DevTools protocol can reach the root to do this; the
 * extension's own world keeps its own view of the element and is unaffected. Returns false if
 * there is no such element.
 */
export async function exposeShadowRoot(page: Page, hostTag = 'backstory-card'): Promise<boolean> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const host = findNode(root, hostTag.toUpperCase());
    const shadow = host?.shadowRoots?.[0];
    if (!host || !shadow) return false;
    const [hostObject, shadowObject] = await Promise.all(
      [host, shadow].map((node) => cdp.send('DOM.resolveNode', { backendNodeId: node.backendNodeId })),
    );
    if (!hostObject?.object.objectId || !shadowObject?.object.objectId) return false;
    const { exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
      objectId: hostObject.object.objectId,
      functionDeclaration: `function (root) {
        Object.defineProperty(this, 'shadowRoot', { configurable: true, get: () => root });
      }`,
      arguments: [{ objectId: shadowObject.object.objectId }],
    });
    if (exceptionDetails) throw new Error(`exposing the shadow root: ${exceptionDetails.text}`);
    return true;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
