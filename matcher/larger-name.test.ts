import { describe, expect, it } from 'vitest';
import { insideLargerName } from './larger-name';

/** Whether the part in brackets is inside a larger name. */
function inside(marked: string): boolean {
  const start = marked.indexOf('[');
  const end = marked.indexOf(']') - 1;
  return insideLargerName(marked.replace(/[[\]]/g, ''), start, end);
}

describe('insideLargerName', () => {
  it.each([
    ['the [New York] Cotton Exchange closed', true],
    ['shares on the [Dhaka] Stock Exchange', true],
    ['[NEW YORK] STOCK EXCHANGE', true],
    ['[Air France] cut flights', false],
    ['Air [France] cut flights', true],
    ['the University of [Michigan] said', true],
    ['Statistics [Canada] reported', true],
    ['First [Chicago] Bank', true],
    ['[China] Daily wrote', true],
    ['[Russia] said on Monday', false],
    ['the [U.S.] President', false],
    ['[NATO] Secretary-General George Robertson', false],
    ['[Moscow] still has differences', false],
    ['trade with [China]. Bank officials', false],
    ['the [New York] stock exchange', false],
  ])('%s → %s', (marked, expected) => {
    expect(inside(marked)).toBe(expected);
  });
});
