/**
 * Accessibility of the built extension in Chromium: axe-core on the card, the popup and the notes
 * view in light and dark mode (no serious or critical violation), no motion when the reader asks
 * for less, and the popup and notes view worked from the keyboard alone with visible focus.
 *
 * The card lives in a closed shadow root that axe cannot enter from the page. The test opens the
 * real card on a real page and, through the DevTools protocol, gives its host a `shadowRoot`
 * property in the page's main world (harness `exposeShadowRoot`); axe then audits the card as the
 * page shows it, with its own styles. Firefox is not audited: the same CSS and markup ship there.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  clickCardControl,
  evaluateInShadowRoot,
  exposeShadowRoot,
  launchChromium,
  readCard,
  type ChromiumHarness,
} from '../../harness/chromium';
import { hoverTerm, moveMouseAway, waitForCard, waitForMarks, waitForNoCard } from '../../harness/page';
import { startServer, type StaticServer } from '../../harness/server';

const SCHEMES = ['light', 'dark'] as const;
const NOTE = `Accessibility run ${Date.now().toString(36)}: a note to audit`;

let server: StaticServer;
let chromium: ChromiumHarness;
let page: Page;

interface Finding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Nodes inside a shadow root that axe checked: their targets are paths through the host. */
let shadowNodesChecked = 0;

/** axe's serious and critical violations on `target` (a page, optionally one element of it). */
async function audit(target: Page, include?: string): Promise<Finding[]> {
  let builder = new AxeBuilder({ page: target });
  if (include) builder = builder.include(include);
  const results = await builder.analyze();
  shadowNodesChecked = [...results.passes, ...results.violations, ...results.incomplete]
    .flatMap((rule) => rule.nodes)
    .filter((node) => Array.isArray(node.target[0])).length;
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.map((n) => JSON.stringify(n.target)),
    }));
}

const report = (findings: Finding[]) =>
  findings.map((f) => `${f.impact} ${f.id}: ${f.help}\n  ${f.targets.join('\n  ')}`).join('\n');

/**
 * WCAG contrast of every piece of text in the card, computed inside its shadow root: axe reports
 * the card's contrast as "incomplete" (it finds backgrounds with `document.elementsFromPoint`,
 * which stops at the closed root's host), so the test measures it itself. Each element with text
 * of its own is checked against its composited background, up to the card's opaque one.
 */
const CARD_CONTRAST = `(root) => {
  const parse = (value) => {
    const m = /rgba?\\(([^)]+)\\)/.exec(value);
    if (!m) return null;
    const [r, g, b, a] = m[1].split(/[\\s,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a: a === undefined ? 1 : a };
  };
  const over = (top, under) => ({
    r: top.r * top.a + under.r * (1 - top.a),
    g: top.g * top.a + under.g * (1 - top.a),
    b: top.b * top.a + under.b * (1 - top.a),
    a: 1,
  });
  const channel = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  const luminance = (c) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  const backgroundOf = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg && bg.a > 0) {
        layers.push(bg);
        if (bg.a >= 1) break;
      }
    }
    return layers.reverse().reduce((under, top) => over(top, under), { r: 255, g: 255, b: 255, a: 1 });
  };
  const checked = [];
  for (const el of root.querySelectorAll('*')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.data.trim() !== '');
    const field = el.tagName === 'TEXTAREA' || el.tagName === 'INPUT';
    if (!own && !field) continue;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    // Visually hidden text (screen readers only) has no contrast to keep.
    if (box.width <= 1 || box.height <= 1 || style.visibility === 'hidden' || style.clipPath === 'inset(50%)') continue;
    const bg = backgroundOf(el);
    const fg = over(parse(style.color), bg);
    const [light, dark] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    checked.push({
      text: (field ? el.tagName.toLowerCase() : el.textContent.trim()).slice(0, 40),
      ratio: Math.round(((light + 0.05) / (dark + 0.05)) * 100) / 100,
      needs: large ? 3 : 4.5,
    });
  }
  return checked;
}`;

interface ContrastCheck {
  text: string;
  ratio: number;
  needs: number;
}

