/**
 * Firefox ESR with Backstory installed as a temporary add-on, through puppeteer-core over WebDriver
 * BiDi. Shared by the end-to-end suites, `npm start` and the benchmarks.
 */
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { createNetworkLog, startRequestSink, type NetworkLog, type RecordedRequest } from './network';
import { FIREFOX_EXTENSION_DIR } from './paths';
import { cardDriver } from './probes';

/** The add-on id from wxt.config.ts (GECKO_ID). */
export const FIREFOX_ADDON_ID = 'backstory@backstory.example';
/** Pinned so moz-extension:// URLs are the same on every run. */
export const FIREFOX_EXTENSION_UUID = '6f1d2c3b-0a4e-4b5f-9c8d-7e6a5b4c3d2e';

export interface FirefoxOptions {
  readonly headless?: boolean;
  readonly extensionDir?: string;
  /** Reuse a profile; puppeteer makes (and removes) a temporary one otherwise. */
  readonly profileDir?: string;
  readonly viewport?: { readonly width: number; readonly height: number } | null;
  /** False for the same browser without Backstory (the benchmark's baseline). */
  readonly withExtension?: boolean;
  /** More preferences, on top of the offline ones. */
  readonly prefs?: Readonly<Record<string, string | number | boolean>>;
  /**
   * Record requests (see harness/network.ts): those of the pages opened with `newPage()`, and
   * everything that tries to reach another machine, the add-on's background included, through a
   * sink proxy that takes the place of the closed port.
   */
  readonly recordNetwork?: boolean;
}

export interface FirefoxHarness {
  readonly browser: Browser;
  readonly extensionUrl: (pathname: string) => string;
  /** A new tab, sized like the Chromium harness's pages. */
  newPage(): Promise<Page>;
  /** Requests recorded since launch; null unless launched with `recordNetwork`. */
  readonly network: NetworkLog | null;
  close(): Promise<void>;
}

/**
 * Outside requests go to a proxy on a port nothing listens on, so they fail at once; localhost is
 * never proxied. This covers the add-on's own requests too, which page-level interception would not.
 */
const OFFLINE_PREFS = {
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': 9,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': 9,
  'network.proxy.share_proxy_settings': true,
  'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
  'network.proxy.allow_hijacking_localhost': false,
  'network.dns.disableIPv6': true,
} as const;

export async function launchFirefox(options: FirefoxOptions = {}): Promise<FirefoxHarness> {
  const viewport = options.viewport === undefined ? { width: 1280, height: 900 } : options.viewport;
  const network = options.recordNetwork ? createNetworkLog() : null;
  const sink = network ? await startRequestSink(network) : null;
  const sinkPrefs = sink ? { 'network.proxy.http_port': sink.port, 'network.proxy.ssl_port': sink.port } : {};
  const browser = await puppeteer
    .launch({
      browser: 'firefox',
      executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
      headless: options.headless ?? true,
      defaultViewport: viewport,
      ...(options.profileDir === undefined ? {} : { userDataDir: options.profileDir }),
      extraPrefsFirefox: {
        'xpinstall.signatures.required': false,
        'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: FIREFOX_EXTENSION_UUID }),
        ...OFFLINE_PREFS,
        ...sinkPrefs,
        ...options.prefs,
      },
    })
    .catch(async (error: unknown) => {
      await sink?.close();
      throw error;
    });
  try {
    if (options.withExtension ?? true) {
      await browser.installExtension(options.extensionDir ?? FIREFOX_EXTENSION_DIR);
    }
  } catch (error) {
    await browser.close();
    await sink?.close();
    throw error;
  }
  return {
    browser,
    extensionUrl: (pathname) => `moz-extension://${FIREFOX_EXTENSION_UUID}/${pathname.replace(/^\//, '')}`,
    async newPage() {
      const page = await browser.newPage();
      if (network) page.on('request', (request) => network.add(describeRequest(request)));
      return page;
    },
    network,
    async close() {
      await browser.close();
      await sink?.close();
    },
  };
}

/** The BiDi initiator puppeteer passes through: its stack is `stackTrace`, not DevTools' `stack`. */
interface BidiInitiator {
  stackTrace?: { callFrames: { url: string }[] };
}

