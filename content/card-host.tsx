/**
 * The card's home on the page: an element of its own with a CLOSED shadow root, so page CSS can't
 * restyle the card and page scripts can't read the notes in it. The host exists only while a card
 * is open, so the page's DOM is untouched the rest of the time.
 */
import {
  autoUpdate,
  computePosition,
  flip,
  offset,
  shift,
  size,
  type VirtualElement,
} from '@floating-ui/dom';
import { render, type ComponentChild } from 'preact';
import cardCss from '../components/card.css?inline';
import { CARD_HOST_TAG } from './segments';

/** Below this width the card is a bottom sheet: a floating card would cover the text it explains. */
export const SHEET_MAX_WIDTH = 600;
/** The least height a card is given when little room is left beside its name. */
const MIN_CARD_HEIGHT = 160;

/**
 * The host's own styles, each `!important`: an inline important declaration beats the page's
 * important rules (`* { all: unset !important }`, `backstory-card { display: none !important }`).
 */
const HOST_STYLE = [
  'all: initial',
  'position: fixed',
  'top: 0',
  'left: 0',
  'width: 0',
  'height: 0',
  'z-index: 2147483647',
  'display: block',
  'visibility: visible',
  'opacity: 1',
  'transform: none',
  'zoom: 1',
  'contain: none',
  'pointer-events: auto',
]
  .map((d) => `${d} !important;`)
  .join(' ');

/** The bottom sheet's look; placement is `place()`'s, which marks the card with `data-sheet`. */
const SHEET_CSS = `
.card[data-sheet] {
  left: 0 !important;
  right: 0;
  top: auto !important;
  bottom: 0;
  width: 100%;
  max-height: 60vh;
  border-radius: 14px 14px 0 0;
  border-width: 1px 0 0;
  padding-bottom: max(12px, env(safe-area-inset-bottom));
}`;

export interface CardAnchor {
  getBoundingClientRect(): DOMRect;
  /** An element near the anchor, so repositioning follows its scrolling ancestors. */
  readonly contextElement: Element | null;
}

export function createCardHost(doc: Document, onPointerInside: (inside: boolean) => void) {
  let host: HTMLElement | null = null;
  let root: ShadowRoot | null = null;
  let mount: HTMLElement | null = null;
  let live: HTMLElement | null = null;
  let stopAutoUpdate: (() => void) | null = null;

  function ensure(): { root: ShadowRoot; mount: HTMLElement } {
    if (host && root && mount) {
      if (!host.isConnected) doc.documentElement.append(host);
      return { root, mount };
    }
    host = doc.createElement(CARD_HOST_TAG.toLowerCase());
    host.setAttribute('style', HOST_STYLE);
    root = host.attachShadow({ mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent = cardCss + SHEET_CSS;
    mount = doc.createElement('div');
    live = doc.createElement('div');
    live.className = 'sr-only';
    live.setAttribute('aria-live', 'polite');
    root.append(style, live, mount);
    host.addEventListener('pointerenter', (e) => {
      if (e.isTrusted) onPointerInside(true);
    });
    host.addEventListener('pointerleave', (e) => {
      if (e.isTrusted) onPointerInside(false);
    });
    doc.documentElement.append(host);
    return { root, mount };
  }

  function cardElement(): HTMLElement | null {
    return (mount?.firstElementChild as HTMLElement | null) ?? null;
  }

  async function place(reference: VirtualElement, card: HTMLElement) {
    const view = doc.defaultView;
    if (view && view.innerWidth < SHEET_MAX_WIDTH) {
      card.setAttribute('data-sheet', '');
      card.style.left = '';
      card.style.top = '';
      card.style.maxHeight = '';
      return;
    }
    card.removeAttribute('data-sheet');
    const { x, y } = await computePosition(reference, card, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        offset(6),
        flip({ padding: 8 }),
        shift({ padding: 8 }),
        // Where neither side has room for the whole card, it scrolls inside rather than running off
        // the screen (its note button out of reach).
        size({
          padding: 8,
          apply({ availableHeight, elements, rects }) {
            const { style } = elements.floating;
            const room = Math.max(MIN_CARD_HEIGHT, Math.floor(availableHeight));
            // Most cards fit: their style is left alone (a change makes Floating UI measure again).
            if (style.maxHeight === '' && rects.floating.height <= room) return;
            style.maxHeight = `min(70vh, 520px, ${room}px)`;
          },
        }),
      ],
    });
    card.style.left = `${Math.round(x)}px`;
    card.style.top = `${Math.round(y)}px`;
  }

  return {
    /** Renders `content` (a Card) beside `anchor`; re-rendering keeps the host and position logic. */
    show(content: ComponentChild, anchor: CardAnchor) {
      const { mount } = ensure();
      render(content, mount);
      stopAutoUpdate?.();
      const card = cardElement();
      if (!card) return;
      const reference: VirtualElement = {
        getBoundingClientRect: () => anchor.getBoundingClientRect(),
        contextElement: anchor.contextElement ?? undefined,
      };
      stopAutoUpdate = autoUpdate(reference, card, () => void place(reference, card));
    },
    /** Re-renders the open card in place (new data, same anchor). */
    update(content: ComponentChild) {
      if (mount && host?.isConnected) render(content, mount);
    },
    hide() {
      stopAutoUpdate?.();
      stopAutoUpdate = null;
      if (mount) render(null, mount);
      if (live) live.textContent = '';
      host?.remove();
    },
    isOpen(): boolean {
      return host?.isConnected === true;
    },
    /** Whether an event happened inside the card. */
    contains(event: Event): boolean {
      return host !== null && event.composedPath().includes(host);
    },
    hasFocus(): boolean {
      return root !== null && root.activeElement !== null;
    },
    /** Whether the reader has typed a note that is not saved yet: the card must not vanish then. */
    hasUnsavedNote(): boolean {
      const box = root?.querySelector('textarea');
      return box !== null && box !== undefined && box.value.trim() !== '';
    },
    focusFirst(): boolean {
      const target = root?.querySelector<HTMLElement>(
        'button, a[href], textarea, input, [tabindex]:not([tabindex="-1"])',
      );
      target?.focus();
      return target !== null && target !== undefined;
    },
    announce(text: string) {
      if (live) live.textContent = text;
    },
    dispose() {
      this.hide();
      host = null;
      root = null;
      mount = null;
      live = null;
    },
  };
}

export type CardHost = ReturnType<typeof createCardHost>;
