// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { PageEntity } from '../../messaging/content-protocol';
import { fail, ok, type Result } from '../../messaging/result';
import type { TargetTab } from '../../popup/target-tab';
import { FakeNotesApi, FakePageApi, FakeSiteApi, makeNote } from '../../popup/test-fakes';
import type { PopupActions } from '../../popup/types';
import { PopupApp } from './PopupApp';

afterEach(cleanup);

const entities: PageEntity[] = [{ entryId: 'nato', name: 'NATO', kind: 'organisation', count: 2 }];
const target: TargetTab = { tabId: 7, url: 'https://news.example/a', host: 'news.example' };

function setup(
  options: {
    target?: TargetTab | null;
    site?: FakeSiteApi;
    open?: Result<null>;
    options?: Result<null>;
  } = {},
) {
  const tab = options.target === undefined ? target : options.target;
  const pageApi = tab ? new FakePageApi(ok(entities)) : null;
  const siteApi = options.site ?? new FakeSiteApi();
  const notesApi = new FakeNotesApi([makeNote({ entryId: 'nato', text: 'An alliance' })], { nato: 'NATO' });
  const actions: PopupActions = {
    openNotesTab: vi.fn(() => Promise.resolve(options.open ?? ok(null))),
    openOptions: vi.fn(() => Promise.resolve(options.options ?? ok(null))),
    done: vi.fn(),
  };
  const user = userEvent.setup();
  render(<PopupApp target={tab} pageApi={pageApi} siteApi={siteApi} notesApi={notesApi} actions={actions} />);
  return { user, actions, siteApi, pageApi };
}

const theSwitch = () => screen.getByRole('switch', { name: 'Backstory on this site' }) as HTMLInputElement;

describe('PopupApp', () => {
  test('shows the page’s names, the site switch and the notes', async () => {
    setup();
    expect(await screen.findByRole('button', { name: 'NATO 2' })).toBeTruthy();
    await waitFor(() => expect(theSwitch().checked).toBe(true));
    expect(await screen.findByRole('article', { name: 'Note on NATO' })).toBeTruthy();
    expect(screen.getByRole('searchbox', { name: 'Search notes' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Open notes in a tab' })).toBeTruthy();
  });

  test('revealing an entity closes the popup', async () => {
    const { user, actions, pageApi } = setup();
    await user.click(await screen.findByRole('button', { name: 'NATO 2' }));
    await waitFor(() => expect(actions.done).toHaveBeenCalled());
    expect(pageApi?.revealed).toEqual(['nato']);
  });

  test('switching Backstory off for the site, by keyboard, saves it and says so', async () => {
    const { user, siteApi } = setup();
    await waitFor(() => expect(theSwitch().checked).toBe(true));
    await user.tab();
    expect(document.activeElement).toBe(theSwitch());
    await user.keyboard(' ');
    await waitFor(() => expect(siteApi.disabled.has('news.example')).toBe(true));
    expect(theSwitch().checked).toBe(false);
    expect(screen.getByText('Backstory is off on this site.')).toBeTruthy();

    await user.keyboard(' ');
    await waitFor(() => expect(siteApi.disabled.has('news.example')).toBe(false));
    expect(await screen.findByRole('button', { name: 'NATO 2' })).toBeTruthy();
  });

  test('starts off when the site is disabled', async () => {
    const site = new FakeSiteApi();
    site.disabled.add('news.example');
    setup({ site });
    expect(await screen.findByText('Backstory is off on this site.')).toBeTruthy();
    expect(theSwitch().checked).toBe(false);
  });

  test('a setting that cannot be saved is put back, with the reason', async () => {
    const site = new FakeSiteApi();
    site.failWrites = 'Storage is full.';
    const { user } = setup({ site });
    await waitFor(() => expect(theSwitch().checked).toBe(true));
    await user.click(theSwitch());
    expect((await screen.findByRole('alert')).textContent).toBe('Storage is full.');
    expect(theSwitch().checked).toBe(true);
  });

  test('without a host the switch is disabled but the page is still asked', async () => {
    setup({ target: { tabId: 3, host: null } });
    expect(theSwitch().disabled).toBe(true);
    expect(await screen.findByRole('button', { name: 'NATO 2' })).toBeTruthy();
  });

  test('without any tab', async () => {
    setup({ target: null });
    expect(theSwitch().disabled).toBe(true);
    expect(screen.getByText(/no web page in this window/)).toBeTruthy();
  });

  test('"Open notes in a tab" opens it, then the popup is done', async () => {
    const { user, actions } = setup();
    screen.getByRole('button', { name: 'Open notes in a tab' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(actions.done).toHaveBeenCalled());
    expect(actions.openNotesTab).toHaveBeenCalledTimes(1);
  });

  test('a notes tab that cannot be opened says why', async () => {
    const { user, actions } = setup({ open: fail('unreachable', 'No background.') });
    await user.click(screen.getByRole('button', { name: 'Open notes in a tab' }));
    expect((await screen.findByRole('alert')).textContent).toContain('No background.');
    expect(actions.done).not.toHaveBeenCalled();
  });

  test('Options opens the options page, then the popup is done', async () => {
    const { user, actions } = setup();
    screen.getByRole('button', { name: 'Options' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(actions.done).toHaveBeenCalled());
    expect(actions.openOptions).toHaveBeenCalledTimes(1);
  });

  test('an options page that cannot be opened says why', async () => {
    const { user, actions } = setup({
      options: fail('storage', 'The options page could not be opened: no.'),
    });
    await user.click(screen.getByRole('button', { name: 'Options' }));
    expect((await screen.findByRole('alert')).textContent).toContain('could not be opened');
    expect(actions.done).not.toHaveBeenCalled();
  });

  test('a note’s entity links to its page in a notes tab', async () => {
    setup();
    const note = await screen.findByRole('article', { name: 'Note on NATO' });
    const link = note.querySelector('a.note-entity')!;
    expect(link.getAttribute('href')).toBe('notes.html#entity=nato');
    expect(link.getAttribute('target')).toBe('_blank');
  });
});
