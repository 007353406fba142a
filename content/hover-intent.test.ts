import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLOSE_DELAY_MS, createHoverIntent, OPEN_DELAY_MS } from './hover-intent';

let log: string[];
function setup() {
  log = [];
  return createHoverIntent<string>(
    {
      onIntentStart: (t) => log.push(`intent ${t}`),
      open: (t) => log.push(`open ${t}`),
      close: () => log.push('close'),
    },
    { set: (fn, ms) => setTimeout(fn, ms) as unknown as number, clear: (id) => clearTimeout(id) },
  );
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('hover intent', () => {
  it('opens only after the pointer rests for the open delay', () => {
    const intent = setup();
    intent.pointerOver('NATO');
    vi.advanceTimersByTime(OPEN_DELAY_MS - 1);
    expect(log).toEqual(['intent NATO']);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['intent NATO', 'open NATO']);
  });

  it('counts the delay from the rest, not from the end of the work begun for it', () => {
    // Work done when the intent starts (loading the card's code) takes 30 ms of the clock.
    const intent = createHoverIntent<string>(
      {
        onIntentStart: () => vi.setSystemTime(Date.now() + 30),
        open: (t) => log.push(`open ${t}`),
        close: () => undefined,
      },
      {
        set: (fn, ms) => {
          log.push(`timer at ${Date.now()}`);
          return setTimeout(fn, ms) as unknown as number;
        },
        clear: (id) => clearTimeout(id),
      },
    );
    log = [];
    vi.setSystemTime(1_000);
    intent.pointerOver('NATO');
    expect(log).toEqual(['timer at 1000']);
  });

  it('takes the time the pointer has already been over the term off the delay', () => {
    const intent = setup();
    intent.pointerOver('NATO', 16);
    vi.advanceTimersByTime(OPEN_DELAY_MS - 17);
    expect(log).toEqual(['intent NATO']);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['intent NATO', 'open NATO']);
    // A moment longer than the delay opens at once; a negative one (clocks apart) changes nothing.
    intent.pointerOver('EU', OPEN_DELAY_MS + 100);
    vi.advanceTimersByTime(0);
    expect(log.at(-1)).toBe('open EU');
    intent.pointerOver('UN', -40);
    vi.advanceTimersByTime(OPEN_DELAY_MS - 1);
    expect(log.at(-1)).toBe('intent UN');
    vi.advanceTimersByTime(1);
    expect(log.at(-1)).toBe('open UN');
  });

  it('does not flicker when the pointer passes over a term', () => {
    const intent = setup();
    intent.pointerOver('NATO');
    vi.advanceTimersByTime(50);
    intent.pointerOver(null);
    vi.advanceTimersByTime(1_000);
    expect(log).toEqual(['intent NATO']);
  });

  it('keeps the card while the pointer moves into it within the grace time', () => {
    const intent = setup();
    intent.pointerOver('NATO');
    vi.advanceTimersByTime(OPEN_DELAY_MS);
    intent.pointerOver(null);
    vi.advanceTimersByTime(CLOSE_DELAY_MS - 50);
    intent.pointerInCard(true);
    vi.advanceTimersByTime(5_000);
    expect(log).toEqual(['intent NATO', 'open NATO']);
    intent.pointerInCard(false);
    vi.advanceTimersByTime(CLOSE_DELAY_MS);
    expect(log.at(-1)).toBe('close');
  });

  it('closes after the grace time when the pointer leaves', () => {
    const intent = setup();
    intent.pointerOver('NATO');
    vi.advanceTimersByTime(OPEN_DELAY_MS);
    intent.pointerOver(null);
    vi.advanceTimersByTime(CLOSE_DELAY_MS);
    expect(log).toEqual(['intent NATO', 'open NATO', 'close']);
  });

  it('switches to another term after its own delay', () => {
    const intent = setup();
    intent.pointerOver('NATO');
    vi.advanceTimersByTime(OPEN_DELAY_MS);
    intent.pointerOver('Russia');
    vi.advanceTimersByTime(OPEN_DELAY_MS);
    expect(log).toEqual(['intent NATO', 'open NATO', 'intent Russia', 'open Russia']);
  });

  it('stays quiet after dispose', () => {
    const intent = setup();
    intent.pointerOver('NATO');
    intent.dispose();
    vi.advanceTimersByTime(5_000);
    expect(log).toEqual(['intent NATO']);
  });
});
