/**
 * Hostile and odd fixture pages for the hostile suites (one per browser), and the in-page probes
 * they share. Every page starts with a sentinel script, run before anything else on the page:
 * it records console errors, long tasks and every DOM mutation (a page that watches everything),
 * and counts clicks on the page's own #ping button, so a suite can show the page still works.
 */
import { waitFor } from '../../harness/page';

/** Runs first on every fixture page; the page's own state lives in `window.__hostile`. */
const SENTINEL = `<script nonce="fixture">
(() => {
  const state = { errors: [], mutations: [], longTasks: [], pings: 0, pwned: [] };
  window.__hostile = state;
  addEventListener('error', (e) => state.errors.push(String(e.message)));
  addEventListener('unhandledrejection', (e) => state.errors.push('rejection: ' + String(e.reason)));
  const seen = (node) => {
    let out = node.nodeName + ':' + (node.textContent || '');
    if (node.nodeType === 1) for (const a of node.attributes) out += ' ' + a.name + '=' + a.value;
    return out;
  };
  new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) state.mutations.push(seen(n));
      if (r.type === 'characterData') state.mutations.push('data:' + r.target.nodeValue);
      if (r.type === 'attributes' && r.target.getAttribute) state.mutations.push('attr:' + r.attributeName + '=' + r.target.getAttribute(r.attributeName));
    }
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) state.longTasks.push(Math.round(entry.duration));
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { state.longTasks = null; }
  document.addEventListener('DOMContentLoaded', () => {
    const ping = document.getElementById('ping');
    if (ping) ping.addEventListener('click', () => { state.pings++; ping.textContent = 'pinged ' + state.pings; });
  });
})();
</script>`;

const PING = '<button id="ping" type="button">ping</button>';

const page = (title: string, head: string, body: string, attrs = '') => `<!doctype html>
<html lang="en"${attrs}><head><meta charset="utf-8"><title>${title}</title>${SENTINEL}${head}</head>
<body>${PING}${body}</body></html>`;

const PROSE =
  '<p>Leaders of NATO met in Brussels on Tuesday. Vladimir Putin was not invited, and NATO said so.</p>';

/** Built-ins replaced before the content script runs (document_idle: long after this script). */
const OVERRIDES = `<script nonce="fixture">
(() => {
  // Kept for the test's probes, which run in this (main) world in Firefox.
  window.__hostile.realCSS = CSS;
  const map = Array.prototype.map;
  Array.prototype.map = function (...args) { return map.apply(this, args).reverse(); };
  const data = Object.getOwnPropertyDescriptor(CharacterData.prototype, 'data');
  Object.defineProperty(CharacterData.prototype, 'data', { get() { return 'hijacked'; }, set: data.set, configurable: true });
  Object.defineProperty(Node.prototype, 'parentNode', { get() { return null; }, configurable: true });
  Object.defineProperty(Node.prototype, 'textContent', { get() { return ''; }, set() {}, configurable: true });
  window.CSS = { highlights: null, escape: (s) => s, supports: () => false };
  Object.defineProperty(window, 'Highlight', { value: function () { throw new Error('no highlights'); } });
  Element.prototype.attachShadow = function () { throw new Error('page: attachShadow is off'); };
  const add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    // Swallows every pointer and key listener added after this point.
    if (/^(pointer|mouse|key)/.test(type)) return;
    return add.call(this, type, listener, options);
  };
  window.__hostile.overridden = true;
})();
</script>`;

