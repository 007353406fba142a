import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, lineAndColumn, parseJson } from './parse-json';

function failure(text: string, depth?: number): { message: string; line: number; column: number } {
  try {
    parseJson(text, depth);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return { message: error.message, ...lineAndColumn(text, error.offset) };
  }
  throw new Error('parsed');
}

describe('parseJson', () => {
  it('reads what JSON.parse reads (keys JavaScript gives meaning to aside)', () => {
    const risky = new Set(['__proto__', 'constructor', 'prototype']);
    const safe = fc.jsonValue({ maxDepth: 6 }).filter((value) => {
      const text = JSON.stringify(value);
      return ![...risky].some((k) => text.includes(`"${k}"`));
    });
    fc.assert(
      fc.property(safe, fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        expect(JSON.parse(JSON.stringify(parseJson(text).value))).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('decodes escapes and ignores a byte order mark', () => {
    expect(parseJson('\uFEFF{"a":"x\\n\\u00e9\\"\\\\\\/"}').value).toEqual({ a: 'x\né"\\/' });
  });

  it('builds objects without a prototype', () => {
    const value = parseJson('{"a":{"b":1}}').value as Record<string, Record<string, unknown>>;
    expect(Object.getPrototypeOf(value)).toBeNull();
    expect(Object.getPrototypeOf(value.a)).toBeNull();
  });

  it('says where each object and array starts', () => {
    const text = '{\n  "notes": [\n    {"id": 1},\n    {"id": 2}\n  ]\n}';
    const { value, starts } = parseJson(text);
    const notes = (value as { notes: object[] }).notes;
    expect(notes.map((n) => lineAndColumn(text, starts.get(n)!))).toEqual([
      { line: 3, column: 5 },
      { line: 4, column: 5 },
    ]);
  });

  it.each([
    ['{"__proto__": {"polluted": true}}', 'the key "__proto__" is not allowed'],
    ['{"a": {"constructor": {"prototype": 1}}}', 'the key "constructor" is not allowed'],
    ['{"prototype": 1}', 'the key "prototype" is not allowed'],
    ['{"a": 1, "a": 2}', 'the key "a" appears twice in the same object'],
  ])('refuses hostile or ambiguous keys: %s', (text, message) => {
    expect(failure(text).message).toBe(message);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses nesting deeper than allowed, without overflowing the stack', () => {
    expect(failure('['.repeat(100_000)).message).toBe('the data is nested more than 16 levels deep');
    expect(failure('{"a":[[[1]]]}', 3).message).toBe('the data is nested more than 3 levels deep');
    expect(parseJson('{"a":[[1]]}', 3).value).toEqual({ a: [[1]] });
  });

  it.each([
    [
      '{"notes": [{"id": "a"',
      'the file ends in the middle of its data; it may have been cut short (truncated)',
      1,
      22,
    ],
    ['{"text": "unfinished', 'a text value is not closed; the file may be truncated', 1, 10],
    ['{"a": 1,\n "b": tru}', 'unexpected "t"', 2, 7],
    ['{"a": 1}}', 'unexpected "}" after the end of the data', 1, 9],
    ['{"a": "line\nbreak"}', 'a control character (such as a raw line break) is inside a text value', 1, 12],
    ['{"a": "\\x"}', '"\\x" is not an escape JSON knows', 1, 8],
    ['{"a": 1e999}', 'a number is too large', 1, 7],
    ["{'a': 1}", 'expected a key in quotes but found "\'"', 1, 2],
    ['', 'the file ends in the middle of its data; it may have been cut short (truncated)', 1, 1],
  ])('explains %j', (text, message, line, column) => {
    expect(failure(text)).toEqual({ message, line, column });
  });
});
