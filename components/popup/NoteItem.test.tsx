// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { fail, ok, type Result } from '../../messaging/result';
import type { Note } from '../../storage/notes';
import { makeNote } from '../../popup/test-fakes';
import { NoteItem, type NoteItemProps } from './NoteItem';

afterEach(cleanup);

/** The item with a parent that keeps the note, as the list does. */
function Holder(props: Omit<NoteItemProps, 'note'> & { initial: Note; onChange?: (n: Note) => void }) {
  const [note, setNote] = useState(props.initial);
  const keep = async (work: Promise<Result<Note>>) => {
    const result = await work;
    if (result.ok) setNote(result.value);
    return result;
  };
  return (
    <NoteItem
      {...props}
      note={note}
      onSave={(id, text, tags) => keep(props.onSave(id, text, tags))}
      onUndoEdit={(id) => keep(props.onUndoEdit(id))}
    />
  );
}

function setup(note: Note, overrides: Partial<NoteItemProps> = {}) {
  const onSave = vi.fn(async (id: string, text: string, tags: readonly string[]) =>
    ok({
      ...note,
      id,
      text,
      tags: [...tags],
      updatedAt: note.updatedAt + 60_000,
      history: [{ text: note.text, tags: note.tags, updatedAt: note.updatedAt }],
    }),
  );
  const onUndoEdit = vi.fn(async () => ok({ ...note, text: 'previous', history: [] }));
  const onDelete = vi.fn();
  const onTag = vi.fn();
  const onEditingChange = vi.fn();
  const user = userEvent.setup();
  render(
    <Holder
      initial={note}
      entityName="NATO"
      label="Note on NATO"
      entityHref="#entity=nato"
      onSave={onSave}
      onUndoEdit={onUndoEdit}
      onDelete={onDelete}
      onTag={onTag}
      onEditingChange={onEditingChange}
      {...overrides}
    />,
  );
  return { user, onSave, onUndoEdit, onDelete, onTag, onEditingChange };
}

const article = () => screen.getByRole('article', { name: 'Note on NATO' });
const button = (name: string) => screen.getByRole('button', { name });

