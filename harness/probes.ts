/**
 * Code that runs inside the page, kept as plain JavaScript source text. Passing compiled functions
 * would not do: tsx and some Vite setups wrap functions with name helpers that do not exist in the
 * page. Each constant is the source of one function; `call` turns it and its argument into an
 * expression that both Playwright and Puppeteer can evaluate.
 */

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface MarkedRange {
  readonly text: string;
  /** The first client rect, in viewport coordinates; null if the range is not laid out. */
  readonly rect: Box | null;
}

export interface CardControl {
  /** Lower-case tag name: button, a, textarea, input. */
  readonly tag: string;
  readonly role: string | null;
  /** Accessible name as a reader would hear it: aria-label, aria-labelledby, then text. */
  readonly name: string;
  readonly href: string | null;
  readonly visible: boolean;
  /**
   * Whether a click at `center` would land on it: false when the card's own scrolling has moved it
   * out of sight, or something covers it.
   */
  readonly hittable: boolean;
  readonly disabled: boolean;
  /** Viewport coordinates, ready for `page.mouse.click(center.x, center.y)`. */
  readonly box: Box;
  readonly center: { readonly x: number; readonly y: number };
}

export interface CardSnapshot {
  /** 'open' or 'closed', as the browser reports it. */
  readonly mode: string;
  /** Whether the card's dialog is rendered with a size (a hidden card still has its host element). */
  readonly open: boolean;
  /** Whether a CSS transition or animation is still running in the card (it may be fading in). */
  readonly animating: boolean;
  /** The card's visible text, whitespace collapsed, without <style> contents. */
  readonly text: string;
  /** The accessible name of the `[role=dialog]`, or null if there is none. */
  readonly dialogName: string | null;
  readonly controls: readonly CardControl[];
  /** A description of the focused element inside the card ("button: Add note"), or null. */
  readonly focused: string | null;
  /** The values of text fields, by accessible name. */
  readonly fields: Readonly<Record<string, string>>;
}

export const call = (source: string, arg?: unknown): string =>
  `(${source})(${arg === undefined ? '' : JSON.stringify(arg)})`;

/** (name) => MarkedRange[] for the ranges in `CSS.highlights.get(name)`, in registry order. */
/**
 * (highlight) => its ranges as live Ranges, in document order. Highlights may hold StaticRanges,
 * which have no text or geometry of their own, and a highlight's own order is whatever order the
 * ranges were added in. Shared by the two probes below.
 */
const LIVE_RANGES = `(highlight) => {
  const out = [];
  for (const range of highlight) {
    if (typeof range.getClientRects === 'function') { out.push(range); continue; }
    const live = document.createRange();
    live.setStart(range.startContainer, range.startOffset);
    live.setEnd(range.endContainer, range.endOffset);
    out.push(live);
  }
  return out.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
}`;

/** (name) => MarkedRange[] for the ranges in `CSS.highlights.get(name)`, in document order. */
export const HIGHLIGHT_RANGES = `(name) => {
  const highlight = globalThis.CSS && CSS.highlights ? CSS.highlights.get(name) : undefined;
  if (!highlight) return [];
  const out = [];
  for (const range of (${LIVE_RANGES})(highlight)) {
    const r = range.getClientRects()[0];
    out.push({ text: range.toString(), rect: r ? { x: r.x, y: r.y, width: r.width, height: r.height } : null });
  }
  return out;
}`;

/**
 * ({ name, text, nth, contains }) => the centre of the nth range whose text equals (or contains)
 * \`text\`, after scrolling it to the middle of the viewport; null if there is no such range.
 */
export const SCROLL_TO_RANGE = `({ name, text, nth, contains }) => {
  const highlight = globalThis.CSS && CSS.highlights ? CSS.highlights.get(name) : undefined;
  if (!highlight) return null;
  const matches = [];
  for (const range of (${LIVE_RANGES})(highlight)) {
    const t = range.toString();
    if (contains ? t.includes(text) : t === text) matches.push(range);
  }
  const range = matches[nth || 0];
  if (!range) return null;
  const node = range.startContainer;
  const element = node.nodeType === 1 ? node : node.parentElement;
  if (element) element.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
  const r = range.getClientRects()[0];
  if (!r) return null;
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
}`;

