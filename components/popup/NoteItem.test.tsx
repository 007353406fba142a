// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { fail, ok } from '../../messaging/result';
import type { Note } from '../../storage/notes';
import { makeNote } from '../../popup/test-fakes';
import { NoteItem } from './NoteItem';

afterEach(cleanup);

function setup(note: Note, onSave = vi.fn(async (id: string, text: string) => ok({ ...note, id, text }))) {
  const onDelete = vi.fn();
  const user = userEvent.setup();
  render(<NoteItem note={note} entityName="NATO" onSave={onSave} onDelete={onDelete} />);
  return { user, onSave, onDelete };
}

describe('NoteItem', () => {
  test('shows the text, a link to the page and the date, named after its entity', () => {
    const note = makeNote({
      entryId: 'nato',
      text: 'Founded 1949',
      pageUrl: 'https://news.example/a',
      pageTitle: 'Summit report',
    });
    setup(note);
    const article = screen.getByRole('article', { name: 'Note on NATO' });
    expect(article.textContent).toContain('Founded 1949');
    const link = screen.getByRole('link', { name: 'Summit report' });
    expect(link.getAttribute('href')).toBe('https://news.example/a');
    expect(article.querySelector('time')?.getAttribute('dateTime')).toBe(
      new Date(note.createdAt).toISOString(),
    );
  });

  test('does not link addresses that are not web pages', () => {
    setup(makeNote({ entryId: 'nato', text: 'x', pageUrl: 'javascript:alert(1)', pageTitle: 'Odd' }));
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText('Odd')).toBeTruthy();
  });

  test('edit with the keyboard: Enter on Edit, type, Ctrl+Enter saves and focus returns to Edit', async () => {
    const note = makeNote({ entryId: 'nato', text: 'old' });
    const { user, onSave } = setup(note);
    await user.tab();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit' }));
    await user.keyboard('{Enter}');
    const box = screen.getByRole('textbox', { name: 'Edit note' });
    expect(document.activeElement).toBe(box);
    await user.keyboard(' and new');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(onSave).toHaveBeenCalledWith(note.id, 'old and new');
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit' }));
  });

  test('Esc cancels without saving', async () => {
    const { user, onSave } = setup(makeNote({ entryId: 'nato', text: 'keep me' }));
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    await user.keyboard('zzz{Escape}');
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByRole('article').textContent).toContain('keep me');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit' }));
  });

  test('Cancel and Save reachable by Tab; Space on Save saves', async () => {
    const note = makeNote({ entryId: 'nato', text: 'a' });
    const { user, onSave } = setup(note);
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    await user.keyboard('b');
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Save' }));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    await user.tab({ shift: true });
    await user.keyboard(' ');
    expect(onSave).toHaveBeenCalledWith(note.id, 'ab');
  });

  test('a failed save shows the error as an alert and keeps the draft', async () => {
    const note = makeNote({ entryId: 'nato', text: 'a' });
    const onSave = vi.fn(async () => fail('storage', 'The disk is full.'));
    const { user } = setup(note, onSave);
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    await user.keyboard('bc');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('alert').textContent).toContain('The disk is full.');
    const box = screen.getByRole('textbox', { name: 'Edit note' }) as HTMLTextAreaElement;
    expect(box.value).toBe('abc');
  });

  test('an empty note is not sent', async () => {
    const { user, onSave } = setup(makeNote({ entryId: 'nato', text: 'a' }));
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    await user.clear(screen.getByRole('textbox', { name: 'Edit note' }));
    await user.keyboard('   {Control>}{Enter}{/Control}');
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toBeTruthy();
  });

  test('unchanged text leaves edit mode without saving', async () => {
    const { user, onSave } = setup(makeNote({ entryId: 'nato', text: 'same' }));
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  test('Delete hands the note to the parent', async () => {
    const note = makeNote({ entryId: 'nato', text: 'a' });
    const { user, onDelete } = setup(note);
    await user.tab();
    await user.tab();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete' }));
    await user.keyboard('{Enter}');
    expect(onDelete).toHaveBeenCalledWith(note);
  });
});
