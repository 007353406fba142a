// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { FakeNotesApi, FakeTransferApi, makeNote } from '../../popup/test-fakes';
import { NotesPage } from './NotesPage';

afterEach(cleanup);
beforeEach(() => {
  location.hash = '';
});

const makeApi = () =>
  new FakeNotesApi(
    [makeNote({ entryId: 'un', text: 'Founded 1945' }), makeNote({ entryId: 'nato', text: 'Founded 1949' })],
    { un: 'United Nations', nato: 'NATO' },
  );

test('the full-tab view shows all notes without the page-specific parts', async () => {
  render(<NotesPage api={makeApi()} transfer={new FakeTransferApi()} optionsHref="options.html" />);
  expect(screen.getByRole('heading', { level: 1, name: 'Backstory' })).toBeTruthy();
  expect(await screen.findByRole('article', { name: 'Note on United Nations' })).toBeTruthy();
  expect(screen.queryByRole('switch')).toBeNull();
  expect(screen.queryByRole('list', { name: 'On this page' })).toBeNull();
  expect(screen.getByRole('link', { name: 'Options and your own glossary entries' })).toBeTruthy();
  expect(screen.getByText('Export or import your notes')).toBeTruthy();
});

test('an entity’s name leads to its page, and back', async () => {
  const user = userEvent.setup();
  render(<NotesPage api={makeApi()} transfer={new FakeTransferApi()} />);
  const un = await screen.findByRole('article', { name: 'Note on United Nations' });
  await user.click(within(un).getByRole('link', { name: 'United Nations' }));
  expect(await screen.findByRole('heading', { level: 2, name: 'United Nations' })).toBeTruthy();
  await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(1));
  await user.click(screen.getByRole('link', { name: '← All notes' }));
  await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(2));
});

test('an address with #entity= opens that entity’s page', async () => {
  location.hash = '#entity=nato';
  render(<NotesPage api={makeApi()} transfer={new FakeTransferApi()} />);
  expect(await screen.findByRole('heading', { level: 2, name: 'NATO' })).toBeTruthy();
  await waitFor(() => expect(screen.getAllByRole('article', { name: 'Note on NATO' })).toHaveLength(1));
});

test('keyboard: search, then edit and Esc out', async () => {
  const user = userEvent.setup();
  const api = makeApi();
  render(<NotesPage api={api} transfer={new FakeTransferApi()} />);
  await screen.findByRole('article', { name: 'Note on United Nations' });
  screen.getByRole('searchbox', { name: 'Search notes' }).focus();
  await user.keyboard('1945');
  await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(1));
  const article = screen.getByRole('article', { name: 'Note on United Nations' });
  within(article).getByRole('button', { name: 'Edit' }).focus();
  await user.keyboard('{Enter}');
  expect(document.activeElement).toBe(within(article).getByRole('textbox', { name: 'Edit note' }));
  await user.keyboard('{Escape}');
  expect(document.activeElement).toBe(within(article).getByRole('button', { name: 'Edit' }));
});

test('an import makes the list ask again', async () => {
  const user = userEvent.setup();
  const api = makeApi();
  render(<NotesPage api={api} transfer={new FakeTransferApi()} download={() => {}} />);
  await screen.findAllByRole('article');
  api.notes = [
    ...api.notes,
    makeNote({ entryId: 'nato', text: 'Imported note', createdAt: Date.UTC(2030, 0, 1) }),
  ];
  await user.upload(screen.getByLabelText('Import a JSON export'), new File(['{}'], 'n.json'));
  await user.click(await screen.findByRole('button', { name: 'Import' }));
  await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(3));
});
