// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { NotesListRequest } from '../../popup/types';
import type { Note } from '../../storage/notes';
import { FakeNotesApi, makeNote } from '../../popup/test-fakes';
import { NotesPanel, type NotesPanelProps } from './NotesPanel';

afterEach(cleanup);

let api: FakeNotesApi;
let natoOld: Note;
let un: Note;
let natoNew: Note;

beforeEach(() => {
  natoOld = makeNote({
    id: 'n1',
    entryId: 'nato',
    text: 'Founded in 1949',
    createdAt: 1_000,
    tags: ['history'],
  });
  un = makeNote({
    id: 'n2',
    entryId: 'un',
    text: 'Security Council has five permanent members',
    pageTitle: 'Vote at the UN',
    pageUrl: 'https://un.example/vote',
    createdAt: 2_000,
  });
  natoNew = makeNote({ id: 'n3', entryId: 'nato', text: 'Article 5 invoked once', createdAt: 3_000 });
  api = new FakeNotesApi([natoOld, un, natoNew], { nato: 'NATO', un: 'United Nations' });
});

function setup(props: Partial<NotesPanelProps> = {}) {
  const user = userEvent.setup();
  render(<NotesPanel api={api} entityHref={(id) => `#entity=${id}`} {...props} />);
  return { user };
}

const noteTexts = () =>
  screen.queryAllByRole('article').map((a) => a.querySelector('.note-text')?.textContent);
const searchBox = () => screen.getByRole('searchbox', { name: 'Search notes' });
const listRequests = () =>
  api.calls.filter((c) => c.method === 'listNotes').map((c) => c.args[0] as NotesListRequest);

