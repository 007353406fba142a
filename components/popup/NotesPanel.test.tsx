// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Result } from '../../messaging/result';
import type { Note } from '../../storage/notes';
import { FakeNotesApi, makeNote } from '../../popup/test-fakes';
import { NotesPanel } from './NotesPanel';

afterEach(cleanup);

let api: FakeNotesApi;
let natoOld: Note;
let un: Note;
let natoNew: Note;

beforeEach(() => {
  natoOld = makeNote({ id: 'n1', entryId: 'nato', text: 'Founded in 1949', createdAt: 1_000 });
  un = makeNote({
    id: 'n2',
    entryId: 'un',
    text: 'Security Council has five permanent members',
    pageTitle: 'Vote at the UN',
    createdAt: 2_000,
  });
  natoNew = makeNote({ id: 'n3', entryId: 'nato', text: 'Article 5 invoked once', createdAt: 3_000 });
  api = new FakeNotesApi([natoOld, un, natoNew], { nato: 'NATO', un: 'United Nations' });
});

function setup(props: { undoMs?: number } = {}) {
  const user = userEvent.setup();
  render(<NotesPanel api={api} {...props} />);
  return { user };
}

const noteTexts = () =>
  screen.queryAllByRole('article').map((a) => a.querySelector('.note-text')?.textContent);

describe('NotesPanel', () => {
  test('groups notes by entity, newest first, headed by the entity name', async () => {
    setup();
    await screen.findAllByRole('article');
    const headings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(headings).toEqual(['NATO', 'United Nations']);
    expect(noteTexts()).toEqual([natoNew.text, natoOld.text, un.text]);
    expect(screen.getAllByRole('article', { name: 'Note on NATO' })).toHaveLength(2);
    expect(screen.getByRole('article', { name: 'Note on United Nations' })).toBeTruthy();
  });

  test('says so when there are no notes yet', async () => {
    api.notes = [];
    setup();
    expect(await screen.findByText(/No notes yet/)).toBeTruthy();
  });

  test('search filters as you type, by note text and by entity name', async () => {
    const { user } = setup();
    await screen.findAllByRole('article');
    await user.type(screen.getByRole('searchbox', { name: 'Search notes' }), 'article 5');
    await waitFor(() => expect(noteTexts()).toEqual([natoNew.text]));

    await user.clear(screen.getByRole('searchbox', { name: 'Search notes' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search notes' }), 'united');
    await waitFor(() => expect(noteTexts()).toEqual([un.text]));

    await user.type(screen.getByRole('searchbox', { name: 'Search notes' }), ' kingdom');
    expect(await screen.findByText('No notes match “united kingdom”.')).toBeTruthy();
  });

  test('search matches the page title through the background', async () => {
    const { user } = setup();
    await screen.findAllByRole('article');
    await user.type(screen.getByRole('searchbox', { name: 'Search notes' }), 'vote at');
    await waitFor(() => expect(noteTexts()).toEqual([un.text]));
    expect(api.calls.some((c) => c.method === 'listNotes' && c.args[0] === 'vote at')).toBe(true);
  });

  test('a slow answer to an old query does not overwrite a newer one', async () => {
    const slow = new FakeNotesApi(api.notes, { nato: 'NATO', un: 'United Nations' });
    const listNotes = slow.listNotes.bind(slow);
    slow.listNotes = async (query?: string): Promise<Result<Note[]>> => {
      if (query === 'f') await new Promise((r) => setTimeout(r, 150));
      return listNotes(query);
    };
    const user = userEvent.setup();
    render(<NotesPanel api={slow} debounceMs={0} />);
    await screen.findAllByRole('article');
    const box = screen.getByRole('searchbox', { name: 'Search notes' });
    await user.type(box, 'f');
    await new Promise((r) => setTimeout(r, 20));
    await user.type(box, 'ive');
    await waitFor(() => expect(noteTexts()).toEqual([un.text]));
    await new Promise((r) => setTimeout(r, 200));
    expect(noteTexts()).toEqual([un.text]);
  });

  test('edits a note in place', async () => {
    const { user } = setup();
    const article = (await screen.findAllByRole('article', { name: 'Note on United Nations' }))[0]!;
    await user.click(within(article).getByRole('button', { name: 'Edit' }));
    await user.type(within(article).getByRole('textbox', { name: 'Edit note' }), ' (P5)');
    await user.click(within(article).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(article.textContent).toContain('five permanent members (P5)'));
    expect(api.notes.find((n) => n.id === 'n2')?.text).toBe(`${un.text} (P5)`);
  });

  test('a failed edit keeps the draft and shows the error', async () => {
    api.failNext.updateNote = { code: 'not-found', message: 'That note no longer exists.' };
    const { user } = setup();
    const article = (await screen.findAllByRole('article', { name: 'Note on United Nations' }))[0]!;
    await user.click(within(article).getByRole('button', { name: 'Edit' }));
    await user.keyboard(' more{Control>}{Enter}{/Control}');
    expect((await within(article).findByRole('alert')).textContent).toContain('That note no longer exists.');
    expect((within(article).getByRole('textbox') as HTMLTextAreaElement).value).toBe(`${un.text} more`);
  });

  test('delete offers Undo, focused; Enter on it puts the note back and focuses it', async () => {
    const { user } = setup();
    const article = await screen.findByRole('article', { name: 'Note on United Nations' });
    await user.click(within(article).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Note on United Nations' })).toBeNull());
    expect(screen.getByRole('status').textContent).toBe('Note deleted. Undo');
    const undo = screen.getByRole('button', { name: 'Undo' });
    expect(document.activeElement).toBe(undo);

    await user.keyboard('{Enter}');
    const back = await screen.findByRole('article', { name: 'Note on United Nations' });
    expect(noteTexts()).toEqual([natoNew.text, natoOld.text, un.text]);
    expect(document.activeElement).toBe(within(back).getByRole('button', { name: 'Edit' }));
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    expect(api.notes).toHaveLength(3);
  });

  test('the Undo offer expires, and focus moves to the search box', async () => {
    const { user } = setup({ undoMs: 60 });
    const article = await screen.findByRole('article', { name: 'Note on United Nations' });
    await user.click(within(article).getByRole('button', { name: 'Delete' }));
    await screen.findByRole('button', { name: 'Undo' });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull());
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search notes' }));
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

  test('keyboard: Tab goes from the search box to the first note’s link and buttons', async () => {
    const { user } = setup();
    await screen.findAllByRole('article');
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search notes' }));
    await user.tab();
    const first = screen.getAllByRole('article')[0]!;
    expect(document.activeElement).toBe(within(first).getByRole('link'));
    await user.tab();
    expect(document.activeElement).toBe(within(first).getByRole('button', { name: 'Edit' }));
    await user.keyboard(' ');
    expect(document.activeElement).toBe(within(first).getByRole('textbox', { name: 'Edit note' }));
  });
});
