/**
 * Debian Chromium with Backstory loaded, through playwright-core. Shared by the end-to-end suites,
 * `npm start` and the benchmarks.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { CHROME_EXTENSION_DIR } from './paths';
import {
  call,
  CARD_REVEAL_CONTROL,
  CARD_SNAPSHOT,
  controlNameArg,
  type CardSnapshot,
  type ControlName,
} from './probes';

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
  /** Closes the browser and keeps the profile, so it can be opened again. */
  close(): Promise<void>;
  /** Closes the browser and deletes the profile if the harness created it. */
  dispose(): Promise<void>;
}

const isAllowed = (url: string, extensionId: string | null): boolean => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || parsed.protocol === 'about:') return true;
  if (parsed.protocol === 'chrome-extension:') return extensionId === null || parsed.hostname === extensionId;
  return parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost' || parsed.hostname === '[::1]';
};

export async function launchChromium(options: ChromiumOptions = {}): Promise<ChromiumHarness> {
  const extensionDir = options.extensionDir ?? CHROME_EXTENSION_DIR;
  const ownsProfile = options.profileDir === undefined;
  const profileDir = options.profileDir ?? (await mkdtemp(path.join(os.tmpdir(), 'backstory-chromium-')));
  const withExtension = options.withExtension ?? true;
  const context = await chromium.launchPersistentContext(profileDir, {
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
    ],
  });
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
    close,
    async dispose() {
      await close();
      if (ownsProfile) await rm(profileDir, { recursive: true, force: true });
    },
  };
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

/** The card's text, dialog name, focus and controls with their boxes; null when no card is open. */
export async function readCard(page: Page): Promise<CardSnapshot | null> {
  const json = await evaluateInShadowRoot<string>(page, CARD_SNAPSHOT);
  return json === null ? null : (JSON.parse(json) as CardSnapshot);
}

/**
 * Clicks a control in the card with the real mouse, first scrolling it into view inside the card
 * (a long card scrolls, and its lower buttons start out of sight).
 */
export async function clickCardControl(page: Page, name: ControlName): Promise<void> {
  const target = await evaluateInShadowRoot<{ x: number; y: number; hittable: boolean }>(
    page,
    `(root) => (${CARD_REVEAL_CONTROL})(root, ${JSON.stringify(controlNameArg(name))})`,
  );
  if (!target) throw new Error(`no visible control named ${String(name)} in the card`);
  if (!target.hittable) throw new Error(`the card's ${String(name)} cannot be clicked: something covers it`);
  await page.mouse.click(target.x, target.y);
}