/** Finds a word in the page's text and dispatches untrusted events at it: no card may open. */
const ATTACKER = `<script nonce="fixture">
window.__attack = () => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let range = null;
  for (let n = walker.nextNode(); n && !range; n = walker.nextNode()) {
    const i = n.data.indexOf('NATO');
    if (i >= 0) { range = document.createRange(); range.setStart(n, i); range.setEnd(n, i + 4); }
  }
  const r = range.getBoundingClientRect();
  const x = r.x + r.width / 2, y = r.y + r.height / 2;
  const target = document.elementFromPoint(x, y) || document.body;
  const init = { bubbles: true, composed: true, cancelable: true, clientX: x, clientY: y, view: window };
  for (let i = 0; i < 5; i++) {
    target.dispatchEvent(new PointerEvent('pointermove', { ...init, pointerType: 'mouse' }));
    target.dispatchEvent(new MouseEvent('mousemove', init));
  }
  target.dispatchEvent(new MouseEvent('mouseover', init));
  target.dispatchEvent(new PointerEvent('pointerdown', { ...init, pointerType: 'touch' }));
  target.dispatchEvent(new PointerEvent('pointerup', { ...init, pointerType: 'touch' }));
  target.dispatchEvent(new MouseEvent('click', init));
  for (const key of ['b', 'B', 'Enter', 'Tab'])
    document.dispatchEvent(new KeyboardEvent('keydown', { key, altKey: true, shiftKey: true, bubbles: true, composed: true }));
  return { x, y };
};
/** With a card open: tries to close it, type into it and save, from outside. */
window.__attackCard = () => {
  const host = document.querySelector('backstory-card');
  const out = { host: !!host, shadowRoot: host ? host.shadowRoot : 'no host', children: host ? host.childNodes.length : -1 };
  for (const target of [document, host].filter(Boolean)) {
    target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    target.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true, clientX: 1, clientY: 1 }));
    target.dispatchEvent(new PointerEvent('pointerleave', { bubbles: false }));
    target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, composed: true }));
  }
  if (host) { host.focus(); host.click(); }
  return out;
};
</script>`;

/** Markup and script as text: if any of it ran, `__hostile.pwned` would say so. */
const MARKUP_TEXT =
  '&lt;img src=x onerror="__hostile.pwned.push(1)"&gt; NATO &lt;script&gt;__hostile.pwned.push(2)&lt;/script&gt; ' +
  '<a href="javascript:__hostile.pwned.push(3)">NATO</a> and Vladimir Putin said &lt;b&gt;no&lt;/b&gt;.';

/** A note that would run script if any of it were parsed as markup or followed as a link. */
export const HOSTILE_NOTE =
  '<img src=x onerror="__hostile.pwned.push(\'note\')"> [link](javascript:__hostile.pwned.push(5)) ' +
  'javascript:__hostile.pwned.push(6) <script>__hostile.pwned.push(7)</script>';

const FIGHTING_CSS = `<style nonce="fixture">
* { all: unset !important; }
html, body, p, div { display: block !important; }
#ping { display: inline-block !important; }
body { transform: rotate(0.5deg) translateX(20px) !important; zoom: 1.25 !important; font-size: 18px !important; }
.overlay { position: fixed !important; inset: 0 !important; z-index: 2147483647 !important; pointer-events: none !important;
  background: rgba(255, 0, 0, 0.05) !important; display: block !important; }
backstory-card { display: none !important; visibility: hidden !important; opacity: 0 !important; transform: scale(0) !important; }
</style>`;

/** The same text three ways: right to left, vertical, and both. */
const WRITING_MODES = `
<p dir="rtl" lang="ar">قال NATO اليوم إن Vladimir Putin لم يُدعَ.</p>
<p style="writing-mode: vertical-rl; height: 320px">Leaders of NATO met. NATO said so.</p>
<p style="writing-mode: vertical-lr; direction: rtl; height: 320px">Tuesday, NATO again.</p>`;

const IFRAMES = (crossOrigin: string) => `${PROSE}
<iframe id="same" src="/hostile/frame.html" style="width:600px;height:160px"></iframe>
<iframe id="cross" src="${crossOrigin}/hostile/frame.html" style="width:600px;height:160px"></iframe>
<iframe id="srcdoc" srcdoc="<p>NATO in a srcdoc frame.</p>" style="width:600px;height:80px"></iframe>`;

const SHADOW = `${PROSE}<div id="widget"></div><script nonce="fixture">
  const open = document.getElementById('widget').attachShadow({ mode: 'open' });
  const p = document.createElement('p');
  p.textContent = 'NATO inside an open shadow root.';
  open.append(p);
</script>`;

const SVG = `${PROSE}
<svg width="600" height="80" xmlns="http://www.w3.org/2000/svg"><text x="10" y="40" font-size="24">NATO in SVG text</text>
<foreignObject x="300" y="10" width="280" height="60"><p xmlns="http://www.w3.org/1999/xhtml">NATO in a foreignObject</p></foreignObject></svg>`;

