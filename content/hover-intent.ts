/**
 * When to open and close the card as the pointer moves: a term must be rested on for `openDelay`
 * before its card opens (no flicker when the pointer passes over), and an open card survives
 * `closeDelay` of the pointer being elsewhere, so the reader can move into it.
 */

export interface HoverTimers {
  set(fn: () => void, ms: number): number;
  clear(id: number): void;
}

export interface HoverCallbacks<T> {
  /** The pointer started resting on `target`: a good moment to fetch its details. */
  onIntentStart?(target: T): void;
  open(target: T): void;
  close(): void;
}

export const OPEN_DELAY_MS = 200;
export const CLOSE_DELAY_MS = 300;

export function createHoverIntent<T>(
  callbacks: HoverCallbacks<T>,
  timers: HoverTimers,
  same: (a: T, b: T) => boolean = Object.is,
  /** A function when the delay is the reader's setting, read afresh at each rest. */
  openDelay: number | (() => number) = OPEN_DELAY_MS,
  closeDelay = CLOSE_DELAY_MS,
) {
  let pending: T | null = null;
  let openTimer: number | null = null;
  let closeTimer: number | null = null;
  let shown: T | null = null;
  let inCard = false;

  const cancelOpen = () => {
    if (openTimer !== null) timers.clear(openTimer);
    openTimer = null;
    pending = null;
  };
  const cancelClose = () => {
    if (closeTimer !== null) timers.clear(closeTimer);
    closeTimer = null;
  };
  const scheduleClose = () => {
    if (shown === null || closeTimer !== null || inCard) return;
    closeTimer = timers.set(() => {
      closeTimer = null;
      shown = null;
      callbacks.close();
    }, closeDelay);
  };

  return {
    /**
     * The pointer is now over `target` (a term), or over nothing of ours. `overFor`: how long it
     * has already been there (hit tests run once a frame, after the move), taken off the delay.
     */
    pointerOver(target: T | null, overFor = 0) {
      if (target === null) {
        cancelOpen();
        scheduleClose();
        return;
      }
      if (shown !== null && same(shown, target)) {
        cancelOpen();
        cancelClose();
        return;
      }
      if (pending !== null && same(pending, target)) return;
      cancelOpen();
      // Leaving the shown card's term for another one: keep the card until the new one opens.
      pending = target;
      // The delay runs from the moment the pointer rests, whatever the work begun for it takes.
      openTimer = timers.set(
        () => {
          openTimer = null;
          pending = null;
          cancelClose();
          shown = target;
          callbacks.open(target);
        },
        Math.max(0, (typeof openDelay === 'function' ? openDelay() : openDelay) - Math.max(0, overFor)),
      );
      callbacks.onIntentStart?.(target);
      if (shown !== null) scheduleClose();
    },
    pointerInCard(inside: boolean) {
      inCard = inside;
      if (inside) {
        cancelOpen();
        cancelClose();
      } else scheduleClose();
    },
    /** The card was opened or closed by other means (keyboard, Esc). */
    setShown(target: T | null) {
      cancelOpen();
      cancelClose();
      shown = target;
      if (target === null) inCard = false;
    },
    dispose() {
      cancelOpen();
      cancelClose();
    },
  };
}

export type HoverIntent<T> = ReturnType<typeof createHoverIntent<T>>;
