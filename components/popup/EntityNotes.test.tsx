// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test } from 'vitest';
import { FakeNotesApi, makeNote } from '../../popup/test-fakes';
import { EntityNotes } from './EntityNotes';

afterEach(cleanup);

function makeApi() {
  return new FakeNotesApi(
    [
      makeNote({
        entryId: 'nato',
        text: 'Budget rule',
        pageUrl: 'https://a.example/summit',
        pageTitle: 'Summit',
        createdAt: 1,
      }),
      makeNote({
        entryId: 'nato',
        text: 'Enlargement',
        pageUrl: 'https://a.example/summit?utm_source=x',
        pageTitle: 'Summit',
        createdAt: 2,
      }),
      makeNote({
        entryId: 'nato',
        text: 'Founded 1949',
        pageUrl: 'https://b.example/history',
        pageTitle: 'History',
        createdAt: 3,
      }),
      makeNote({ entryId: 'un', text: 'Not about NATO', createdAt: 4 }),
    ],
    { nato: { name: 'NATO', kind: 'organisation' }, un: 'United Nations' },
  );
}

const noteTexts = () =>
  screen.queryAllByRole('article').map((a) => a.querySelector('.note-text')?.textContent);

describe('EntityNotes', () => {
  test('shows the entity, the pages its notes came from and only its notes', async () => {
    render(<EntityNotes api={makeApi()} entryId="nato" />);
    expect(await screen.findByRole('heading', { level: 2, name: 'NATO' })).toBeTruthy();
    expect(screen.getByText('Organisation')).toBeTruthy();
    const sources = await waitFor(() => {
      const found = document.querySelectorAll('.source-list li');
      expect(found).toHaveLength(2);
      return [...found];
    });
    expect(
      within(sources[0] as HTMLElement)
        .getByRole('link', { name: 'Summit' })
        .getAttribute('href'),
    ).toBe('https://a.example/summit?utm_source=x');
    expect(sources[0]!.textContent).toContain('a.example · 2 notes');
    expect(screen.getByRole('heading', { level: 3, name: 'Your notes on NATO' })).toBeTruthy();
    await waitFor(() => expect(noteTexts()).toEqual(['Founded 1949', 'Enlargement', 'Budget rule']));
    expect(screen.queryByRole('combobox', { name: 'Name' })).toBeNull();
  });

  test('an entity the glossary no longer has is named by its id', async () => {
    const api = makeApi();
    api.notes = [makeNote({ entryId: 'gone', text: 'Old note', pageUrl: '' })];
    render(<EntityNotes api={api} entryId="gone" />);
    expect(await screen.findByRole('heading', { level: 2, name: 'gone' })).toBeTruthy();
    expect(await screen.findByText('None: these notes were not written on a page.')).toBeTruthy();
  });

  test('keyboard: from "All notes" to the first page link; deleting a note updates the pages', async () => {
    const user = userEvent.setup();
    const api = makeApi();
    render(<EntityNotes api={api} entryId="nato" />);
    await screen.findByRole('link', { name: 'History' });
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('link', { name: '← All notes' }));
    await user.tab();
    expect(document.activeElement?.textContent).toBe('Summit');
    const history = (await screen.findAllByRole('article')).find((a) =>
      a.textContent?.includes('Founded 1949'),
    )!;
    within(history).getByRole('button', { name: 'Delete' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('link', { name: 'History' })).toBeNull());
  });
});
