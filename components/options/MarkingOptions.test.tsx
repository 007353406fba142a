// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../storage/settings';
import { MarkingOptions } from './MarkingOptions';

afterEach(cleanup);

function setup(settings: Settings = DEFAULT_SETTINGS) {
  const onChange = vi.fn();
  const user = userEvent.setup();
  render(<MarkingOptions settings={settings} onChange={onChange} />);
  return { onChange, user };
}

describe('MarkingOptions', () => {
  test('shows the current settings', () => {
    setup({ ...DEFAULT_SETTINGS, markingStyle: 'background', markEvery: 'first', hiddenKinds: ['place'] });
    expect((screen.getByRole('radio', { name: /Tinted background/ }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('radio', { name: /Only the first mention/ }) as HTMLInputElement).checked).toBe(
      true,
    );
    expect((screen.getByRole('checkbox', { name: 'Places' }) as HTMLInputElement).checked).toBe(false);
    expect((screen.getByRole('checkbox', { name: 'People' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText('200 ms')).toBeTruthy();
  });

  test('keyboard: arrow keys move through the marking styles, each choice reported', async () => {
    const { onChange, user } = setup();
    screen.getByRole('radio', { name: /Dotted underline/ }).focus();
    await user.keyboard('{ArrowDown}');
    expect(onChange).toHaveBeenLastCalledWith({ markingStyle: 'background' });
  });

  test('every mention or the first', async () => {
    const { onChange, user } = setup();
    await user.click(screen.getByRole('radio', { name: /Only the first mention/ }));
    expect(onChange).toHaveBeenLastCalledWith({ markEvery: 'first' });
  });

  test('the delay is saved when the slider is let go', () => {
    const { onChange } = setup();
    const slider = screen.getByRole('slider', { name: 'Delay before a card opens' }) as HTMLInputElement;
    slider.value = '450';
    fireEvent.input(slider);
    expect(screen.getByText('450 ms')).toBeTruthy();
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.change(slider);
    expect(onChange).toHaveBeenLastCalledWith({ intentDelayMs: 450 });
  });

  test('keyboard: Space on a kind hides it; again shows it', async () => {
    const { onChange, user } = setup({ ...DEFAULT_SETTINGS, hiddenKinds: ['concept'] });
    screen.getByRole('checkbox', { name: 'Treaties' }).focus();
    await user.keyboard(' ');
    expect(onChange).toHaveBeenLastCalledWith({ hiddenKinds: ['treaty', 'concept'] });
    screen.getByRole('checkbox', { name: 'Concepts' }).focus();
    await user.keyboard(' ');
    expect(onChange).toHaveBeenLastCalledWith({ hiddenKinds: [] });
  });
});
