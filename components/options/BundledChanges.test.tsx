// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, test } from 'vitest';
import { ok } from '../../messaging/result';
import { FakeOptionsApi } from '../../popup/options-fakes';
import type { BundledChange } from '../../storage/reader-entries';
import { BundledChanges } from './BundledChanges';

afterEach(cleanup);

function Holder({
  initial = [],
  api = new FakeOptionsApi(),
}: {
  initial?: BundledChange[];
  api?: FakeOptionsApi;
}) {
  const [changes, setChanges] = useState(initial);
  return (
    <BundledChanges
      changes={changes}
      names={new Map([['nato', 'NATO']])}
      api={api}
      searchDelayMs={0}
      onChange={async (entryId, change) => {
        const old = changes.find((c) => c.entryId === entryId);
        const next = {
          entryId,
          hidden: change.hidden ?? old?.hidden ?? false,
          summary: change.summary === undefined ? (old?.summary ?? null) : change.summary,
          updatedAt: 1,
        };
        setChanges((list) => [
          ...list.filter((c) => c.entryId !== entryId),
          ...(next.hidden || next.summary ? [next] : []),
        ]);
        return ok(null);
      }}
    />
  );
}

const yourChanges = () => screen.getByRole('list', { name: 'Your changes' });

describe('BundledChanges', () => {
  test('keyboard: find an entry by name and hide it; show it again', async () => {
    const user = userEvent.setup();
    render(<Holder />);
    expect(screen.getByText('None: every entry is as Backstory ships it.')).toBeTruthy();
    await user.tab();
    await user.keyboard('nat');
    const results = await screen.findByRole('list', { name: 'Matching entries' });
    expect(within(results).getByText('NATO')).toBeTruthy();
    await user.tab();
    expect(document.activeElement).toBe(within(results).getByRole('button', { name: 'Hide NATO' }));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(yourChanges().textContent).toContain('NATO hidden'));
    await user.click(within(yourChanges()).getByRole('button', { name: 'Show NATO again' }));
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Your changes' })).toBeNull());
  });

  test('a correction starts from Backstory’s summary; Ctrl+Enter saves it', async () => {
    const user = userEvent.setup();
    render(<Holder />);
    await user.type(screen.getByRole('searchbox', { name: 'Find an entry by name' }), 'united');
    await user.click(await screen.findByRole('button', { name: 'Correct the summary of United Nations' }));
    const editor = (await screen.findByRole('textbox', {
      name: 'Your summary of United Nations',
    })) as HTMLTextAreaElement;
    expect(editor.value).toBe('An organisation of 193 states.');
    expect(document.activeElement).toBe(editor);
    await user.clear(editor);
    await user.keyboard('My own words.{Control>}{Enter}{/Control}');
    await waitFor(() => expect(yourChanges().textContent).toContain('own summary'));
    expect(screen.queryByRole('textbox', { name: /Your summary/ })).toBeNull();
    await user.click(within(yourChanges()).getByRole('button', { name: 'Use Backstory’s summary of un' }));
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Your changes' })).toBeNull());
  });

  test('Escape leaves the correction unsaved', async () => {
    const user = userEvent.setup();
    render(<Holder initial={[{ entryId: 'nato', hidden: false, summary: 'Mine.', updatedAt: 1 }]} />);
    await user.click(within(yourChanges()).getByRole('button', { name: 'Correct the summary of NATO' }));
    const editor = (await screen.findByRole('textbox', {
      name: 'Your summary of NATO',
    })) as HTMLTextAreaElement;
    expect(editor.value).toBe('Mine.');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('textbox', { name: /Your summary/ })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Find an entry by name' }));
  });

  test('no match, and a search that fails, are said', async () => {
    const user = userEvent.setup();
    const api = new FakeOptionsApi();
    render(<Holder api={api} />);
    await user.type(screen.getByRole('searchbox', { name: 'Find an entry by name' }), 'zzz');
    expect(await screen.findByText('No entry is called “zzz”.')).toBeTruthy();
    api.searchFailure = 'The background did not answer.';
    await user.type(screen.getByRole('searchbox', { name: 'Find an entry by name' }), 'z');
    expect((await screen.findByRole('alert')).textContent).toContain('The background did not answer.');
  });
});
