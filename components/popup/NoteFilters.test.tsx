// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { NoteSort } from '../../messaging/background-protocol';
import type { NotesFilters } from '../../popup/types';
import { NoteFilters, type FilterChoices } from './NoteFilters';

afterEach(cleanup);

const choices: FilterChoices = {
  entities: [
    { entryId: 'nato', name: 'NATO', kind: 'organisation', count: 3 },
    { entryId: 'putin', name: 'Vladimir Putin', kind: 'person', count: 2 },
    { entryId: 'un', name: 'United Nations', kind: 'organisation', count: 1 },
    { entryId: null, name: '', kind: null, count: 4 },
  ],
  tags: [{ tag: 'budget', count: 2 }],
  sites: [
    { site: 'news.example', count: 5 },
    { site: '', count: 1 },
  ],
};

function setup(filters: NotesFilters = {}, sort: NoteSort = 'newest', withoutEntity = false) {
  const onChange = vi.fn();
  const user = userEvent.setup();
  render(
    <NoteFilters
      filters={filters}
      sort={sort}
      choices={choices}
      onChange={onChange}
      withoutEntity={withoutEntity}
      entityHref={(id) => `#entity=${id}`}
    />,
  );
  return { onChange, user };
}

const select = (name: string) => screen.getByRole('combobox', { name }) as HTMLSelectElement;
const options = (name: string) => [...select(name).options].map((o) => o.textContent);

describe('NoteFilters', () => {
  test('offers what there are notes for, with counts; kinds add up their entities', () => {
    setup();
    expect(options('Name')).toEqual([
      'All names',
      'NATO (3)',
      'Vladimir Putin (2)',
      'United Nations (1)',
      'Other passages (4)',
    ]);
    expect(options('Kind')).toEqual(['All kinds', 'Organisations (4)', 'People (2)']);
    expect(options('Tag')).toEqual(['All tags', '#budget (2)']);
    expect(options('Site')).toEqual([
      'All sites',
      'news.example (5)',
      'No page (written in the notes view) (1)',
    ]);
    expect(options('Order')).toEqual(['Newest first', 'Oldest first', 'Recently edited', 'By name']);
    expect(screen.queryByRole('button', { name: 'Clear filters' })).toBeNull();
  });

  test('keyboard: choosing an entity, then other passages, with the arrow keys', async () => {
    const { user, onChange } = setup();
    await user.tab();
    expect(document.activeElement).toBe(select('Name'));
    await user.selectOptions(select('Name'), 'NATO (3)');
    expect(onChange).toHaveBeenLastCalledWith({ entryId: 'nato' }, 'newest');
    await user.selectOptions(select('Name'), 'Other passages (4)');
    expect(onChange).toHaveBeenLastCalledWith({ entryId: null }, 'newest');
  });

  test('each filter and the order report their values', async () => {
    const { user, onChange } = setup({ tag: 'budget' });
    await user.selectOptions(select('Kind'), 'People (2)');
    expect(onChange).toHaveBeenLastCalledWith({ tag: 'budget', kind: 'person' }, 'newest');
    await user.selectOptions(select('Site'), 'No page (written in the notes view) (1)');
    expect(onChange).toHaveBeenLastCalledWith({ tag: 'budget', site: '' }, 'newest');
    await user.selectOptions(select('Tag'), 'All tags');
    expect(onChange).toHaveBeenLastCalledWith({}, 'newest');
    await user.selectOptions(select('Order'), 'By name');
    expect(onChange).toHaveBeenLastCalledWith({ tag: 'budget' }, 'entity');
  });

  test('Clear filters, by keyboard, and a link to the chosen entity’s page', async () => {
    const { user, onChange } = setup({ entryId: 'nato', tag: 'budget' }, 'oldest');
    expect(screen.getByRole('link', { name: 'Everything on NATO' }).getAttribute('href')).toBe(
      '#entity=nato',
    );
    screen.getByRole('button', { name: 'Clear filters' }).focus();
    await user.keyboard('{Enter}');
    expect(onChange).toHaveBeenLastCalledWith({}, 'oldest');
  });

  test('a chosen value the counts no longer have is still shown', () => {
    setup({ tag: 'gone', entryId: 'old-entry' });
    expect(select('Tag').selectedOptions[0]?.textContent).toBe('#gone');
    expect(select('Name').selectedOptions[0]?.textContent).toBe('old-entry');
  });

  test('on an entity’s page there is no entity filter, and clearing keeps the entity', async () => {
    const { user, onChange } = setup({ entryId: 'nato', kind: 'organisation' }, 'newest', true);
    expect(screen.queryByRole('combobox', { name: 'Name' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(onChange).toHaveBeenLastCalledWith({ entryId: 'nato' }, 'newest');
  });
});
