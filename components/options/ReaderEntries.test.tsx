// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, test } from 'vitest';
import { fail, ok } from '../../messaging/result';
import type { ReaderEntry } from '../../storage/reader-entries';
import { ReaderEntries } from './ReaderEntries';

afterEach(cleanup);

const quad: ReaderEntry = {
  id: 'reader-the-quad',
  name: 'The Quad',
  aliases: ['Quad'],
  kind: 'organisation',
  summary: 'Four countries.',
  qid: 'Q2984479',
  createdAt: 1,
  updatedAt: 1,
};

/** The list with a parent that keeps the entries, as the options page does. */
function Holder({ initial, failRemove = false }: { initial: ReaderEntry[]; failRemove?: boolean }) {
  const [entries, setEntries] = useState(initial);
  return (
    <ReaderEntries
      entries={entries}
      onSave={async (input, id) => {
        const entry = {
          ...input,
          id: id ?? `reader-${input.name.toLowerCase()}`,
          createdAt: 2,
          updatedAt: 2,
        };
        setEntries((list) => [...list.filter((e) => e.id !== entry.id), entry]);
        return ok(entry.id);
      }}
      onRemove={async (id) => {
        if (failRemove) return fail('storage', 'Storage is full.');
        setEntries((list) => list.filter((e) => e.id !== id));
        return ok(null);
      }}
    />
  );
}

describe('ReaderEntries', () => {
  test('lists each entry with its kind, QID link, other names and summary', () => {
    render(<Holder initial={[quad]} />);
    const article = screen.getByRole('article', { name: 'The Quad' });
    expect(article.textContent).toContain('Organisation · Q2984479 · also Quad');
    expect(within(article).getByRole('link', { name: 'Q2984479' }).getAttribute('href')).toBe(
      'https://www.wikidata.org/wiki/Q2984479',
    );
    expect(article.textContent).toContain('Four countries.');
  });

  test('keyboard: add an entry; focus lands on the new entry', async () => {
    const user = userEvent.setup();
    render(<Holder initial={[]} />);
    expect(screen.getByText('None yet.')).toBeTruthy();
    screen.getByRole('button', { name: 'Add an entry' }).focus();
    await user.keyboard('{Enter}');
    await user.keyboard('Zelensky{Enter}');
    const article = await screen.findByRole('article', { name: 'Zelensky' });
    await waitFor(() =>
      expect(document.activeElement).toBe(within(article).getByRole('button', { name: 'Edit Zelensky' })),
    );
  });

  test('edit in place; Escape goes back to the entry', async () => {
    const user = userEvent.setup();
    render(<Holder initial={[quad]} />);
    await user.click(screen.getByRole('button', { name: 'Edit The Quad' }));
    await user.keyboard('{Escape}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit The Quad' }));
    await user.click(screen.getByRole('button', { name: 'Edit The Quad' }));
    const summary = screen.getByLabelText('Summary') as HTMLTextAreaElement;
    await user.clear(summary);
    await user.type(summary, 'A dialogue.');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect((await screen.findByRole('article', { name: 'The Quad' })).textContent).toContain('A dialogue.');
  });

  test('keyboard: Remove asks first; Keep keeps, Remove removes', async () => {
    const user = userEvent.setup();
    render(<Holder initial={[quad]} />);
    screen.getByRole('button', { name: 'Remove The Quad' }).focus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('group', { name: 'Remove The Quad?' })).toBeTruthy();
    expect(document.activeElement?.textContent).toBe('Remove');
    await user.tab();
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove The Quad' }));
    await user.keyboard('{Enter}');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('article', { name: 'The Quad' })).toBeNull());
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add an entry' }));
  });

  test('a failed removal says why', async () => {
    const user = userEvent.setup();
    render(<Holder initial={[quad]} failRemove />);
    await user.click(screen.getByRole('button', { name: 'Remove The Quad' }));
    await user.click(within(screen.getByRole('group')).getByRole('button', { name: 'Remove' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Not removed: Storage is full.');
  });
});
