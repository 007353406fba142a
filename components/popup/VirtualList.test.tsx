// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { VirtualList, type VirtualListProps } from './VirtualList';

afterEach(cleanup);

const rowButton = (i: number) => <button type="button">Row {i}</button>;

function setup(props: Partial<VirtualListProps> = {}) {
  const onRangeChange = vi.fn();
  const all: VirtualListProps = {
    count: 10_000,
    keyOf: (i) => `k${i}`,
    renderRow: rowButton,
    estimate: 50,
    label: 'Rows',
    fallbackHeight: 500,
    overscan: 100,
    onRangeChange,
    ...props,
  };
  const view = render(<VirtualList {...all} />);
  const rerender = (more: Partial<VirtualListProps>) => view.rerender(<VirtualList {...all} {...more} />);
  return { onRangeChange, rerender, user: userEvent.setup() };
}

const list = () => screen.getByRole('list', { name: 'Rows' });
const shownRows = () =>
  within(list())
    .queryAllByRole('listitem')
    .map((li) => Number(li.dataset.index));
const scrollTo = async (top: number) => {
  const box = list().parentElement!;
  box.scrollTop = top;
  fireEvent.scroll(box);
  await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
};

describe('VirtualList', () => {
  test('renders only the rows near the visible part, each with its place in the whole list', async () => {
    const { onRangeChange } = setup();
    // 500 px visible and (from the second render on) 100 px of overscan below, 50 px a row.
    await waitFor(() => expect(shownRows()).toEqual(Array.from({ length: 12 }, (_, i) => i)));
    const first = within(list()).getAllByRole('listitem')[0]!;
    expect(first.getAttribute('aria-posinset')).toBe('1');
    expect(first.getAttribute('aria-setsize')).toBe('10000');
    expect(list().style.height).toBe('500000px');
    await waitFor(() => expect(onRangeChange).toHaveBeenLastCalledWith(0, 12));
  });

  test('scrolling renders the rows that come into view and reports them', async () => {
    const { onRangeChange } = setup();
    await scrollTo(250_000);
    const rows = shownRows();
    expect(rows[0]).toBe(4_998);
    expect(rows.at(-1)).toBe(5_011);
    expect(within(list()).getAllByRole('listitem')[0]!.style.top).toBe(`${4_998 * 50}px`);
    await waitFor(() => expect(onRangeChange).toHaveBeenLastCalledWith(4_998, 5_012));
  });

  test('keyboard: Tab goes from row to row; the focused row stays when scrolled far away', async () => {
    const { user } = setup();
    await user.tab();
    expect(document.activeElement?.textContent).toBe('Row 0');
    await user.tab();
    expect(document.activeElement?.textContent).toBe('Row 1');
    await scrollTo(100_000);
    expect(shownRows().slice(0, 3)).toEqual([0, 1, 2]);
    expect(shownRows()).toContain(2_000);
    expect(document.activeElement?.textContent).toBe('Row 1');
    await user.keyboard('{Shift>}{Tab}{/Shift}');
    expect(document.activeElement?.textContent).toBe('Row 0');
  });

  test('pinned rows stay rendered', async () => {
    setup({ pinned: [3, 9_999] });
    await scrollTo(50_000);
    expect(shownRows()).toContain(3);
    expect(shownRows()).toContain(9_999);
  });

  test('a new resetKey goes back to the top', async () => {
    const { rerender } = setup({ resetKey: 'a' });
    await scrollTo(50_000);
    expect(shownRows()[0]).not.toBe(0);
    rerender({ resetKey: 'b', count: 20 });
    expect(list().parentElement!.scrollTop).toBe(0);
    expect(shownRows()[0]).toBe(0);
    expect(list().style.height).toBe('1000px');
  });

  test('rows are placed by their measured heights once they have been on screen', async () => {
    const rect = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (
      this: HTMLElement,
    ) {
      return {
        height: this.dataset.key ? 80 : 0,
        width: 100,
        top: 0,
        left: 0,
        bottom: 0,
        right: 0,
        x: 0,
        y: 0,
        toJSON: () => ({}),
      };
    });
    try {
      setup({ count: 100 });
      await waitFor(() => expect(list().style.height).not.toBe('5000px'));
      const items = within(list()).getAllByRole('listitem');
      expect(items[1]!.style.top).toBe('80px');
      // The rows rendered so far measured 80 px; the others are still estimated at 50 px.
      const measured = (parseFloat(list().style.height) - 100 * 50) / 30;
      expect(Number.isInteger(measured)).toBe(true);
      expect(measured).toBeGreaterThanOrEqual(items.length);
      expect(measured).toBeLessThanOrEqual(12);
    } finally {
      rect.mockRestore();
    }
  });

  test('short lists render every row', () => {
    setup({ count: 3 });
    expect(shownRows()).toEqual([0, 1, 2]);
  });

  test('with the window as scroller, the rows in the window are rendered', async () => {
    setup({ scroller: 'window' });
    // happy-dom's window is 768 px high.
    await waitFor(() => expect(shownRows()).toHaveLength(Math.ceil((768 + 100) / 50)));
  });
});