async function cardContrast(): Promise<{ checked: number; failing: ContrastCheck[] }> {
  const checks = (await evaluateInShadowRoot<ContrastCheck[]>(page, CARD_CONTRAST)) ?? [];
  return { checked: checks.length, failing: checks.filter((c) => c.ratio < c.needs) };
}

async function openCard(text: string): Promise<void> {
  await moveMouseAway(page);
  await waitForNoCard(() => readCard(page));
  await hoverTerm(page, { text });
  await waitForCard(
    () => readCard(page),
    (c) => c.controls.some((x) => x.name === 'Add note'),
  );
}

beforeAll(async () => {
  server = await startServer();
  chromium = await launchChromium();
  page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
  await page.goto(server.url('/seed.html'));
  await waitForMarks(page);
});

afterAll(async () => {
  await chromium?.dispose();
  await server?.close();
});

describe('the card', () => {
  for (const colorScheme of SCHEMES) {
    test(`axe finds nothing serious in the card (${colorScheme})`, async () => {
      await page.emulateMedia({ colorScheme });
      await openCard('NATO');
      expect(await exposeShadowRoot(page)).toBe(true);
      const findings = await audit(page, 'backstory-card');
      expect(findings, report(findings)).toEqual([]);
      expect(shadowNodesChecked, 'axe saw inside the closed shadow root').toBeGreaterThan(10);
      const contrast = await cardContrast();
      expect(contrast.checked).toBeGreaterThan(5);
      expect(contrast.failing, 'text below WCAG AA contrast').toEqual([]);
    });
  }

  test('the contrast check would catch pale text in the card', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await openCard('NATO');
    expect(await exposeShadowRoot(page)).toBe(true);
    // A deliberate fault, added and removed again by the test: pale grey summary text on white.
    await evaluateInShadowRoot(
      page,
      `(root) => { const s = document.createElement('style'); s.id = 'fault'; s.textContent = '.summary { color: #d0d0d0 !important }'; root.append(s); return true; }`,
    );
    try {
      const { failing } = await cardContrast();
      expect(failing.length).toBeGreaterThan(0);
    } finally {
      await evaluateInShadowRoot(page, `(root) => { root.getElementById('fault')?.remove(); return true; }`);
    }
  });

  test('axe finds nothing serious with the note editor open, and then with a saved note', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await openCard('Vladimir Putin');
    await clickCardControl(page, 'Add note');
    await waitForCard(
      () => readCard(page),
      (c) => c.focused === 'textarea: Note',
    );
    await page.keyboard.type(NOTE);
    expect(await exposeShadowRoot(page)).toBe(true);
    const editing = await audit(page, 'backstory-card');
    expect(editing, report(editing)).toEqual([]);
    expect((await cardContrast()).failing, 'editor text below WCAG AA contrast').toEqual([]);
    await page.keyboard.press('Control+Enter');
    await waitForCard(
      () => readCard(page),
      (c) => c.text.includes(NOTE) && !c.controls.some((x) => x.tag === 'textarea'),
    );
    for (const colorScheme of SCHEMES) {
      await page.emulateMedia({ colorScheme });
      const saved = await audit(page, 'backstory-card');
      expect(saved, `${colorScheme}\n${report(saved)}`).toEqual([]);
      expect((await cardContrast()).failing, `${colorScheme}: text below WCAG AA contrast`).toEqual([]);
    }
    await page.keyboard.press('Escape');
    await waitForNoCard(() => readCard(page));
  });

  test('the card does not animate when the reader asks for reduced motion', async () => {
    const animation = async () => {
      await openCard('NATO');
      return evaluateInShadowRoot<string>(
        page,
        `(root) => getComputedStyle(root.querySelector('.card')).animationName`,
      );
    };
    await page.emulateMedia({ reducedMotion: 'no-preference', colorScheme: 'light' });
    expect(await animation(), 'the check sees the animation when motion is fine').not.toBe('none');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await animation()).toBe('none');
    await page.emulateMedia({ reducedMotion: 'no-preference' });
  });
});

