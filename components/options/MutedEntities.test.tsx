// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, test, vi } from 'vitest';
import { MutedEntities } from './MutedEntities';

afterEach(cleanup);

const names = new Map([
  ['nato', 'NATO'],
  ['reader-the-quad', 'The Quad'],
]);

test('lists muted names by name, ids where the name is unknown', () => {
  render(<MutedEntities muted={['reader-the-quad', 'gone', 'nato']} names={names} onUnmute={() => {}} />);
  expect(screen.getAllByRole('listitem').map((li) => li.firstChild?.textContent)).toEqual([
    'gone',
    'NATO',
    'The Quad',
  ]);
});

test('says how names get muted when none are', () => {
  render(<MutedEntities muted={[]} names={names} onUnmute={() => {}} />);
  expect(screen.getByText(/“Mute” in a name’s card/)).toBeTruthy();
});

test('keyboard: Enter on Unmute unmutes; focus goes to the next, then to the heading', async () => {
  const onUnmute = vi.fn();
  const user = userEvent.setup();
  const view = render(
    <MutedEntities muted={['nato', 'reader-the-quad']} names={names} onUnmute={onUnmute} />,
  );
  screen.getByRole('button', { name: 'Unmute NATO' }).focus();
  await user.keyboard('{Enter}');
  expect(onUnmute).toHaveBeenCalledWith('nato');
  view.rerender(<MutedEntities muted={['reader-the-quad']} names={names} onUnmute={onUnmute} />);
  await waitFor(() =>
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Unmute The Quad' })),
  );
  await user.keyboard('{Enter}');
  view.rerender(<MutedEntities muted={[]} names={names} onUnmute={onUnmute} />);
  await waitFor(() =>
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Muted names' })),
  );
});
