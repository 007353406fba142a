/**
 * Page-driving helpers that work the same with Playwright (Chromium) and Puppeteer (Firefox) pages:
 * both can evaluate an expression string and move a real mouse.
 */
import { call, HIGHLIGHT_RANGES, SCROLL_TO_RANGE, type CardSnapshot, type MarkedRange } from './probes';

export interface DrivablePage {
  evaluate(expression: string): Promise<unknown>;
  readonly mouse: {
    move(x: number, y: number, options?: { steps?: number }): Promise<void>;
  };
}

export const ENTITY_HIGHLIGHT = 'backstory-entity';
export const CURRENT_HIGHLIGHT = 'backstory-current';

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Polls `probe` until it returns something other than null/undefined/false, or fails after `timeout`. */
export async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false>,
  {
    timeout = 10_000,
    interval = 100,
    what = 'condition',
  }: { timeout?: number; interval?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  let lastError: unknown = null;
  for (;;) {
    try {
      const value = await probe();
      if (value !== null && value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeout} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`,
      );
    }
    await sleep(interval);
  }
}

/** The ranges of a highlight in the page's registry, read from the page's own world. */
export async function highlightRanges(page: DrivablePage, name = ENTITY_HIGHLIGHT): Promise<MarkedRange[]> {
  return (await page.evaluate(call(HIGHLIGHT_RANGES, name))) as MarkedRange[];
}

export async function markedTexts(page: DrivablePage, name = ENTITY_HIGHLIGHT): Promise<string[]> {
  return (await highlightRanges(page, name)).map((r) => r.text);
}

/**
 * Waits until the page has marks and their number has stopped changing for `quietMs`: the extension
 * gives no "done" signal, and marking may arrive in batches.
 */
export async function waitForMarks(
  page: DrivablePage,
  { timeout = 15_000, quietMs = 600 }: { timeout?: number; quietMs?: number } = {},
): Promise<string[]> {
  const deadline = Date.now() + timeout;
  let last = -1;
  let since = Date.now();
  for (;;) {
    const texts = await markedTexts(page).catch(() => [] as string[]);
    if (texts.length !== last) {
      last = texts.length;
      since = Date.now();
    } else if (texts.length > 0 && Date.now() - since >= quietMs) {
      return texts;
    }
    if (Date.now() > deadline) {
      if (texts.length > 0) return texts;
      throw new Error(`no "${ENTITY_HIGHLIGHT}" highlight ranges after ${timeout} ms`);
    }
    await sleep(100);
  }
}

export interface TermTarget {
  /** The marked text to look for. */
  readonly text: string;
  /** Which match, counting from 0 in document order. */
  readonly nth?: number;
  /** Match ranges that contain `text` rather than equal it. */
  readonly contains?: boolean;
}

/** Scrolls the term into view and returns its centre in viewport coordinates. */
export async function locateTerm(page: DrivablePage, target: TermTarget): Promise<{ x: number; y: number }> {
  const point = (await page.evaluate(
    call(SCROLL_TO_RANGE, {
      name: ENTITY_HIGHLIGHT,
      text: target.text,
      nth: target.nth ?? 0,
      contains: !!target.contains,
    }),
  )) as { x: number; y: number } | null;
  if (!point) throw new Error(`"${target.text}" is not marked on the page`);
  return point;
}

/** Moves the mouse off any text, to the page's top-left corner. */
export async function moveMouseAway(page: DrivablePage): Promise<void> {
  await page.mouse.move(2, 2, { steps: 2 });
}

/** Moves the real mouse onto a marked term, in small steps as a hand would. */
export async function hoverTerm(page: DrivablePage, target: TermTarget): Promise<{ x: number; y: number }> {
  const point = await locateTerm(page, target);
  await page.mouse.move(Math.max(1, point.x - 40), Math.max(1, point.y - 30), { steps: 2 });
  await page.mouse.move(point.x, point.y, { steps: 5 });
  return point;
}

/** Polls a card reader until a card is open (and `accept` agrees); a timeout says what was seen. */
export async function waitForCard(
  read: () => Promise<CardSnapshot | null>,
  accept: (card: CardSnapshot) => boolean = () => true,
  timeout = 10_000,
): Promise<CardSnapshot> {
  // A holder, not a `let`: TypeScript does not see assignments made inside the callback.
  const last: { card: CardSnapshot | null } = { card: null };
  try {
    return await waitFor(
      async () => {
        const card = await read();
        last.card = card;
        return card && card.open && accept(card) ? card : null;
      },
      { timeout, what: 'the card' },
    );
  } catch (error) {
    const seen = last.card;
    const detail =
      seen === null ? 'no card' : `${seen.open ? 'open' : 'hidden'} card "${seen.text.slice(0, 400)}"`;
    throw new Error(`${(error as Error).message}; last seen: ${detail}`, { cause: error });
  }
}

/** Polls until no card is open (gone, or its host left in place but hidden). */
export async function waitForNoCard(
  read: () => Promise<CardSnapshot | null>,
  timeout = 10_000,
): Promise<void> {
  await waitFor(async () => !(await read())?.open, { timeout, what: 'the card to close' });
}

/** The first visible control in the card with this accessible name. */
export function control(card: CardSnapshot, name: string | RegExp) {
  const found = card.controls.find(
    (c) => c.visible && (typeof name === 'string' ? c.name === name : name.test(c.name)),
  );
  if (!found) {
    const names = card.controls.filter((c) => c.visible).map((c) => c.name);
    throw new Error(`no visible control named ${String(name)} in the card (has: ${names.join(', ')})`);
  }
  return found;
}