describe('NoteItem', () => {
  test('shows the entity, quote, text, tags, page and times', () => {
    const note = makeNote({
      entryId: 'nato',
      text: 'Founded 1949',
      pageUrl: 'https://news.example/a',
      pageTitle: 'Summit report',
      tags: ['history', 'alliances'],
      quote: { exact: 'the alliance', prefix: 'said ', suffix: ' would' },
      createdAt: Date.UTC(2026, 0, 2, 10),
      updatedAt: Date.UTC(2026, 0, 3, 10),
    });
    setup(note);
    expect(within(article()).getByRole('link', { name: 'NATO' }).getAttribute('href')).toBe('#entity=nato');
    expect(article().querySelector('blockquote')?.textContent).toBe('the alliance');
    expect(article().querySelector('.note-text')?.textContent).toBe('Founded 1949');
    const tags = within(article()).getByRole('list', { name: 'Tags' });
    expect(
      within(tags)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['#history', '#alliances']);
    const times = [...article().querySelectorAll('time')].map((t) => t.getAttribute('dateTime'));
    expect(times).toEqual([new Date(note.createdAt).toISOString(), new Date(note.updatedAt).toISOString()]);
    expect(article().textContent).toContain(', edited ');
  });

  test('the page link opens the page at the quote', () => {
    setup(
      makeNote({
        entryId: 'nato',
        text: 'x',
        pageUrl: 'https://news.example/a',
        pageTitle: 'Summit report',
        quote: { exact: 'two percent', prefix: '', suffix: '' },
      }),
    );
    const link = screen.getByRole('link', { name: 'Summit report' });
    expect(link.getAttribute('href')).toBe('https://news.example/a#:~:text=two%20percent');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
  });

  test('addresses that are not web pages are not links; links in the text are', () => {
    setup(
      makeNote({
        entryId: 'nato',
        text: 'See https://nato.example/facts',
        pageUrl: 'javascript:alert(1)',
        pageTitle: 'Odd',
      }),
    );
    expect(screen.queryByRole('link', { name: 'Odd' })).toBeNull();
    expect(screen.getByText('Odd')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'https://nato.example/facts' })).toBeTruthy();
  });

  test('a note on a passage has no entity link', () => {
    setup(makeNote({ entryId: null, text: 'x' }), { entityName: 'Other passages', entityHref: null });
    expect(article().querySelector('.note-entity')?.tagName).toBe('SPAN');
  });

  test('clicking a tag asks for the notes with it', async () => {
    const { user, onTag } = setup(makeNote({ entryId: 'nato', text: 'x', tags: ['budget'] }));
    await user.click(button('#budget'));
    expect(onTag).toHaveBeenCalledWith('budget');
  });

  test('edit with the keyboard: text and tags, Ctrl+Enter saves and focus returns to Edit', async () => {
    const note = makeNote({ entryId: 'nato', text: 'old', tags: ['a'] });
    const { user, onSave, onEditingChange } = setup(note);
    button('Edit').focus();
    await user.keyboard('{Enter}');
    const box = screen.getByRole('textbox', { name: 'Edit note' });
    expect(document.activeElement).toBe(box);
    expect(onEditingChange).toHaveBeenLastCalledWith(note.id, true);
    await user.keyboard(' and new');
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Tags' }));
    await user.keyboard('{End}, #Budget ,b{Control>}{Enter}{/Control}');
    expect(onSave).toHaveBeenCalledWith(note.id, 'old and new', ['a', 'budget', 'b']);
    await waitFor(() => expect(screen.queryByRole('textbox')).toBeNull());
    expect(document.activeElement).toBe(button('Edit'));
    expect(onEditingChange).toHaveBeenLastCalledWith(note.id, false);
    expect(article().textContent).toContain('old and new');
  });

  test('Esc cancels without saving', async () => {
    const { user, onSave } = setup(makeNote({ entryId: 'nato', text: 'keep me' }));
    await user.click(button('Edit'));
    await user.keyboard('zzz{Escape}');
    expect(onSave).not.toHaveBeenCalled();
    expect(article().textContent).toContain('keep me');
    expect(document.activeElement).toBe(button('Edit'));
  });

  test('Save and Cancel reachable by Tab; Space on Save saves', async () => {
    const note = makeNote({ entryId: 'nato', text: 'a' });
    const { user, onSave } = setup(note);
    await user.click(button('Edit'));
    await user.keyboard('b');
    await user.tab();
    await user.tab();
    expect(document.activeElement).toBe(button('Save'));
    await user.tab();
    expect(document.activeElement).toBe(button('Cancel'));
    await user.tab({ shift: true });
    await user.keyboard(' ');
    expect(onSave).toHaveBeenCalledWith(note.id, 'ab', []);
  });

  test('a failed save shows the error as an alert and keeps the draft', async () => {
    const note = makeNote({ entryId: 'nato', text: 'a' });
    const { user } = setup(note, { onSave: vi.fn(async () => fail('storage', 'The disk is full.')) });
    await user.click(button('Edit'));
    await user.keyboard('bc');
    await user.click(button('Save'));
    expect((await screen.findByRole('alert')).textContent).toContain('The disk is full.');
    expect((screen.getByRole('textbox', { name: 'Edit note' }) as HTMLTextAreaElement).value).toBe('abc');
  });

  test('an empty note is not sent', async () => {
    const { user, onSave } = setup(makeNote({ entryId: 'nato', text: 'a' }));
    await user.click(button('Edit'));
    await user.clear(screen.getByRole('textbox', { name: 'Edit note' }));
    await user.keyboard('   {Control>}{Enter}{/Control}');
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toBeTruthy();
  });

  test('unchanged text and tags leave edit mode without saving', async () => {
    const { user, onSave } = setup(makeNote({ entryId: 'nato', text: 'same', tags: ['x'] }));
    await user.click(button('Edit'));
    await user.click(button('Save'));
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  test('Undo edit appears with history; Enter on it goes back and focus stays in the note', async () => {
    const note = makeNote({
      entryId: 'nato',
      text: 'current',
      history: [{ text: 'previous', updatedAt: 1 }],
    });
    const { user, onUndoEdit } = setup(note);
    button('Undo edit').focus();
    await user.keyboard('{Enter}');
    expect(onUndoEdit).toHaveBeenCalledWith(note.id);
    await waitFor(() => expect(article().querySelector('.note-text')?.textContent).toBe('previous'));
    // No more history: the button is gone and focus moved to Edit.
    expect(screen.queryByRole('button', { name: 'Undo edit' })).toBeNull();
    expect(document.activeElement).toBe(button('Edit'));
  });

  test('no Undo edit without history; a failed undo says why', async () => {
    setup(makeNote({ entryId: 'nato', text: 'x' }));
    expect(screen.queryByRole('button', { name: 'Undo edit' })).toBeNull();
    cleanup();
    const { user } = setup(makeNote({ entryId: 'nato', text: 'x', history: [{ text: 'y', updatedAt: 1 }] }), {
      onUndoEdit: vi.fn(async () => fail('not-found', 'That note no longer exists.')),
    });
    await user.click(button('Undo edit'));
    expect((await screen.findByRole('alert')).textContent).toContain('That note no longer exists.');
  });

  test('keyboard: Tab goes entity, page, Edit, Delete; Enter on Delete hands the note to the parent', async () => {
    const note = makeNote({ entryId: 'nato', text: 'a', pageTitle: 'Story' });
    const { user, onDelete } = setup(note);
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('link', { name: 'NATO' }));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('link', { name: 'Story' }));
    await user.tab();
    expect(document.activeElement).toBe(button('Edit'));
    await user.tab();
    expect(document.activeElement).toBe(button('Delete'));
    await user.keyboard('{Enter}');
    expect(onDelete).toHaveBeenCalledWith(note);
  });
});
