// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, test } from 'vitest';
import { LinkedText } from './LinkedText';

afterEach(cleanup);

test('web addresses become links that open apart from the extension', () => {
  const { container } = render(
    <p>
      <LinkedText text="Budget: https://a.example/report, and http://b.example/x." />
    </p>,
  );
  const links = screen.getAllByRole('link');
  expect(links.map((a) => a.getAttribute('href'))).toEqual([
    'https://a.example/report',
    'http://b.example/x',
  ]);
  for (const a of links) {
    expect(a.getAttribute('target')).toBe('_blank');
    expect(a.getAttribute('rel')).toBe('noopener noreferrer');
  }
  expect(container.textContent).toBe('Budget: https://a.example/report, and http://b.example/x.');
});

test('markup in a note is shown as text, and other schemes are not links', () => {
  const { container } = render(
    <p>
      <LinkedText text={'<img src=x onerror=alert(1)> javascript:alert(1)'} />
    </p>,
  );
  expect(container.querySelector('img')).toBeNull();
  expect(screen.queryByRole('link')).toBeNull();
  expect(container.textContent).toBe('<img src=x onerror=alert(1)> javascript:alert(1)');
});

test('keyboard: Tab reaches each link in order', async () => {
  const user = userEvent.setup();
  render(
    <p>
      <LinkedText text="https://a.example/ then https://b.example/" />
    </p>,
  );
  await user.tab();
  expect(document.activeElement?.getAttribute('href')).toBe('https://a.example/');
  await user.tab();
  expect(document.activeElement?.getAttribute('href')).toBe('https://b.example/');
});
