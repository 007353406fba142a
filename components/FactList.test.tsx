// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { FactList } from './FactList';

afterEach(cleanup);

describe('FactList', () => {
  it('shows each fact with when it held and today’s value when it changed', () => {
    render(
      <FactList
        lines={[
          { label: 'Members', value: '19', when: 'since 1999, until 2004', today: '32' },
          { label: 'Headquarters', value: 'Brussels' },
        ]}
      />,
    );
    expect(screen.getByText('Members').nextElementSibling?.textContent).toBe(
      '19 (since 1999, until 2004) · today: 32',
    );
    expect(screen.getByText('Headquarters').nextElementSibling?.textContent).toBe('Brussels');
  });
  it('renders nothing without facts', () => {
    const { container } = render(<FactList lines={[]} />);
    expect(container.childElementCount).toBe(0);
  });
});
