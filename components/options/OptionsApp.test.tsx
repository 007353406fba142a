// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test } from 'vitest';
import { FakeOptionsApi } from '../../popup/options-fakes';
import { OptionsApp } from './OptionsApp';

afterEach(cleanup);

const stored = (api: FakeOptionsApi) => api.sync.data.settings as Record<string, unknown> | undefined;

function setup(api = new FakeOptionsApi()) {
  const user = userEvent.setup();
  render(<OptionsApp api={api} notesHref="notes.html" download={() => {}} />);
  return { api, user };
}

describe('OptionsApp', () => {
  test('says that settings sync and own entries stay here; links the notes', async () => {
    setup();
    expect(screen.getByRole('heading', { level: 1, name: 'Backstory options' })).toBeTruthy();
    expect(screen.getByText(/Settings sync across your browsers/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Your notes' }).getAttribute('href')).toBe('notes.html');
    expect(await screen.findByRole('heading', { name: 'Marking names' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Your own entries' })).toBeTruthy();
  });

  test('keyboard: a change is saved to storage.sync at once and said to be saved', async () => {
    const { api, user } = setup();
    const first = await screen.findByRole('radio', { name: /Only the first mention/ });
    first.focus();
    await user.keyboard(' ');
    await waitFor(() => expect(stored(api)).toMatchObject({ markEvery: 'first' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Places' }));
    await user.click(screen.getByRole('radio', { name: /Tinted background/ }));
    await waitFor(() =>
      expect(stored(api)).toMatchObject({
        markEvery: 'first',
        hiddenKinds: ['place'],
        markingStyle: 'background',
      }),
    );
  });

  test('a setting that cannot be saved is put back, with the reason', async () => {
    const { api, user } = setup();
    const radio = (await screen.findByRole('radio', { name: /Tinted background/ })) as HTMLInputElement;
    api.sync.failNextWrite = 'QUOTA_BYTES_PER_ITEM quota exceeded';
    await user.click(radio);
    expect((await screen.findByRole('alert')).textContent).toContain('quota exceeded');
    await waitFor(() => expect(radio.checked).toBe(false));
  });

  test('changes made elsewhere (the popup’s switch) show here', async () => {
    const { api } = setup();
    await screen.findByRole('heading', { name: 'Sites' });
    await api.changeSettingsElsewhere({ sites: ['news.example'] });
    expect(await screen.findByText('news.example')).toBeTruthy();
  });

  test('muted names are listed by name and can be unmuted', async () => {
    const api = new FakeOptionsApi();
    await api.updateSettings({ mutedEntries: ['nato'] });
    const { user } = setup(api);
    const unmute = await screen.findByRole('button', { name: 'Unmute NATO' });
    await user.click(unmute);
    await waitFor(() => expect(stored(api)).toMatchObject({ mutedEntries: [] }));
  });

  test('an entry of the reader’s own is saved to storage.local', async () => {
    const { api, user } = setup();
    await user.click(await screen.findByRole('button', { name: 'Add an entry' }));
    await user.keyboard('The Quad{Enter}');
    const article = await screen.findByRole('article', { name: 'The Quad' });
    expect(within(article).getByRole('button', { name: 'Edit The Quad' })).toBeTruthy();
    const read = await api.readReaderGlossary();
    expect(read.ok && read.value.entries.map((e) => e.id)).toEqual(['reader-the-quad']);
  });

  test('hiding a bundled entry lists it under your changes, by name', async () => {
    const { api, user } = setup();
    await user.type(await screen.findByRole('searchbox', { name: 'Find an entry by name' }), 'putin');
    await user.click(await screen.findByRole('button', { name: 'Hide Vladimir Putin' }));
    const changes = await screen.findByRole('list', { name: 'Your changes' });
    await waitFor(() => expect(changes.textContent).toContain('Vladimir Putin hidden'));
    const read = await api.readReaderGlossary();
    expect(read.ok && read.value.changes.map((c) => [c.entryId, c.hidden])).toEqual([
      ['vladimir-putin', true],
    ]);
  });
});
