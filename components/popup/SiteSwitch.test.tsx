// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { SiteSwitch } from './SiteSwitch';

afterEach(cleanup);

const theSwitch = () => screen.getByRole('switch', { name: 'Backstory on this site' }) as HTMLInputElement;

describe('SiteSwitch', () => {
  test('shows the state and the host', () => {
    render(<SiteSwitch host="news.example" state="on" onToggle={() => {}} error={null} />);
    expect(theSwitch().checked).toBe(true);
    expect(theSwitch().disabled).toBe(false);
    expect(screen.getByText('news.example')).toBeTruthy();
    expect(screen.getByLabelText('Backstory on this site')).toBe(theSwitch());
  });

  test('Space and Enter toggle it from the keyboard', async () => {
    const onToggle = vi.fn();
    const user = userEvent.setup();
    const { rerender } = render(
      <SiteSwitch host="news.example" state="on" onToggle={onToggle} error={null} />,
    );
    await user.tab();
    expect(document.activeElement).toBe(theSwitch());
    await user.keyboard(' ');
    expect(onToggle).toHaveBeenLastCalledWith(false);
    rerender(<SiteSwitch host="news.example" state="off" onToggle={onToggle} error={null} />);
    await user.keyboard('{Enter}');
    expect(onToggle).toHaveBeenLastCalledWith(true);
  });

  test('disabled without a host, or while the setting is unknown', () => {
    const { rerender } = render(<SiteSwitch host={null} state="unknown" onToggle={() => {}} error={null} />);
    expect(theSwitch().disabled).toBe(true);
    expect(screen.getByText('Not available for this page.')).toBeTruthy();
    rerender(<SiteSwitch host="a.example" state="loading" onToggle={() => {}} error={null} />);
    expect(theSwitch().disabled).toBe(true);
  });

  test('an error is announced', () => {
    render(<SiteSwitch host="a.example" state="on" onToggle={() => {}} error="Could not save." />);
    expect(screen.getByRole('alert').textContent).toBe('Could not save.');
  });
});
