// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, test } from 'vitest';
import { FakeNotesApi, makeNote } from '../../popup/test-fakes';
import { NotesPage } from './NotesPage';

afterEach(cleanup);

test('the full-tab view shows the notes without the page-specific parts', async () => {
  const api = new FakeNotesApi([makeNote({ entryId: 'un', text: 'Founded 1945' })], { un: 'United Nations' });
  render(<NotesPage api={api} />);
  expect(screen.getByRole('heading', { level: 1, name: 'Backstory' })).toBeTruthy();
  expect(await screen.findByRole('article', { name: 'Note on United Nations' })).toBeTruthy();
  expect(screen.queryByRole('switch')).toBeNull();
  expect(screen.queryByRole('list', { name: 'On this page' })).toBeNull();
});

test('keyboard: search, then edit and Esc out', async () => {
  const api = new FakeNotesApi([makeNote({ entryId: 'un', text: 'Founded 1945' })], { un: 'United Nations' });
  const user = userEvent.setup();
  render(<NotesPage api={api} />);
  const article = await screen.findByRole('article', { name: 'Note on United Nations' });
  await user.tab();
  await user.keyboard('1945');
  await waitFor(() => expect(api.calls.some((c) => c.args[0] === '1945')).toBe(true));
  await user.tab();
  await user.tab();
  expect(document.activeElement).toBe(within(article).getByRole('button', { name: 'Edit' }));
  await user.keyboard('{Enter}');
  expect(document.activeElement).toBe(within(article).getByRole('textbox', { name: 'Edit note' }));
  await user.keyboard('{Escape}');
  expect(document.activeElement).toBe(within(article).getByRole('button', { name: 'Edit' }));
});
