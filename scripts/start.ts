/**
 * `npm start`: builds Backstory for both browsers, serves the demo article and opens it in a browser
 * with the extension loaded. Runs until the browser is closed or Ctrl+C.
 *
 *   npm start                                   Chromium, with a window
 *   npm start -- --browser firefox              Firefox ESR instead
 *   npm start -- --headless --screenshot a.png  hover "NATO", save the page with its card, exit
 *   npm start -- --skip-build --path /seed.html another page of the test server, no rebuild
 *
 * CHROMIUM_PATH and FIREFOX_PATH choose other browser binaries.
 */
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium, readCard as readChromiumCard } from '../harness/chromium';
import { gotoPage, launchFirefox, readCard as readFirefoxCard } from '../harness/firefox';
import { hoverTerm, waitForCard, waitForMarks, type DrivablePage } from '../harness/page';
import type { CardSnapshot } from '../harness/probes';
import { REPO_ROOT } from '../harness/paths';
import { startServer } from '../harness/server';

const USAGE = `usage: npm start -- [--browser chromium|firefox] [--headless] [--screenshot FILE]
                    [--term TEXT] [--path /demo/article.html] [--skip-build]`;

const { values: args } = parseArgs({
  options: {
    browser: { type: 'string', default: 'chromium' },
    headless: { type: 'boolean', default: false },
    screenshot: { type: 'string' },
    term: { type: 'string', default: 'NATO' },
    path: { type: 'string', default: '/demo/article.html' },
    'skip-build': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});

function run(command: string, commandArgs: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd: REPO_ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${commandArgs.join(' ')} failed (${signal ?? code})`)),
    );
  });
}

/** What the rest of the script needs from either browser. */
interface Session {
  readonly page: DrivablePage;
  readCard(): Promise<CardSnapshot | null>;
  screenshot(file: string): Promise<void>;
  /** Resolves when the reader closes the browser. */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

async function openChromium(url: string, headless: boolean): Promise<Session> {
  // A window the reader resizes freely when headed; a fixed size for screenshots.
  const harness = await launchChromium({
    headless,
    viewport: headless ? { width: 1280, height: 900 } : null,
  });
  const page = harness.context.pages()[0] ?? (await harness.context.newPage());
  await page.goto(url);
  console.log(`Backstory ${harness.extensionId} in Chromium: ${url}`);
  return {
    page,
    readCard: () => readChromiumCard(page),
    screenshot: async (file) => void (await page.screenshot({ path: file })),
    closed: new Promise((resolve) => harness.context.once('close', () => resolve())),
    close: () => harness.dispose(),
  };
}

async function openFirefox(url: string, headless: boolean): Promise<Session> {
  const harness = await launchFirefox({ headless });
  const page = await harness.newPage();
  await gotoPage(page, url);
  console.log(`Backstory in Firefox: ${url}`);
  return {
    page,
    readCard: () => readFirefoxCard(page),
    screenshot: async (file) => void (await page.screenshot({ path: file as `${string}.png` })),
    closed: new Promise((resolve) => harness.browser.once('disconnected', () => resolve())),
    close: () => harness.close(),
  };
}

async function main(): Promise<number> {
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const browser = args.browser;
  if (browser !== 'chromium' && browser !== 'firefox') {
    console.error(`unknown browser "${browser}"\n${USAGE}`);
    return 2;
  }
  if (args.screenshot !== undefined && !args.screenshot.toLowerCase().endsWith('.png')) {
    console.error('--screenshot writes a PNG: give a file name ending in .png');
    return 2;
  }
  if (!args['skip-build']) {
    await run('npx', ['wxt', 'build']);
    await run('npx', ['wxt', 'build', '-b', 'firefox']);
  }

  const server = await startServer();
  const url = server.url(args.path);
  let session: Session | null = null;
  const stop = async () => {
    await session?.close().catch(() => undefined);
    await server.close();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.log('\nClosing…');
      void stop().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }

  try {
    const headless = args.headless || args.screenshot !== undefined;
    session = browser === 'firefox' ? await openFirefox(url, headless) : await openChromium(url, headless);

    if (args.screenshot !== undefined) {
      await waitForMarks(session.page);
      await hoverTerm(session.page, { text: args.term });
      // The card is complete once its notes section (with "Add note") has rendered and it has
      // finished fading in.
      await waitForCard(
        () => session!.readCard(),
        (card) => !card.animating && card.controls.some((c) => c.name === 'Add note'),
        15_000,
      );
      const file = path.resolve(process.cwd(), args.screenshot);
      await mkdir(path.dirname(file), { recursive: true });
      await session.screenshot(file);
      console.log(`Wrote ${file}`);
      await stop();
      return 0;
    }

    console.log('Close the browser window or press Ctrl+C to stop.');
    await session.closed;
    await stop();
    return 0;
  } catch (error) {
    await stop();
    throw error;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
