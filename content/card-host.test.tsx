// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { createCardHost, SHEET_MAX_WIDTH } from './card-host';
import { captureShadowRoots } from '../test/shadow-roots';

const anchor = {
  getBoundingClientRect: () => new DOMRect(100, 100, 40, 16),
  contextElement: null,
};

const card = (
  <div class="card" role="dialog" aria-label="Test card">
    <button type="button">Close</button>
  </div>
);

function setWidth(width: number) {
  Object.defineProperty(window, 'innerWidth', { value: width, configurable: true });
}

const settle = () => new Promise((done) => setTimeout(done, 20));

const roots = captureShadowRoots();
const cardIn = () => roots.at(-1)!.querySelector<HTMLElement>('.card')!;

afterEach(() => {
  document.documentElement.querySelectorAll('backstory-card').forEach((el) => el.remove());
  setWidth(1024);
});

describe('createCardHost', () => {
  it('gives its host important inline styles, so page rules marked !important cannot hide it', () => {
    const host = createCardHost(document, () => undefined);
    host.show(card, anchor);
    const el = document.querySelector('backstory-card') as HTMLElement;
    expect(el.style.getPropertyPriority('display')).toBe('important');
    expect(el.style.getPropertyValue('display')).toBe('block');
    expect(el.style.getPropertyPriority('z-index')).toBe('important');
    // Closed: the page's scripts cannot reach the card.
    expect(el.shadowRoot).toBeNull();
    host.dispose();
    expect(document.querySelector('backstory-card')).toBeNull();
  });

  it(`is a bottom sheet below ${SHEET_MAX_WIDTH} px wide and floats beside the anchor above`, async () => {
    setWidth(390);
    const host = createCardHost(document, () => undefined);
    host.show(card, anchor);
    await settle();
    expect(cardIn().hasAttribute('data-sheet')).toBe(true);
    expect(cardIn().style.left).toBe('');
    host.hide();
    setWidth(1024);
    host.show(card, anchor);
    await settle();
    expect(cardIn().hasAttribute('data-sheet')).toBe(false);
    expect(cardIn().style.left).toMatch(/px$/);
    // Keyboard: the first control takes focus inside the card.
    expect(host.focusFirst()).toBe(true);
    expect(host.hasFocus()).toBe(true);
    host.dispose();
  });
});