describe('NotesPanel', () => {
  test('lists the notes newest first, each named after its entity, with a count', async () => {
    setup();
    await screen.findAllByRole('article');
    expect(noteTexts()).toEqual([natoNew.text, un.text, natoOld.text]);
    expect(screen.getAllByRole('article', { name: 'Note on NATO' })).toHaveLength(2);
    expect(screen.getByRole('list', { name: 'Notes' })).toBeTruthy();
    expect(screen.getByText('3 notes')).toBeTruthy();
  });

  test('every request has a limit', async () => {
    setup({ pageSize: 2 });
    await screen.findAllByRole('article');
    await waitFor(() => expect(noteTexts()).toHaveLength(3));
    expect(listRequests().length).toBeGreaterThan(1);
    for (const request of listRequests()) expect(request.limit).toBe(2);
  });

  test('says so when there are no notes yet', async () => {
    api.notes = [];
    setup();
    expect(await screen.findByText(/No notes yet/)).toBeTruthy();
  });

  test('search as you type: note text, entity name and page title all count', async () => {
    const { user } = setup();
    await screen.findAllByRole('article');
    await user.type(searchBox(), 'article 5');
    await waitFor(() => expect(noteTexts()).toEqual([natoNew.text]));

    await user.clear(searchBox());
    await user.type(searchBox(), 'united');
    await waitFor(() => expect(noteTexts()).toEqual([un.text]));

    await user.clear(searchBox());
    await user.type(searchBox(), 'vote at');
    await waitFor(() => expect(noteTexts()).toEqual([un.text]));

    await user.type(searchBox(), ' kingdom');
    expect(await screen.findByText('No notes match “vote at kingdom”.')).toBeTruthy();
  });

  test('a slow answer to an old query does not overwrite a newer one', async () => {
    api.delayMs = 30;
    const { user } = setup();
    await screen.findAllByRole('article');
    await user.type(searchBox(), 'f');
    await user.type(searchBox(), 'ive');
    await waitFor(() => expect(noteTexts()).toEqual([un.text]));
    await new Promise((r) => setTimeout(r, 100));
    expect(noteTexts()).toEqual([un.text]);
    expect(listRequests().at(-1)?.query).toBe('five');
  });

  test('filters narrow the list; a tag on a note filters by it', async () => {
    const { user } = setup();
    await screen.findAllByRole('article');
    await screen.findByRole('option', { name: 'United Nations (1)' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Name' }), 'United Nations (1)');
    await waitFor(() => expect(noteTexts()).toEqual([un.text]));
    expect(listRequests().at(-1)).toMatchObject({ entryId: 'un' });
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(noteTexts()).toHaveLength(3));
    await user.click(screen.getByRole('button', { name: '#history' }));
    await waitFor(() => expect(noteTexts()).toEqual([natoOld.text]));
    expect((screen.getByRole('combobox', { name: 'Tag' }) as HTMLSelectElement).value).toBe('t:history');
  });

  test('sort: oldest first', async () => {
    const { user } = setup();
    await screen.findAllByRole('article');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Order' }), 'Oldest first');
    await waitFor(() => expect(noteTexts()).toEqual([natoOld.text, un.text, natoNew.text]));
  });

  test('a fixed filter (the entity page) applies to every request and is not offered', async () => {
    setup({ fixed: { entryId: 'nato' } });
    await waitFor(() => expect(noteTexts()).toEqual([natoNew.text, natoOld.text]));
    expect(screen.queryByRole('combobox', { name: 'Name' })).toBeNull();
    for (const request of listRequests()) expect(request.entryId).toBe('nato');
  });

  test('edits a note in place, tags too', async () => {
    const { user } = setup();
    const article = (await screen.findAllByRole('article', { name: 'Note on United Nations' }))[0]!;
    await user.click(within(article).getByRole('button', { name: 'Edit' }));
    await user.type(within(article).getByRole('textbox', { name: 'Edit note' }), ' (P5)');
    await user.type(within(article).getByRole('textbox', { name: 'Tags' }), 'security');
    await user.click(within(article).getByRole('button', { name: 'Save' }));
    const updated = await screen.findByRole('article', { name: 'Note on United Nations' });
    await waitFor(() => expect(updated.textContent).toContain('five permanent members (P5)'));
    expect(api.notes.find((n) => n.id === 'n2')).toMatchObject({
      text: `${un.text} (P5)`,
      tags: ['security'],
    });
    // The edit can be undone.
    await user.click(within(updated).getByRole('button', { name: 'Undo edit' }));
    await waitFor(() => expect(noteTexts()).toContain(un.text));
    expect(api.notes.find((n) => n.id === 'n2')?.text).toBe(un.text);
  });

  test('a failed edit keeps the draft and shows the error', async () => {
    api.failNext.updateNote = { code: 'not-found', message: 'That note no longer exists.' };
    const { user } = setup();
    const article = (await screen.findAllByRole('article', { name: 'Note on United Nations' }))[0]!;
    await user.click(within(article).getByRole('button', { name: 'Edit' }));
    await user.keyboard(' more{Control>}{Enter}{/Control}');
    expect((await within(article).findByRole('alert')).textContent).toContain('That note no longer exists.');
    expect((within(article).getByRole('textbox', { name: 'Edit note' }) as HTMLTextAreaElement).value).toBe(
      `${un.text} more`,
    );
  });

  test('delete offers Undo, focused; Enter on it puts the note back in its place and focuses it', async () => {
    const { user } = setup();
    const article = await screen.findByRole('article', { name: 'Note on United Nations' });
    await user.click(within(article).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Note on United Nations' })).toBeNull());
    expect(screen.getByRole('status').textContent).toBe('Note deleted. Undo');
    const undo = screen.getByRole('button', { name: 'Undo' });
    expect(document.activeElement).toBe(undo);

    await user.keyboard('{Enter}');
    const back = await screen.findByRole('article', { name: 'Note on United Nations' });
    expect(noteTexts()).toEqual([natoNew.text, un.text, natoOld.text]);
    await waitFor(() =>
      expect(document.activeElement).toBe(within(back).getByRole('button', { name: 'Edit' })),
    );
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    expect(api.notes).toHaveLength(3);
  });

  test('the Undo offer expires, and focus moves to the search box', async () => {
    const { user } = setup({ undoMs: 60 });
    const article = await screen.findByRole('article', { name: 'Note on United Nations' });
    await user.click(within(article).getByRole('button', { name: 'Delete' }));
    await screen.findByRole('button', { name: 'Undo' });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull());
    expect(document.activeElement).toBe(searchBox());
  });

  test('a failed delete says why and keeps the note', async () => {
    api.failNext.deleteNote = { code: 'storage', message: 'Database closed.' };
    const { user } = setup();
    const article = await screen.findByRole('article', { name: 'Note on United Nations' });
    await user.click(within(article).getByRole('button', { name: 'Delete' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Database closed.');
    expect(screen.getByRole('article', { name: 'Note on United Nations' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
  });

  test('a failed undo says why and keeps offering Undo', async () => {
    const { user } = setup();
    const article = await screen.findByRole('article', { name: 'Note on United Nations' });
    await user.click(within(article).getByRole('button', { name: 'Delete' }));
    api.failNext.restoreNote = { code: 'storage', message: 'No room.' };
    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    expect((await screen.findByRole('alert')).textContent).toContain('No room.');
    expect(screen.getByRole('button', { name: 'Undo' })).toBeTruthy();
  });

  test('a failed load shows an alert', async () => {
    api.failNext.listNotes = { code: 'unreachable', message: 'The background did not answer.' };
    setup();
    expect((await screen.findByRole('alert')).textContent).toContain('The background did not answer.');
  });

  test('a new refresh value asks again (after an import)', async () => {
    const view = render(<NotesPanel api={api} refresh={0} />);
    await screen.findAllByRole('article');
    api.notes = [...api.notes, makeNote({ entryId: 'un', text: 'Imported', createdAt: 9_000 })];
    view.rerender(<NotesPanel api={api} refresh={1} />);
    await waitFor(() => expect(noteTexts()[0]).toBe('Imported'));
  });

  test('compact (the popup): filters fold away behind a disclosure', async () => {
    const { user } = setup({ compact: true });
    await screen.findAllByRole('article');
    const summary = screen.getByText('Filter and sort');
    const details = summary.closest('details')!;
    expect(details.open).toBe(false);
    await user.click(summary);
    await waitFor(() => expect(details.open).toBe(true));
    // A tag on a note opens them, to show the filter it set.
    await user.click(summary);
    await waitFor(() => expect(details.open).toBe(false));
    await user.click(screen.getByRole('button', { name: '#history' }));
    await waitFor(() => expect(details.open).toBe(true));
  });

  test('keyboard: Tab goes from the search box through the filters to the first note', async () => {
    const { user } = setup();
    await screen.findAllByRole('article');
    await user.tab();
    expect(document.activeElement).toBe(searchBox());
    for (const name of ['Name', 'Kind', 'Tag', 'Site', 'Order']) {
      await user.tab();
      expect(document.activeElement).toBe(screen.getByRole('combobox', { name }));
    }
    await user.tab();
    const first = screen.getAllByRole('article')[0]!;
    expect(document.activeElement).toBe(within(first).getByRole('link', { name: 'NATO' }));
    await user.tab();
    await user.tab();
    expect(document.activeElement).toBe(within(first).getByRole('button', { name: 'Edit' }));
    await user.keyboard(' ');
    expect(document.activeElement).toBe(within(first).getByRole('textbox', { name: 'Edit note' }));
  });
});
