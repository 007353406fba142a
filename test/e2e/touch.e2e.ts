/**
 * Touch and narrow windows in Chromium: a phone-sized window with touch emulated. A tap on a marked
 * name opens its card, which is a bottom sheet under 600 px wide; a tap elsewhere closes it; a wide
 * window gets the floating card again.
 *
 * Taps are real touch input through the DevTools protocol (`Input.dispatchTouchEvent`): trusted
 * pointer events with pointerType 'touch', as a finger makes them.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, readCard, type ChromiumHarness } from '../../harness/chromium';
import {
  hoverTerm,
  locateTerm,
  moveMouseAway,
  waitForCard,
  waitForMarks,
  waitForNoCard,
} from '../../harness/page';
import { evaluateInShadowRoot } from '../../harness/chromium';
import { startServer, type StaticServer } from '../../harness/server';

const PHONE = { width: 390, height: 760 };

let server: StaticServer;
let chromium: ChromiumHarness;
let page: Page;
let cdp: CDPSession;

async function tap(x: number, y: number): Promise<void> {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

const dialogBox = () =>
  evaluateInShadowRoot<{ x: number; y: number; width: number; height: number; sheet: boolean }>(
    page,
    `(root) => { const d = root.querySelector('[role=dialog]'); const r = d.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height, sheet: d.hasAttribute('data-sheet') }; }`,
  );

beforeAll(async () => {
  server = await startServer();
  chromium = await launchChromium({ viewport: PHONE });
  page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
  cdp = await chromium.context.newCDPSession(page);
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
});

afterAll(async () => {
  await cdp?.detach().catch(() => undefined);
  await chromium?.dispose();
  await server?.close();
});

describe('Chromium: touch and narrow windows', () => {
  test('a tap on a marked name opens its card as a bottom sheet; a tap elsewhere closes it', async () => {
    await page.goto(server.url('/seed.html'));
    await waitForMarks(page);
    const point = await locateTerm(page, { text: 'NATO' });
    await tap(point.x, point.y);
    const card = await waitForCard(
      () => readCard(page),
      (c) => c.text.length > 40,
    );
    expect(card.dialogName).toMatch(/NATO/);
    const box = await dialogBox();
    expect(box?.sheet).toBe(true);
    // Full width, resting on the bottom edge.
    expect(box!.x).toBeLessThanOrEqual(1);
    expect(box!.width).toBeGreaterThanOrEqual(PHONE.width - 2);
    expect(Math.abs(box!.y + box!.height - PHONE.height)).toBeLessThanOrEqual(2);
    expect(box!.height).toBeLessThanOrEqual(PHONE.height * 0.6 + 1);
    // Its buttons can be tapped: nothing covers them.
    // (Those scrolled out of the card's own view are left out: they are clipped, not covered.)
    const shown = card.controls.filter(
      (c) =>
        c.visible &&
        c.center.y > box!.y &&
        c.center.y < box!.y + box!.height &&
        c.center.y < PHONE.height &&
        c.center.x < PHONE.width,
    );
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter((c) => !c.hittable).map((c) => c.name)).toEqual([]);
    // A tap on the page away from any name closes it.
    await tap(PHONE.width / 2, 12);
    await waitForNoCard(() => readCard(page));
  });

  test('a tap on a two-word name opens its card', async () => {
    await page.goto(server.url('/seed.html'));
    await waitForMarks(page);
    const point = await locateTerm(page, { text: 'Vladimir Putin' });
    await tap(point.x, point.y);
    const card = await waitForCard(() => readCard(page));
    expect(card.dialogName).toMatch(/Putin/);
    await tap(PHONE.width / 2, 12);
    await waitForNoCard(() => readCard(page));
  });

  test('in a wide window the card floats beside the name again', async () => {
    await page.setViewportSize({ width: 1100, height: 800 });
    await page.goto(server.url('/seed.html'));
    await waitForMarks(page);
    await moveMouseAway(page);
    const point = await hoverTerm(page, { text: 'NATO' });
    await waitForCard(() => readCard(page));
    const box = await dialogBox();
    expect(box?.sheet).toBe(false);
    expect(box!.width).toBeLessThanOrEqual(400);
    expect(Math.abs(box!.y - point.y)).toBeLessThan(300);
    // Narrowing the window with the card open turns it into a sheet.
    await page.setViewportSize({ width: 500, height: 800 });
    await waitForCard(
      () => readCard(page),
      () => true,
    );
    const narrowed = await (async () => {
      for (let i = 0; i < 30; i++) {
        const b = await dialogBox();
        if (b?.sheet) return b;
        await new Promise((done) => setTimeout(done, 100));
      }
      return dialogBox();
    })();
    expect(narrowed?.sheet).toBe(true);
  });
});