const EDITORS = `${PROSE}
<div id="editor" contenteditable="true"><p>NATO in an editor.</p></div>
<div contenteditable="plaintext-only">NATO in a plain-text editor.</div>
<textarea id="area">NATO in a textarea.</textarea>
<input id="field" value="NATO in an input">
<div contenteditable="false"><p>NATO where editing is off.</p></div>`;

/** Pathological text, built by the page itself so the HTML stays small. */
const PATHOLOGICAL = `${PROSE}<div id="huge"></div><script nonce="fixture">
  const huge = document.getElementById('huge');
  const t0 = performance.now();
  // A 5 MB single text node with a few names in it.
  const chunk = 'lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(1000);
  let big = '';
  while (big.length < 5_000_000) big += chunk + ' NATO ';
  const one = document.createElement('p');
  one.append(big);
  one.id = 'one';
  huge.append(one);
  // Zero-width and combining characters around and inside names.
  const odd = document.createElement('p');
  odd.append('\\u200bNATO\\u200b N\\u200dATO NA\\u0301TO NATO\\u0308 \\ufeffNATO\\u2060 \\u202eNATO\\u202c NATO\\u20dd.');
  odd.id = 'odd';
  huge.append(odd);
  // Surrogate pairs at every position, and lone halves.
  const pairs = document.createElement('p');
  const word = 'NATO';
  let s = '';
  for (let i = 0; i <= word.length; i++) s += word.slice(0, i) + '\\u{1F600}' + word.slice(i) + ' \\ud83d' + word + '\\ude00 ';
  pairs.append(s);
  pairs.id = 'pairs';
  huge.append(pairs);
  // 10,000 repetitions of one term.
  const many = document.createElement('p');
  many.append('NATO '.repeat(10000));
  many.id = 'many';
  huge.append(many);
  window.__hostile.builtMs = Math.round(performance.now() - t0);
</script>`;

/** 200,000 one-letter text nodes in one line (its own page: Chromium freezes on it, see the suite). */
const TINY_NODES = `${PROSE}<div id="huge"></div><script nonce="fixture">
  const huge = document.getElementById('huge');
  const t0 = performance.now();
  // 200,000 tiny nodes: one letter each, in one line, so they join into words.
  const tiny = document.createElement('p');
  const letters = 'Vladimir Putin and NATO. ';
  for (let i = 0; i < 200000; i++) tiny.append(letters[i % letters.length]);
  tiny.id = 'tiny';
  huge.append(tiny);
  window.__hostile.builtMs = Math.round(performance.now() - t0);
</script>`;

/**
 * A long page of many marks (only those near the viewport are painted) that appends paragraphs at
 * its end and scrolls to them, as an infinite-scroll feed does: `__feed(n)` appends n.
 */
const FEED = `${PROSE}<main id="feed"></main><script nonce="fixture">
  const feed = document.getElementById('feed');
  const paragraph = (text) => {
    const p = document.createElement('p');
    p.textContent = text;
    return p;
  };
  for (let i = 0; i < 1500; i++) feed.append(paragraph('Paragraph ' + i + ': NATO met again in Brussels.'));
  window.__feed = (n) => {
    for (let i = 0; i < n; i++) feed.append(Object.assign(paragraph('Fed paragraph: Vladimir Putin spoke.'), { className: 'fed' }));
    scrollTo(0, document.documentElement.scrollHeight);
  };
</script>`;

/** Any world: the marks registered now, and the texts of those on the feed's appended paragraphs. */
export const FEED_MARKS = `(() => {
  const out = { registered: 0, fed: 0, fedTexts: [] };
  for (const r of CSS.highlights.get('backstory-entity')) {
    out.registered++;
    const p = r.startContainer.parentElement;
    if (!p || p.className !== 'fed') continue;
    out.fed++;
    const text = r.startContainer.data.slice(r.startOffset, r.endOffset);
    if (!out.fedTexts.includes(text)) out.fedTexts.push(text);
  }
  return out;
})()`;

export interface FeedMarks {
  readonly registered: number;
  readonly fed: number;
  readonly fedTexts: readonly string[];
}

/**
 * Feeds /hostile/feed.html five batches of 20 paragraphs, 100 ms apart (`evaluate` runs in the
 * page's world), and waits for marks on them (`marks` reads FEED_MARKS).
 */
