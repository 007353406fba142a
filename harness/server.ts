/**
 * A tiny static server for the browser tests, `npm start` and the benchmarks. It listens on
 * 127.0.0.1 on a random port and serves:
 *   /seed.html           the seed article, turned into HTML on each request
 *   /pages/<name>.html   saved news pages from ../shared/pages, read in place
 *   /demo/...            the repo's demo/ folder
 * plus any extra pages a caller registers (test fixtures), with extra response headers if asked.
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DEMO_DIR, SEED_FILE, SHARED_PAGES_DIR } from './paths';
import { seedToHtml } from './seed';

export interface ServerOptions {
  /** Extra pages by exact path, e.g. `{ '/fixture/shadow.html': '<!doctype html>…' }`. */
  readonly extraPages?: Readonly<Record<string, string>>;
  /** Response headers for some paths, e.g. a Content-Security-Policy for a fixture page. */
  readonly extraHeaders?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface StaticServer {
  readonly origin: string;
  readonly port: number;
  url(pathname: string): string;
  close(): Promise<void>;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/** Resolves `rest` inside `root`, or null if it would step outside it. */
function inside(root: string, rest: string): string | null {
  const file = path.resolve(root, '.' + path.posix.normalize('/' + rest));
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

async function resolve(
  pathname: string,
  extra: Readonly<Record<string, string>>,
): Promise<{ body: string | Buffer; type: string } | null> {
  const page = extra[pathname];
  if (page !== undefined) return { body: page, type: TYPES['.html']! };
  if (pathname === '/seed.html') {
    return { body: seedToHtml(await readFile(SEED_FILE, 'utf8')), type: TYPES['.html']! };
  }
  const shared = /^\/pages\/([A-Za-z0-9._-]+\.html)$/.exec(pathname);
  if (shared) return { body: await readFile(path.join(SHARED_PAGES_DIR, shared[1]!)), type: TYPES['.html']! };
  if (pathname.startsWith('/demo/')) {
    let file = inside(DEMO_DIR, pathname.slice('/demo/'.length));
    if (file === null) return null;
    if (pathname.endsWith('/')) file = path.join(file, 'index.html');
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    return { body: await readFile(file), type };
  }
  return null;
}

export async function startServer(options: ServerOptions = {}): Promise<StaticServer> {
  const extra = options.extraPages ?? {};
  const headers = options.extraHeaders ?? {};
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    resolve(pathname, extra)
      .then((found) => {
        if (!found) {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
          return;
        }
        // no-store: every test and every reload sees the file as it is now.
        res.writeHead(200, { 'content-type': found.type, 'cache-control': 'no-store', ...headers[pathname] });
        res.end(req.method === 'HEAD' ? undefined : found.body);
      })
      .catch((error: unknown) => {
        const missing =
          (error as NodeJS.ErrnoException).code === 'ENOENT' ||
          (error as NodeJS.ErrnoException).code === 'EISDIR';
        res
          .writeHead(missing ? 404 : 500, { 'content-type': 'text/plain' })
          .end(missing ? 'not found' : String(error));
      });
  });
  // Browsers keep connections alive; without this, close() waits for them to time out.
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((done, failed) => {
    server.once('error', failed);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    url: (pathname) => origin + (pathname.startsWith('/') ? pathname : '/' + pathname),
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}
