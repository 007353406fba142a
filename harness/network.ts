/**
 * Recording the requests a browser makes while Backstory is loaded, for the "makes no network
 * request" suite. Two records, because neither alone sees everything:
 *
 * - the browser's own view (Playwright request events and DevTools `Network` initiators in
 *   Chromium; WebDriver BiDi page requests in Firefox), which says who asked: a web page, the
 *   extension's content script, an extension page or the extension's service worker;
 * - a sink proxy that every request to a host other than this machine is sent to, which answers
 *   none of them. It records what really tried to leave the machine, whoever made it, including
 *   contexts the browser's automation does not report (a Firefox add-on's background page).
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type RequestSource =
  /** A web page's document, its subresources and its own scripts. */
  | 'page'
  /** A request from a web page whose initiating script is the extension's content script. */
  | 'content-script'
  /** A document of the extension: popup.html, notes.html. */
  | 'extension-page'
  /** The extension's service worker or background page. */
  | 'extension-worker'
  /** Reached the sink proxy: it left the browser for another machine; who made it is unknown. */
  | 'sink';

export interface RecordedRequest {
  readonly url: string;
  readonly method: string;
  readonly source: RequestSource;
  /** The document or worker that made it, when the browser says. */
  readonly by: string | null;
  /** Script URLs on the initiator's stack (Chromium), innermost first. */
  readonly initiatorScripts: readonly string[];
}

export interface NetworkLog {
  /** Everything recorded so far, in order. */
  all(): readonly RecordedRequest[];
  /** Requests the extension made (content script, extension pages, its worker). */
  fromExtension(): readonly RecordedRequest[];
  /**
   * Requests that would leave the browser for another machine (anything but loopback and local
   * schemes), less the browser's own calls to its vendor's services (see `isBrowserService`).
   */
  offMachine(): readonly RecordedRequest[];
  /** The browser's own calls home that reached the sink: updates, remote settings, sign-in, autofill. */
  browserServices(): readonly RecordedRequest[];
  add(request: RecordedRequest): void;
  clear(): void;
}

/** Schemes that never reach the network. */
const LOCAL_SCHEMES = new Set([
  'chrome-extension:',
  'moz-extension:',
  'data:',
  'blob:',
  'about:',
  'chrome:',
  'devtools:',
]);
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Chromium and Firefox call their vendors' services on their own, with or without any extension
 * (seen here: update.googleapis.com, content-autofill.googleapis.com, accounts.google.com,
 * firefox.settings.services.mozilla.com). Backstory has no reason to call any of these domains.
 */
const BROWSER_SERVICE_DOMAINS = [
  'googleapis.com',
  'google.com',
  'gstatic.com',
  'gvt1.com',
  'mozilla.com',
  'mozilla.net',
  'mozilla.org',
  'firefox.com',
];

/** True for a request to the browser vendor's own services. */
export function isBrowserService(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return BROWSER_SERVICE_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
  } catch {
    return false;
  }
}

/** True when a request to `url` goes over the network at all (loopback included). */
export function usesNetwork(url: string): boolean {
  try {
    return !LOCAL_SCHEMES.has(new URL(url).protocol);
  } catch {
    return true;
  }
}

/** True when a request to `url` would go to another machine. Unparseable URLs count as leaving. */
export function leavesMachine(url: string): boolean {
  try {
    const parsed = new URL(url);
    return !LOCAL_SCHEMES.has(parsed.protocol) && !LOOPBACK_HOSTS.has(parsed.hostname);
  } catch {
    return true;
  }
}

export function createNetworkLog(): NetworkLog {
  const entries: RecordedRequest[] = [];
  return {
    all: () => [...entries],
    fromExtension: () =>
      entries.filter(
        (r) =>
          r.source === 'content-script' || r.source === 'extension-page' || r.source === 'extension-worker',
      ),
    offMachine: () =>
      entries.filter((r) => (r.source === 'sink' || leavesMachine(r.url)) && !isBrowserService(r.url)),
    browserServices: () => entries.filter((r) => isBrowserService(r.url)),
    add: (request) => void entries.push(request),
    clear: () => void entries.splice(0),
  };
}

export interface RequestSink {
  /** Port on 127.0.0.1 to give the browser as its HTTP, HTTPS and WebSocket proxy. */
  readonly port: number;
  close(): Promise<void>;
}

/**
 * A proxy that refuses everything and records each attempt into `log` as a 'sink' request:
 * `GET http://host/path` for plain HTTP, `CONNECT https://host:port/` for TLS and WebSocket
 * tunnels (the path inside a tunnel is encrypted and stays unknown).
 */
export async function startRequestSink(log: NetworkLog): Promise<RequestSink> {
  const sockets = new Set<Socket>();
  const server = http.createServer((request, response) => {
    log.add({
      url: request.url ?? '',
      method: request.method ?? 'GET',
      source: 'sink',
      by: null,
      initiatorScripts: [],
    });
    response.writeHead(502, { 'content-type': 'text/plain', connection: 'close' });
    response.end('offline test browser: requests to other machines are refused\n');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (request, socket) => {
    const target = request.url ?? '';
    log.add({
      url: `https://${target}/`,
      method: 'CONNECT',
      source: 'sink',
      by: null,
      initiatorScripts: [],
    });
    socket.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