/** Every element's (and its pseudo-elements') transitions and animations that take time. */
const MOVING_PARTS = `(() => {
  const moving = [];
  for (const el of document.querySelectorAll('*')) {
    for (const pseudo of [null, '::before', '::after']) {
      const s = getComputedStyle(el, pseudo);
      const seconds = (list) => list.split(',').map((t) => parseFloat(t) || 0);
      const transition = seconds(s.transitionDuration).some((t) => t > 0) && s.transitionProperty !== 'none';
      const animation = s.animationName !== 'none' && seconds(s.animationDuration).some((t) => t > 0);
      if (transition || animation) moving.push(el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') + (pseudo ?? ''));
    }
  }
  return moving;
})()`;

/**
 * The elements Tab should reach, in document order: enabled controls and links that are rendered,
 * and the summaries of disclosures (<details>), but not what a closed one hides (Chrome keeps its
 * boxes, so it has client rects, yet Tab skips it). Radio groups and the like would need more; the
 * popup and notes view have none.
 */
const TABBABLE = `(() => [...document.querySelectorAll('a[href], button, input, textarea, select, summary, [tabindex]')]
  .filter((el) => {
    const closed = el.closest('details:not([open])');
    return !closed || closed.querySelector(':scope > summary')?.contains(el);
  })
  .filter((el) => !el.disabled && el.tabIndex >= 0 && el.getClientRects().length > 0)
  .map((el) => el.tagName.toLowerCase() + ': ' + (el.getAttribute('aria-label') || el.textContent.trim() || el.getAttribute('name') || '')))()`;

