// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../storage/settings';
import { hostFromInput, SiteOptions } from './SiteOptions';

afterEach(cleanup);

function setup(settings: Partial<Settings> = {}) {
  const onChange = vi.fn();
  const user = userEvent.setup();
  render(<SiteOptions settings={{ ...DEFAULT_SETTINGS, ...settings }} onChange={onChange} />);
  return { onChange, user };
}

test('hostFromInput takes host names and addresses', () => {
  expect(hostFromInput(' News.Example ')).toBe('news.example');
  expect(hostFromInput('https://www.news.example/world?x=1')).toBe('www.news.example');
  expect(hostFromInput('localhost:8080')).toBe('localhost');
  expect(hostFromInput('not a site')).toBeNull();
  expect(hostFromInput('')).toBeNull();
});

describe('SiteOptions', () => {
  test('lists the sites under a heading that says what the list means', () => {
    setup({ sites: ['a.example', 'b.example'] });
    expect(screen.getByRole('list', { name: 'Sites where Backstory is off' })).toBeTruthy();
    expect(screen.getAllByRole('listitem').map((li) => li.firstChild?.textContent)).toEqual([
      'a.example',
      'b.example',
    ]);
    cleanup();
    setup({ siteMode: 'on-only-listed', sites: [] });
    expect(screen.getByText('None yet: Backstory runs nowhere until you add a site.')).toBeTruthy();
  });

  test('keyboard: type a site and press Enter to add it', async () => {
    const { onChange, user } = setup({ sites: ['a.example'] });
    await user.click(screen.getByRole('textbox', { name: 'Add a site' }));
    await user.keyboard('https://www.news.example/story{Enter}');
    expect(onChange).toHaveBeenLastCalledWith({ sites: ['a.example', 'www.news.example'] });
    expect((screen.getByRole('textbox', { name: 'Add a site' }) as HTMLInputElement).value).toBe('');
  });

  test('a site that is not one is refused with a message', async () => {
    const { onChange, user } = setup();
    await user.type(screen.getByRole('textbox', { name: 'Add a site' }), 'what is this{Enter}');
    expect(screen.getByRole('alert').textContent).toMatch(/not a site’s address/);
    expect(onChange).not.toHaveBeenCalled();
  });

  test('Remove takes a site off the list and focus stays in the list', async () => {
    const settings = { ...DEFAULT_SETTINGS, sites: ['a.example', 'b.example'] };
    const onChange = vi.fn();
    const user = userEvent.setup();
    const view = render(<SiteOptions settings={settings} onChange={onChange} />);
    screen.getByRole('button', { name: 'Remove a.example' }).focus();
    await user.keyboard('{Enter}');
    expect(onChange).toHaveBeenLastCalledWith({ sites: ['b.example'] });
    view.rerender(<SiteOptions settings={{ ...settings, sites: ['b.example'] }} onChange={onChange} />);
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove b.example' })),
    );
  });

  test('switching the mode', async () => {
    const { onChange, user } = setup();
    await user.click(screen.getByRole('radio', { name: 'Only on the sites listed' }));
    expect(onChange).toHaveBeenLastCalledWith({ siteMode: 'on-only-listed' });
  });
});
