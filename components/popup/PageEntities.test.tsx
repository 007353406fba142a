// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { PageEntity } from '../../messaging/content-protocol';
import { fail, ok, type Result } from '../../messaging/result';
import { FakePageApi } from '../../popup/test-fakes';
import { PageEntities } from './PageEntities';

afterEach(cleanup);

const entities: PageEntity[] = [
  { entryId: 'nato', name: 'NATO', kind: 'organisation', count: 3 },
  { entryId: 'un', name: 'United Nations', kind: 'organisation', count: 1 },
];

describe('PageEntities', () => {
  test('lists the marked entities as buttons named "<Name> <count>"', async () => {
    render(<PageEntities api={new FakePageApi(ok(entities))} site="on" onRevealed={() => {}} />);
    const list = await screen.findByRole('list', { name: 'On this page' });
    const buttons = within(list).getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['NATO 3', 'United Nations 1']);
    expect(screen.getByRole('button', { name: 'NATO 3' }).querySelector('.count')?.textContent).toBe('3');
  });

  test('Enter and Space on an entity reveal it on the page', async () => {
    const api = new FakePageApi(ok(entities));
    const onRevealed = vi.fn();
    const user = userEvent.setup();
    render(<PageEntities api={api} site="on" onRevealed={onRevealed} />);
    await screen.findByRole('list', { name: 'On this page' });
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'NATO 3' }));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(onRevealed).toHaveBeenCalledTimes(1));
    await user.tab();
    await user.keyboard(' ');
    await waitFor(() => expect(onRevealed).toHaveBeenCalledTimes(2));
    expect(api.revealed).toEqual(['nato', 'un']);
  });

  test('says so when the entity is gone from the page, and stays open', async () => {
    const onRevealed = vi.fn();
    const user = userEvent.setup();
    render(<PageEntities api={new FakePageApi(ok(entities), ok(false))} site="on" onRevealed={onRevealed} />);
    await user.click(await screen.findByRole('button', { name: 'NATO 3' }));
    expect((await screen.findByRole('alert')).textContent).toContain('NATO');
    expect(onRevealed).not.toHaveBeenCalled();
  });

  test('a failed reveal shows an alert', async () => {
    const user = userEvent.setup();
    render(
      <PageEntities
        api={new FakePageApi(ok(entities), fail('internal', 'Card failed to open.'))}
        site="on"
        onRevealed={() => {}}
      />,
    );
    await user.click(await screen.findByRole('button', { name: 'NATO 3' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Card failed to open.');
  });

  test('explains plainly when the tab cannot be reached', async () => {
    render(
      <PageEntities
        api={new FakePageApi(fail('unreachable', 'Could not establish connection.'))}
        site="unknown"
        onRevealed={() => {}}
      />,
    );
    expect(await screen.findByText(/can’t read this tab/)).toBeTruthy();
    expect(screen.queryByRole('list')).toBeNull();
  });

  test('says when the site is switched off, without asking the page', async () => {
    const api = new FakePageApi(ok(entities));
    const spy = vi.spyOn(api, 'getPageEntities');
    render(<PageEntities api={api} site="off" onRevealed={() => {}} />);
    expect(screen.getByText('Backstory is off on this site.')).toBeTruthy();
    expect(spy).not.toHaveBeenCalled();
  });

  test('no tab, no names', async () => {
    const { rerender } = render(<PageEntities api={null} site="unknown" onRevealed={() => {}} />);
    expect(screen.getByText(/no web page in this window/)).toBeTruthy();
    rerender(<PageEntities api={new FakePageApi(ok([]))} site="on" onRevealed={() => {}} />);
    expect(await screen.findByText(/No names from Backstory’s glossary/)).toBeTruthy();
  });

  test('after switching on, asks again until the page has marked its names', async () => {
    const answers: Result<PageEntity[]>[] = [fail('unreachable', 'not yet'), ok([]), ok(entities)];
    const api = new FakePageApi(ok([]));
    api.getPageEntities = vi.fn(() => Promise.resolve(answers.shift() ?? ok(entities)));
    const { rerender } = render(<PageEntities api={api} site="off" onRevealed={() => {}} />);
    rerender(<PageEntities api={api} site="on" wakeups={1} retryDelayMs={5} onRevealed={() => {}} />);
    expect(await screen.findByRole('button', { name: 'NATO 3' })).toBeTruthy();
    expect(api.getPageEntities).toHaveBeenCalledTimes(3);
  });
});
