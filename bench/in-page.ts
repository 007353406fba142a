/**
 * Code the benchmark runs inside the page, as plain JavaScript source (see harness/probes.ts for
 * why). Each constant is one function; `call` from the harness turns it and its argument into an
 * expression both Playwright and Puppeteer evaluate.
 */

/**
 * Main world, before the page's own scripts: long tasks (Chromium has the API, Firefox does not),
 * and a place for the card probe's timestamps.
 */
export const INIT_SCRIPT = `(() => {
  const bench = { longTasks: [], card: null };
  Object.defineProperty(window, '__backstoryBench', { value: bench });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

/** () => the walk floor: a bare TreeWalker over every text node, reading its data; first pass and best of five. */
export const WALK_FLOOR = `() => {
  const walk = () => {
    const t0 = performance.now();
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let nodes = 0, chars = 0;
    for (let t = w.nextNode(); t; t = w.nextNode()) { nodes++; chars += t.data.length; }
    return { ms: performance.now() - t0, nodes, chars };
  };
  const cold = walk();
  let warm = Infinity;
  for (let i = 0; i < 5; i++) warm = Math.min(warm, walk().ms);
  return { cold: cold.ms, warm, nodes: cold.nodes, chars: cold.chars };
}`;

/** () => how many first scans Backstory has finished on this page (it scans again when switched on). */
export const READY_COUNT = `() => performance.getEntriesByName('backstory:ready').length`;

/** () => whether Backstory's first scan has finished (its 'backstory:ready' measure exists). */
export const BACKSTORY_READY = `() => performance.getEntriesByName('backstory:ready').length > 0`;

/**
 * () => Backstory's own timeline entries, summed: the first scan's slices (and viewport painting
 * rounds during it), the matcher's start-up, and the long tasks that overlapped the scan.
 */
export const BACKSTORY_RESULT = `() => {
  const all = performance.getEntriesByType('measure').filter((e) => e.name.startsWith('backstory:'));
  const ready = all.find((e) => e.name === 'backstory:ready');
  if (!ready) return null;
  const end = ready.startTime + ready.duration;
  const slices = all
    .filter((e) => (e.name === 'backstory:scan' || e.name === 'backstory:window') && e.startTime >= ready.startTime - 0.5 && e.startTime <= end + 0.5)
    .map((e) => e.duration);
  const unpack = all.find((e) => e.name === 'backstory:unpack');
  const bench = window.__backstoryBench;
  const longTasks = bench ? bench.longTasks.filter(([s, d]) => s + d >= ready.startTime && s <= end) : null;
  const highlight = globalThis.CSS && CSS.highlights ? CSS.highlights.get('backstory-entity') : undefined;
  return {
    busy: slices.reduce((a, b) => a + b, 0),
    wall: ready.duration,
    slices: slices.length,
    longest: slices.length ? Math.max(...slices) : 0,
    over50: slices.filter((d) => d > 50).length,
    over10: slices.filter((d) => d > 10).length,
    unpack: unpack ? unpack.duration : null,
    longTasks: longTasks ? longTasks.length : null,
    longestTask: longTasks && longTasks.length ? Math.max(...longTasks.map(([, d]) => d)) : null,
    registered: highlight ? highlight.size : 0,
  };
}`;

/** () => the 'backstory:update' and 'backstory:window' entries so far: count, total and longest. */
export const BACKSTORY_UPDATES = `() => {
  const ready = performance.getEntriesByName('backstory:ready')[0];
  const after = ready ? ready.startTime + ready.duration : 0;
  const list = performance.getEntriesByType('measure')
    .filter((e) => (e.name === 'backstory:update' || e.name === 'backstory:window') && e.startTime > after + 0.5)
    .map((e) => e.duration);
  return { count: list.length, total: list.reduce((a, b) => a + b, 0), longest: list.length ? Math.max(...list) : 0 };
}`;

/**
 * (sentences) => the page's own DOM updates: 60 frames, each appending a paragraph near the top of
 * the page, changing a text, removing an old paragraph now and then, and forcing layout three
 * times. Returns the script's own time (summed) and the frames' median interval. Afterwards it
 * waits for observers to settle and removes what it added.
 */
export const PAGE_UPDATES = `async (sentences) => {
  const box = document.createElement('div');
  document.body.prepend(box);
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  await frame();
  await frame();
  let script = 0;
  const frames = [];
  let last = performance.now();
  for (let i = 0; i < 60; i++) {
    await frame();
    const now = performance.now();
    frames.push(now - last);
    last = now;
    const t = performance.now();
    const p = document.createElement('p');
    p.textContent = sentences[i % sentences.length];
    box.append(p);
    box.offsetHeight;
    if (i % 3 === 0 && box.firstChild && box.firstChild.firstChild) box.firstChild.firstChild.data += ' Updated.';
    box.getBoundingClientRect();
    if (i % 10 === 9) box.firstElementChild.remove();
    document.body.offsetHeight;
    script += performance.now() - t;
  }
  await new Promise((r) => setTimeout(r, 600));
  box.remove();
  frames.sort((a, b) => a - b);
  return { script, frame: frames[frames.length >> 1] };
}`;

/**
 * ({ paragraphs, batches, gap }) => an infinite-scroll feed: appends the paragraphs to #feed in
 * batches, one batch every \`gap\` ms, scrolling to the end each time; returns the frames' median
 * and longest interval while it ran.
 */
export const FEED = `async ({ paragraphs, batches, gap }) => {
  const feed = document.getElementById('feed') || document.body;
  const per = Math.ceil(paragraphs.length / batches);
  const frames = [];
  let running = true;
  let last = performance.now();
  const tick = () => { const now = performance.now(); frames.push(now - last); last = now; if (running) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  for (let b = 0; b < batches; b++) {
    const fragment = document.createDocumentFragment();
    for (const text of paragraphs.slice(b * per, (b + 1) * per)) {
      const p = document.createElement('p');
      p.textContent = text;
      fragment.append(p);
    }
    feed.append(fragment);
    window.scrollTo(0, document.documentElement.scrollHeight);
    await new Promise((r) => setTimeout(r, gap));
  }
  await new Promise((r) => setTimeout(r, 800));
  running = false;
  frames.sort((a, b) => a - b);
  return { frame: frames[frames.length >> 1], worstFrame: frames[frames.length - 1], frames: frames.length };
}`;

/**
 * (frames) => the reader scrolling down from the top, 40 px a frame for \`frames\` frames; returns
 * the frames' median and longest interval, how many took over 50 ms, and the whole time.
 */
export const SCROLL = `async (count) => {
  window.scrollTo(0, 0);
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  await frame();
  await frame();
  const frames = [];
  let last = performance.now();
  for (let i = 0; i < count; i++) {
    await frame();
    const now = performance.now();
    frames.push(now - last);
    last = now;
    window.scrollBy(0, 40);
  }
  const total = frames.reduce((a, b) => a + b, 0);
  const over50 = frames.filter((f) => f > 50).length;
  frames.sort((a, b) => a - b);
  window.scrollTo(0, 0);
  return { frame: frames[frames.length >> 1], worstFrame: frames[frames.length - 1], over50, total };
}`;

/**
 * ({ aliases, limit }) => mark.js 8.11.1 (already loaded as window.Mark) marking the aliases, given
 * \`limit\` ms: mark.js runs synchronously, so its callbacks check the clock and throw to stop it.
 */
export const MARK_JS = `({ aliases, limit }) => {
  const STOP = {};
  const t0 = performance.now();
  // mark.js goes through the aliases one by one, each over the whole page: the aliases it has
  // reached (seen in its callbacks) tell how far it got when stopped.
  const reached = new Set();
  const check = () => { if (performance.now() - t0 > limit) throw STOP; };
  let marks = 0;
  let stopped = false;
  try {
    new Mark(document.body).mark(aliases, {
      separateWordSearch: false,
      accuracy: 'exactly',
      diacritics: false,
      exclude: ['script', 'style', 'noscript', 'textarea'],
      filter: (node, term) => { reached.add(term); check(); return true; },
      each: () => { marks++; },
      noMatch: (term) => { reached.add(term); check(); },
    });
  } catch (error) {
    // Anything else is mark.js failing on the page (Firefox: "too much recursion" on big pages).
    if (error !== STOP) return { ms: performance.now() - t0, stopped: true, marks, reached: reached.size, estimate: NaN, error: String(error) };
    stopped = true;
  }
  const ms = performance.now() - t0;
  // Time for all aliases at the pace it kept (the last alias reached may be half done).
  const estimate = stopped && reached.size > 1 ? (ms * aliases.length) / (reached.size - 1) : ms;
  return { ms, stopped, marks, reached: reached.size, estimate };
}`;

/**
 * ({ rect }) => starts watching for the card: the first pointer move inside \`rect\` (the term) and
 * the moment Backstory attaches its card host element. A move counts from its event's time stamp,
 * when the pointer got there: Chromium delivers moves with the next frame, up to 16 ms later.
 */
export const CARD_WATCH = `({ rect }) => {
  const bench = window.__backstoryBench;
  bench.card = { onTerm: null, shown: null };
  const state = bench.card;
  const inside = (e) => e.clientX >= rect.x - 1 && e.clientX <= rect.x + rect.width + 1 && e.clientY >= rect.y - 1 && e.clientY <= rect.y + rect.height + 1;
  const move = (e) => { if (state.onTerm === null && inside(e)) state.onTerm = e.timeStamp; };
  document.addEventListener('pointermove', move, true);
  const observer = new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) {
      if (n.nodeName === 'BACKSTORY-CARD' && state.shown === null) {
        state.shown = performance.now();
        observer.disconnect();
        document.removeEventListener('pointermove', move, true);
      }
    }
  });
  observer.observe(document.documentElement, { childList: true });
  // Re-opening uses the same host: take it off the page's view of "added" by starting clean.
  const old = document.querySelector('backstory-card');
  if (old && old.isConnected) state.hostWasThere = true;
  return true;
}`;

/** () => the card probe's timestamps. */
export const CARD_TIMES = `() => window.__backstoryBench && window.__backstoryBench.card`;

/**
 * ({ skip }) => the centre and box of a visible marked range whose text is not in \`skip\` (a
 * different entry each time, so the card's data is not already cached), scrolled into view. Some
 * pages move their content when scrolled (nytimes-4 folds its header away), so the box is taken
 * again after a few frames and a range that moved meanwhile is passed over.
 */
export const PICK_TERM = `async ({ skip }) => {
  const highlight = CSS.highlights.get('backstory-entity');
  if (!highlight) return null;
  const settle = async () => {
    for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
    await new Promise((r) => setTimeout(r, 250));
  };
  for (const item of highlight) {
    const range = document.createRange();
    range.setStart(item.startContainer, item.startOffset);
    range.setEnd(item.endContainer, item.endOffset);
    const text = range.toString();
    if (skip.includes(text.toLowerCase()) || text.length < 4) continue;
    const el = range.startContainer.parentElement;
    if (!el) continue;
    el.scrollIntoView({ block: 'center', behavior: 'instant' });
    await settle();
    const r = range.getClientRects()[0];
    if (!r || r.width < 8 || r.top < 40 || r.bottom > innerHeight - 40) continue;
    await settle();
    const again = range.getClientRects()[0];
    if (!again || again.x !== r.x || again.y !== r.y) continue;
    // The innermost element there must be the name's own (or inside it): Firefox answers with an
    // ancestor over text that is hidden (nytimes-4 keeps an invisible copy of its header).
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    if (!hit || !el.contains(hit)) continue;
    return { text, x: r.x + r.width / 2, y: r.y + r.height / 2, rect: { x: r.x, y: r.y, width: r.width, height: r.height } };
  }
  return null;
}`;