/** (root) => JSON of a CardSnapshot, given the card's shadow root. */
export const CARD_SNAPSHOT = `(root) => {
  const text = (node) => {
    let out = '';
    const walk = (n) => {
      if (n.nodeType === 3) out += n.nodeValue;
      else if (n.nodeType === 1 && (n.localName === 'style' || n.localName === 'script')) return;
      else for (const c of n.childNodes) walk(c);
      if (n.nodeType === 1 && /^(p|div|li|h[1-6]|dt|dd|section|header|footer|ul|ol|dl|article|br)$/.test(n.localName)) out += ' ';
    };
    walk(node);
    return out.replace(/\\s+/g, ' ').trim();
  };
  const byId = (id) => root.getElementById ? root.getElementById(id) : root.querySelector('#' + CSS.escape(id));
  const nameOf = (el) => {
    const label = el.getAttribute('aria-label');
    if (label) return label.trim();
    const ids = el.getAttribute('aria-labelledby');
    if (ids) return ids.split(/\\s+/).map((id) => { const t = byId(id); return t ? text(t) : ''; }).join(' ').trim();
    const own = text(el);
    if (own) return own;
    return (el.getAttribute('placeholder') || el.getAttribute('title') || '').trim();
  };
  const describe = (el) => (el.getAttribute('role') || el.localName) + ': ' + nameOf(el);
  const dialog = root.querySelector('[role=dialog]');
  const controls = [];
  const fields = {};
  for (const el of root.querySelectorAll('button, a[href], textarea, input, [role=button], [role=link]')) {
    const r = el.getBoundingClientRect();
    const visible = r.width > 0 && r.height > 0 && (!el.checkVisibility || el.checkVisibility());
    const hit = visible ? root.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) : null;
    controls.push({
      tag: el.localName,
      role: el.getAttribute('role'),
      name: nameOf(el),
      href: el.getAttribute('href'),
      visible,
      hittable: !!hit && (hit === el || el.contains(hit)),
      disabled: !!el.disabled || el.getAttribute('aria-disabled') === 'true',
      box: { x: r.x, y: r.y, width: r.width, height: r.height },
      center: { x: r.x + r.width / 2, y: r.y + r.height / 2 },
    });
    if (el.localName === 'textarea' || el.localName === 'input') fields[nameOf(el)] = el.value;
  }
  const active = root.activeElement;
  const box = dialog ? dialog.getBoundingClientRect() : null;
  return JSON.stringify({
    mode: root.mode,
    animating: typeof root.getAnimations === 'function' && root.getAnimations().some((a) => a.playState === 'running'),
    open: !!box && box.width > 0 && box.height > 0 && (!dialog.checkVisibility || dialog.checkVisibility()),
    text: text(root),
    dialogName: dialog ? nameOf(dialog) : null,
    controls,
    focused: active ? describe(active) : null,
    fields,
  });
}`;

/** A page with a closed shadow root, to prove the harness can read one. */
export const CLOSED_SHADOW_FIXTURE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Closed shadow root</title></head>
<body><p>Outside the shadow.</p><script>
  const host = document.createElement('backstory-card');
  const root = host.attachShadow({ mode: 'closed' });
  const dialog = document.createElement('div');
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('aria-label', 'Fixture');
  const p = document.createElement('p');
  p.textContent = 'Hidden from the page';
  const button = document.createElement('button');
  button.textContent = 'Press me';
  button.addEventListener('click', () => { p.textContent = 'Pressed'; });
  dialog.append(p, button);
  root.append(dialog);
  document.documentElement.append(host);
</script></body></html>`;

/** How a control is named for `CARD_REVEAL_CONTROL`: its exact accessible name, or a pattern. */
export type ControlName = string | RegExp;

export const controlNameArg = (name: ControlName) =>
  typeof name === 'string' ? { exact: name } : { source: name.source, flags: name.flags };

/**
 * (root, { exact } | { source, flags }) => where to click the first visible control with that
 * accessible name, after scrolling it into view inside the card as a reader would; null if none.
 */
export const CARD_REVEAL_CONTROL = `(root, wanted) => {
  const matches = wanted.exact !== undefined
    ? (name) => name === wanted.exact
    : (name) => new RegExp(wanted.source, wanted.flags).test(name);
  const snapshot = JSON.parse((${CARD_SNAPSHOT})(root));
  const index = snapshot.controls.findIndex((c) => c.visible && matches(c.name));
  if (index < 0) return null;
  const el = root.querySelectorAll('button, a[href], textarea, input, [role=button], [role=link]')[index];
  el.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: 'instant' });
  const r = el.getBoundingClientRect();
  const x = r.x + r.width / 2;
  const y = r.y + r.height / 2;
  const hit = root.elementFromPoint(x, y);
  return { x, y, hittable: !!hit && (hit === el || el.contains(hit)) };
}`;

/** Runs `fn` (source taking the card's closed shadow root) in a page; null when no card is open. */
export type ShadowEvaluator<P> = <T>(page: P, fn: string) => Promise<T | null>;

/**
 * Reading and clicking the card, the same in both browsers; only how the closed shadow root is
 * reached differs (CDP in Chromium, WebDriver BiDi in Firefox).
 */
export function cardDriver<P extends { mouse: { click(x: number, y: number): Promise<unknown> } }>(
  evaluate: ShadowEvaluator<P>,
) {
  return {
    /** The card's text, dialog name, focus and controls with their boxes; null when no card is open. */
    async readCard(page: P): Promise<CardSnapshot | null> {
      const json = await evaluate<string>(page, CARD_SNAPSHOT);
      return json === null ? null : (JSON.parse(json) as CardSnapshot);
    },
    /**
     * Clicks a control in the card with the real mouse, first scrolling it into view inside the card
     * (a long card scrolls, and its lower buttons start out of sight).
     */
    async clickCardControl(page: P, name: ControlName): Promise<void> {
      const target = await evaluate<{ x: number; y: number; hittable: boolean }>(
        page,
        `(root) => (${CARD_REVEAL_CONTROL})(root, ${JSON.stringify(controlNameArg(name))})`,
      );
      if (!target) throw new Error(`no visible control named ${String(name)} in the card`);
      if (!target.hittable)
        throw new Error(`the card's ${String(name)} cannot be clicked: something covers it`);
      await page.mouse.click(target.x, target.y);
    },
  };
}