export async function feedUntilMarked(
  evaluate: (expression: string) => Promise<unknown>,
  marks: () => Promise<FeedMarks>,
): Promise<{ before: FeedMarks; after: FeedMarks; ms: number }> {
  await waitFor(
    async () => (await evaluate("performance.getEntriesByName('backstory:ready').length")) === 1,
    {
      timeout: 60_000,
      what: 'the first scan to end',
    },
  );
  // The marks near the viewport are painted just after the scan's last slice.
  const before = await waitFor(
    async () => {
      const now = await marks();
      return now.registered > 0 ? now : null;
    },
    { what: 'marks near the viewport' },
  );
  const t0 = Date.now();
  for (let i = 0; i < 5; i++) {
    await evaluate('__feed(20)');
    await new Promise((done) => setTimeout(done, 100));
  }
  const after = await waitFor(
    async () => {
      const now = await marks();
      return now.fed > 0 ? now : null;
    },
    { what: 'marks on the appended paragraphs' },
  );
  return { before, after, ms: Date.now() - t0 };
}

/** A page for the same- and cross-origin frames. */
const FRAME = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Frame</title></head>
<body><p>NATO inside a frame, with Vladimir Putin.</p></body></html>`;

export const CSP =
  "default-src 'none'; script-src 'nonce-fixture'; style-src 'nonce-fixture'; img-src 'self'";

export interface HostileCase {
  readonly path: string;
  /** What the page does, for the report. */
  readonly what: string;
}

export function hostilePages(crossOrigin: string): {
  pages: Record<string, string>;
  headers: Record<string, Record<string, string>>;
} {
  return {
    pages: {
      '/hostile/builtins.html': page('Overridden built-ins', OVERRIDES, PROSE),
      '/hostile/reader.html': page('A page that reads and pokes', ATTACKER, PROSE),
      '/hostile/markup.html': page('Markup as text', '', `<p>${MARKUP_TEXT}</p>${PROSE}`),
      '/hostile/css.html': page('CSS that fights back', FIGHTING_CSS, `${PROSE}<div class="overlay"></div>`),
      '/hostile/writing-modes.html': page('RTL and vertical text', '', PROSE + WRITING_MODES),
      '/hostile/csp.html': page('Strict CSP', '', PROSE),
      '/hostile/iframes.html': page('Frames', '', IFRAMES(crossOrigin)),
      '/hostile/frame.html': FRAME,
      '/hostile/shadow.html': page('Open shadow root', '', SHADOW),
      '/hostile/svg.html': page('SVG text', '', SVG),
      '/hostile/editors.html': page('Editors', '', EDITORS),
      '/hostile/pathological.html': page('Pathological text', '', PATHOLOGICAL),
      '/hostile/tiny-nodes.html': page('200,000 tiny nodes', '', TINY_NODES),
      '/hostile/feed.html': page('A long feed', '', FEED),
    },
    headers: { '/hostile/csp.html': { 'content-security-policy': CSP } },
  };
}

/**
 * (marker) => where a page script can find `marker`: the DOM (open shadow roots included), any
 * element's shadowRoot, the mutations it recorded, and the computed style of every element.
 */
export const LEAK_PROBE = `(marker) => {
  const found = [];
  const hosts = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      for (const a of el.attributes) if (a.value.includes(marker)) found.push('attribute of ' + el.localName);
      if (el.localName === 'backstory-card') hosts.push({ shadowRoot: el.shadowRoot === null ? null : 'reachable', children: el.childNodes.length });
      if (el.shadowRoot) walk(el.shadowRoot);
      const style = getComputedStyle(el);
      let all = '';
      for (let i = 0; i < style.length; i++) all += style.getPropertyValue(style[i]);
      all += getComputedStyle(el, '::before').content + getComputedStyle(el, '::after').content;
      if (all.includes(marker)) found.push('computed style of ' + el.localName);
    }
  };
  walk(document);
  const text = document.documentElement.textContent + document.documentElement.outerHTML;
  if (text.includes(marker)) found.push('document text');
  if (window.__hostile.mutations.some((m) => m.includes(marker))) found.push('mutation records');
  const sel = getSelection().toString();
  if (sel.includes(marker)) found.push('selection');
  return { found, hosts, mutations: window.__hostile.mutations.length };
}`;