/** Who made a page's request: an extension page, the content script (by its stack) or the page. */
function describeRequest(request: HTTPRequest): RecordedRequest {
  const by = request.isNavigationRequest() ? request.url() : (request.frame()?.url() ?? null);
  const initiatorScripts = ((request.initiator() as BidiInitiator).stackTrace?.callFrames ?? [])
    .map((frame) => frame.url)
    .filter((url) => url !== '');
  const extension = /^moz-extension:\/\//;
  const source =
    by !== null && extension.test(by)
      ? 'extension-page'
      : initiatorScripts.some((url) => extension.test(url))
        ? 'content-script'
        : 'page';
  return { url: request.url(), method: request.method(), source, by, initiatorScripts };
}

/**
 * Navigates and waits for the load event. Saved news pages embed outside iframes; each one fails
 * (offline) and Firefox's BiDi then rejects the top-level navigate command although the page itself
 * loads. Such a rejection is ignored once the page is really there.
 */
export async function gotoPage(page: Page, url: string, timeout = 30_000): Promise<void> {
  try {
    await page.goto(url, { waitUntil: 'load', timeout });
  } catch (error) {
    if (!/Address rejected|NS_ERROR_|net::ERR_/.test(String(error))) throw error;
    await page.waitForFunction(
      `location.href === ${JSON.stringify(url)} && document.readyState === 'complete'`,
      { timeout, polling: 100 },
    );
  }
}

interface BidiSend {
  send(method: string, params: object): Promise<{ result: unknown }>;
}

/** The raw BiDi connection under puppeteer's Firefox browser (not in its public types). */
function bidiOf(page: Page): BidiSend {
  const connection = (page.browser() as unknown as { connection?: Partial<BidiSend> }).connection;
  if (typeof connection?.send !== 'function') throw new Error('not a WebDriver BiDi browser');
  return connection as BidiSend;
}

/** The BiDi browsing context id of the page's top frame. */
async function contextOf(page: Page): Promise<string> {
  const id = (page.mainFrame() as unknown as { _id?: unknown })._id;
  if (typeof id === 'string') return id;
  // Fallback if puppeteer renames its internals: the top-level context showing this page's URL.
  const { result } = await bidiOf(page).send('browsingContext.getTree', { maxDepth: 0 });
  const found = (result as { contexts: { context: string; url: string }[] }).contexts.find(
    (c) => c.url === page.url(),
  );
  if (!found) throw new Error('no browsing context for the page');
  return found.context;
}

interface RemoteValue {
  type: string;
  sharedId?: string;
  value?: unknown;
}

type EvaluateResult =
  { type: 'success'; result: RemoteValue } | { type: 'exception'; exceptionDetails: { text: string } };

/**
 * Runs `fnSource` (a function of one argument) with the shadow root of the first `hostTag` element,
 * open or closed, and returns its result (JSON-serialisable values only); null if there is no such
 * element. BiDi's `includeShadowTree: 'all'` hands out closed roots as node references, which can be
 * passed back as arguments.
 */
export async function evaluateInShadowRoot<T>(
  page: Page,
  fnSource: string,
  hostTag = 'backstory-card',
): Promise<T | null> {
  const bidi = bidiOf(page);
  const target = { context: await contextOf(page) };
  const host = (
    await bidi.send('script.evaluate', {
      expression: `document.querySelector(${JSON.stringify(hostTag)})`,
      target,
      awaitPromise: false,
      resultOwnership: 'none',
      serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0 },
    })
  ).result as EvaluateResult;
  if (host.type !== 'success') throw new Error(`finding <${hostTag}>: ${host.exceptionDetails.text}`);
  if (host.result.type !== 'node') return null;
  const shadow = (host.result.value as { shadowRoot?: RemoteValue | null } | undefined)?.shadowRoot;
  if (!shadow?.sharedId) return null;
  const called = (
    await bidi.send('script.callFunction', {
      functionDeclaration: `async (root) => JSON.stringify(await (${fnSource})(root))`,
      arguments: [{ sharedId: shadow.sharedId }],
      target,
      awaitPromise: true,
      resultOwnership: 'none',
    })
  ).result as EvaluateResult;
  if (called.type !== 'success') throw new Error(`in shadow root: ${called.exceptionDetails.text}`);
  const json = called.result.value;
  return typeof json === 'string' ? (JSON.parse(json) as T) : null;
}

export const { readCard, clickCardControl } = cardDriver<Page>(evaluateInShadowRoot);
