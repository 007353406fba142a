// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Entry } from '../glossary/schema';
import type { CardData } from '../messaging/background-protocol';
import { fail, ok } from '../messaging/result';
import type { Note } from '../storage/notes';
import { Card } from './Card';

afterEach(cleanup);

const nato: Entry = {
  id: 'nato',
  qid: 'Q7184',
  kind: 'organisation',
  name: 'NATO',
  aliases: [],
  summary: 'A military alliance. It defends its members.',
  facts: [
    { label: 'Members', value: '19', from: '1999-03-12', until: '2004-03-29' },
    { label: 'Members', value: '32', from: '2024-03-07' },
  ],
  related: ['eu'],
  wikipedia: 'NATO',
  checked: '2026-11-26',
};
const note = (text: string): Note => ({
  id: text,
  entryId: 'nato',
  text,
  createdAt: Date.UTC(2026, 0, 2),
  updatedAt: Date.UTC(2026, 0, 2),
  pageUrl: 'https://news.example/',
  pageTitle: 'Story',
  pageDate: null,
  quote: null,
  tags: [],
  history: [],
});
const data: CardData = {
  entry: nato,
  related: [{ id: 'eu', name: 'European Union', kind: 'organisation' }],
  notes: [note('Older note')],
};
const always = () => true;

function renderCard(overrides: Partial<Parameters<typeof Card>[0]> = {}) {
  const props = {
    data,
    error: null,
    name: 'NATO',
    onAddNote: vi.fn(async (_entryId: string, text: string) => ok(note(text))),
    onOpenRelated: vi.fn(),
    onClose: vi.fn(),
    trusted: always,
    ...overrides,
  };
  render(<Card {...props} />);
  return props;
}

describe('Card', () => {
  it('is a labelled, non-modal dialog with the entry, its current facts, related entries and a link', () => {
    renderCard();
    const dialog = screen.getByRole('dialog', { name: 'NATO' });
    expect(dialog.getAttribute('aria-modal')).toBe('false');
    expect(dialog.textContent).toContain('Organisation');
    expect(dialog.textContent).toContain('A military alliance. It defends its members.');
    expect(dialog.textContent).toContain('32');
    expect(dialog.textContent).not.toContain('19');
    expect(screen.getByRole('link', { name: /Read more/ }).getAttribute('href')).toBe(
      'https://en.wikipedia.org/wiki/NATO',
    );
    expect(screen.getByText('Older note')).toBeTruthy();
  });

  it('speaks for the page date, says what changed since, and when facts were checked', () => {
    renderCard({ asOf: '2001-10-03', today: '2026-11-26' });
    const dialog = screen.getByRole('dialog', { name: 'NATO' });
    expect(dialog.textContent).toContain('As of 3 October 2001');
    expect(screen.getByText('Members').nextElementSibling?.textContent).toBe(
      '19 (since 1999, until 2004) · today: 32',
    );
    expect(dialog.textContent).toContain('facts checked 26 November 2026');
  });

  it('speaks for today when the page has no date', () => {
    renderCard({ asOf: null, today: '2026-11-26' });
    expect(screen.getByRole('dialog').textContent).not.toContain('As of');
    expect(screen.getByText('Members').nextElementSibling?.textContent).toBe('32 (since 2024)');
  });

  it('shows the name and a loading line before the details arrive', () => {
    renderCard({ data: null });
    expect(screen.getByRole('dialog', { name: 'NATO' }).textContent).toContain('Loading');
  });

  it('adds a note from the keyboard and shows it at once, newest first', async () => {
    const user = userEvent.setup();
    const props = renderCard();
    await user.tab();
    await user.tab();
    await user.tab();
    await user.tab();
    expect(document.activeElement?.textContent).toBe('Add note');
    await user.keyboard('{Enter}');
    const box = screen.getByRole('textbox', { name: 'Note' });
    expect(document.activeElement).toBe(box);
    await user.keyboard('Met Putin in Brussels{Control>}{Enter}{/Control}');
    expect(props.onAddNote).toHaveBeenCalledWith('nato', 'Met Putin in Brussels');
    await waitFor(() =>
      expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toContain(
        'Met Putin in BrusselsJan 2, 2026 · Story',
      ),
    );
    const texts = [...document.querySelectorAll('.note-text')].map((p) => p.textContent);
    expect(texts).toEqual(['Met Putin in Brussels', 'Older note']);
  });

  it('keeps the text and says why when saving fails', async () => {
    const user = userEvent.setup();
    renderCard({
      onAddNote: vi.fn(async () => fail('storage', 'The browser has no room left to save notes.')),
    });
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    await user.type(screen.getByRole('textbox', { name: 'Note' }), 'Important');
    await user.click(screen.getByRole('button', { name: 'Save note' }));
    expect((await screen.findByRole('alert')).textContent).toContain('no room left');
    expect((screen.getByRole('textbox', { name: 'Note' }) as HTMLTextAreaElement).value).toBe('Important');
  });

  it('opens related entries and closes from its buttons', async () => {
    const user = userEvent.setup();
    const props = renderCard();
    await user.click(screen.getByRole('button', { name: 'European Union' }));
    expect(props.onOpenRelated).toHaveBeenCalledWith('eu');
    screen.getByRole('button', { name: 'Close' }).focus();
    await user.keyboard('{Enter}');
    expect(props.onClose).toHaveBeenCalled();
  });

  it('ignores synthetic events from page scripts', async () => {
    const user = userEvent.setup();
    const props = renderCard({ trusted: undefined });
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(props.onClose).not.toHaveBeenCalled();
  });
});

describe('Card notes and muting', () => {
  it('labels the notes written on this page and lists them first', () => {
    renderCard({
      data: { ...data, notes: [{ ...note('Here'), pageUrl: 'https://news.example/a' }, note('There')] },
      here: 'https://news.example/a#section',
    });
    const texts = [...document.querySelectorAll('.note-text, .notes-label')].map((p) => p.textContent);
    expect(texts).toEqual(['On this page', 'Here', 'Elsewhere', 'There']);
  });

  it('mutes the entity from the keyboard', async () => {
    const user = userEvent.setup();
    const onMute = vi.fn();
    renderCard({ onMute });
    screen.getByRole('button', { name: /Mute NATO/ }).focus();
    await user.keyboard('{Enter}');
    expect(onMute).toHaveBeenCalledWith('nato');
  });
});

describe("Card of the reader's own entry", () => {
  it('says it is their own entry, without a Wikipedia link or checked date', () => {
    renderCard({
      data: {
        entry: { ...nato, id: 'reader-x', wikipedia: '', checked: '', facts: [] },
        related: [],
        notes: [],
      },
    });
    expect(screen.queryByRole('link', { name: /Read more/ })).toBeNull();
    expect(screen.getByRole('dialog').textContent).toContain('Your own entry');
  });
});