/** The focused element, named as TABBABLE names it, and whether its focus ring can be seen. */
const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1;
  const shadow = s.boxShadow !== 'none';
  return {
    name: el.tagName.toLowerCase() + ': ' + (el.getAttribute('aria-label') || el.textContent.trim() || el.getAttribute('name') || ''),
    visible: outline || shadow,
    focusVisible: el.matches(':focus-visible'),
  };
})()`;

interface Focused {
  name: string;
  visible: boolean;
  focusVisible: boolean;
}

/**
 * Presses Tab until focus comes round to the first stop again, and returns the stops from the top
 * of the page (`first`): Tab starts from wherever focus last was, and passes through the browser's
 * own interface between the last control and the first.
 */
async function tabThrough(target: Page, first: string, limit = 120): Promise<Focused[]> {
  const stops: Focused[] = [];
  for (let i = 0; i < limit; i++) {
    await target.keyboard.press('Tab');
    const focused = (await target.evaluate(FOCUSED)) as Focused | null;
    if (focused === null) continue;
    if (stops.length > 0 && focused.name === stops[0]!.name) break;
    stops.push(focused);
  }
  const start = stops.findIndex((s) => s.name === first);
  return start < 0 ? stops : [...stops.slice(start), ...stops.slice(0, start)];
}

describe('the popup', () => {
  let popup: Page;

  beforeAll(async () => {
    await page.goto(server.url('/seed.html'));
    await waitForMarks(page);
    await page.bringToFront();
    // Opened as a tab, the popup looks at the most recently used other tab: the seed article.
    popup = await chromium.context.newPage();
    await popup.goto(chromium.extensionUrl('popup.html'));
    await popup.getByRole('list', { name: 'On this page' }).waitFor();
    await popup.getByRole('article', { name: 'Note on Vladimir Putin' }).first().waitFor();
  });

  afterAll(async () => {
    await popup?.close();
  });

  for (const colorScheme of SCHEMES) {
    test(`axe finds nothing serious (${colorScheme})`, async () => {
      await popup.emulateMedia({ colorScheme });
      const findings = await audit(popup);
      expect(findings, report(findings)).toEqual([]);
    });
  }

  test('nothing moves with reduced motion; the switch animates otherwise', async () => {
    await popup.emulateMedia({ reducedMotion: 'no-preference' });
    expect(((await popup.evaluate(MOVING_PARTS)) as string[]).length).toBeGreaterThan(0);
    await popup.emulateMedia({ reducedMotion: 'reduce' });
    expect(await popup.evaluate(MOVING_PARTS)).toEqual([]);
  });

  test('Tab reaches every control in order, each with a visible focus ring', async () => {
    const expected = (await popup.evaluate(TABBABLE)) as string[];
    expect(expected.length, 'the popup has its controls').toBeGreaterThan(8);
    const stops = await tabThrough(popup, expected[0]!);
    expect(stops.map((s) => s.name)).toEqual(expected);
    const unseen = stops.filter((s) => !s.visible || !s.focusVisible).map((s) => s.name);
    expect(unseen, 'controls whose keyboard focus cannot be seen').toEqual([]);
  });

  test('the keyboard alone searches, deletes a note and undoes it', async () => {
    const search = popup.getByRole('searchbox', { name: 'Search notes' });
    await search.focus();
    await popup.keyboard.type('audit');
    const note = popup.getByRole('article', { name: 'Note on Vladimir Putin' }).filter({ hasText: NOTE });
    await note.waitFor();
    await note.getByRole('button', { name: /^Delete/ }).focus();
    await popup.keyboard.press('Enter');
    await note.waitFor({ state: 'detached' });
    // Focus goes where the reader can act on it next: the Undo button.
    const undo = popup.getByRole('button', { name: 'Undo' });
    await undo.waitFor();
    if (!(await undo.evaluate((el) => el === document.activeElement))) await undo.focus();
    await popup.keyboard.press('Enter');
    await note.waitFor();
    await search.fill('');
  });

  test('Enter on a name in "On this page" opens its card on the page', async () => {
    await moveMouseAway(page);
    await popup.bringToFront();
    const nato = popup
      .getByRole('list', { name: 'On this page' })
      .getByRole('button', { name: /^NATO \d+$/ });
    await nato.focus();
    await popup.keyboard.press('Enter');
    const card = await waitForCard(() => readCard(page));
    expect(card.dialogName).toBe('NATO');
    await page.bringToFront();
    await page.keyboard.press('Escape');
    await waitForNoCard(() => readCard(page));
  });
});

describe('the notes view', () => {
  let notes: Page;

  beforeAll(async () => {
    notes = await chromium.context.newPage();
    await notes.goto(chromium.extensionUrl('notes.html'));
    await notes.getByRole('article', { name: 'Note on Vladimir Putin' }).first().waitFor();
  });

  afterAll(async () => {
    await notes?.close();
  });

  for (const colorScheme of SCHEMES) {
    test(`axe finds nothing serious (${colorScheme})`, async () => {
      await notes.emulateMedia({ colorScheme });
      const findings = await audit(notes);
      expect(findings, report(findings)).toEqual([]);
    });
  }

  test('axe finds nothing serious while a note is being edited', async () => {
    const note = notes.getByRole('article', { name: 'Note on Vladimir Putin' }).filter({ hasText: NOTE });
    await note.getByRole('button', { name: /^Edit/ }).focus();
    await notes.keyboard.press('Enter');
    // While editing, the note's text is the textarea's value, which hasText does not see.
    const editor = notes.getByRole('textbox', { name: 'Edit note' });
    await editor.waitFor();
    expect(await editor.evaluate((el) => el === document.activeElement)).toBe(true);
    const findings = await audit(notes);
    expect(findings, report(findings)).toEqual([]);
    await notes.keyboard.press('Escape');
    await editor.waitFor({ state: 'detached' });
  });

  test('nothing moves with reduced motion', async () => {
    await notes.emulateMedia({ reducedMotion: 'reduce' });
    expect(await notes.evaluate(MOVING_PARTS)).toEqual([]);
  });

  test('Tab reaches every control in order, each with a visible focus ring', async () => {
    const expected = (await notes.evaluate(TABBABLE)) as string[];
    expect(expected.length, 'the notes view has its controls').toBeGreaterThan(3);
    const stops = await tabThrough(notes, expected[0]!);
    expect(stops.map((s) => s.name)).toEqual(expected);
    const unseen = stops.filter((s) => !s.visible || !s.focusVisible).map((s) => s.name);
    expect(unseen, 'controls whose keyboard focus cannot be seen').toEqual([]);
  });
});
