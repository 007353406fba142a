// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fail, ok } from '../messaging/result';
import type { Note } from '../storage/notes';
import { PassageCard } from './PassageCard';

afterEach(cleanup);

const note = (text: string, pageUrl = 'https://news.example/a'): Note => ({
  id: text,
  entryId: null,
  text,
  createdAt: Date.UTC(2026, 0, 2),
  updatedAt: Date.UTC(2026, 0, 2),
  pageUrl,
  pageTitle: 'Story',
  pageDate: null,
  quote: { exact: 'met in Vilnius', prefix: '', suffix: '' },
  tags: [],
  history: [],
});
const always = () => true;

describe('PassageCard', () => {
  it('opens on a fresh selection with the quote and the editor focused; saves from the keyboard', async () => {
    const user = userEvent.setup();
    const onAddNote = vi.fn(async (text: string) => ok(note(text)));
    render(
      <PassageCard
        quote="met in Vilnius"
        notes={[]}
        onAddNote={onAddNote}
        onClose={vi.fn()}
        startEditing
        here="https://news.example/a#top"
        trusted={always}
      />,
    );
    expect(screen.getByRole('dialog', { name: 'Note on this passage' }).textContent).toContain(
      'met in Vilnius',
    );
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Note' }));
    await user.keyboard('Check the date{Control>}{Enter}{/Control}');
    expect(onAddNote).toHaveBeenCalledWith('Check the date');
    await waitFor(() => expect(screen.getByText('Check the date')).toBeTruthy());
    expect(screen.getByText('On this page')).toBeTruthy();
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('lists the notes of this page first under a label, and keeps the text when saving fails', async () => {
    const user = userEvent.setup();
    render(
      <PassageCard
        quote="met in Vilnius"
        notes={[note('Elsewhere note', 'https://other.example/'), note('Here note')]}
        onAddNote={vi.fn(async () => fail('storage', 'No room left.'))}
        onClose={vi.fn()}
        here="https://news.example/a"
        trusted={always}
      />,
    );
    const texts = [...document.querySelectorAll('.note-text, .notes-label')].map((p) => p.textContent);
    expect(texts).toEqual(['On this page', 'Here note', 'Elsewhere', 'Elsewhere note']);
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    await user.keyboard('Draft{Control>}{Enter}{/Control}');
    expect((await screen.findByRole('alert')).textContent).toContain('No room left');
    expect((screen.getByRole('textbox', { name: 'Note' }) as HTMLTextAreaElement).value).toBe('Draft');
  });

  it('closes from its button by keyboard, and ignores synthetic clicks', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const { unmount } = render(
      <PassageCard quote="q" notes={[]} onAddNote={vi.fn()} onClose={onClose} trusted={always} />,
    );
    await user.tab();
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Close');
    await user.keyboard('{Enter}');
    expect(onClose).toHaveBeenCalledTimes(1);
    unmount();
    render(<PassageCard quote="q" notes={[]} onAddNote={vi.fn()} onClose={onClose} />);
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
