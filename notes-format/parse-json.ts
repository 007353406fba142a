/**
 * A strict JSON parser for files a reader imports, which may be damaged or made to hurt. Unlike
 * `JSON.parse` it says where each object starts (so a problem can name its line), refuses nesting
 * deeper than the format needs, refuses keys that mean something to JavaScript objects (`__proto__`,
 * `constructor`, `prototype`) and duplicate keys, and builds objects without a prototype.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
  constructor(
    message: string,
    /** Offset in the text where the problem is. */
    readonly offset: number,
  ) {
    super(message);
  }
}

export interface ParsedJson {
  readonly value: JsonValue;
  /** The offset of the `{` or `[` that starts each object and array. */
  readonly starts: WeakMap<object, number>;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const PLAIN_STRING = /[^"\\\u0000-\u001f]*/y;
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

export function parseJson(text: string, maxDepth = 16): ParsedJson {
  const starts = new WeakMap<object, number>();
  let at = 0;

  const fail = (message: string, offset = at): never => {
    throw new JsonSyntaxError(message, offset);
  };
  const ended = () => fail('the file ends in the middle of its data; it may have been cut short (truncated)');

  function skipSpace() {
    while (at < text.length) {
      const c = text.charCodeAt(at);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) at++;
      else break;
    }
  }

  function describe(offset: number): string {
    const c = text[offset];
    return c === undefined ? 'the end of the file' : `"${c}"`;
  }

  function expect(char: string) {
    skipSpace();
    if (at >= text.length) ended();
    if (text[at] !== char) fail(`expected "${char}" but found ${describe(at)}`);
    at++;
  }

  function parseString(): string {
    const open = at;
    at++; // the opening quote
    let out = '';
    for (;;) {
      PLAIN_STRING.lastIndex = at;
      PLAIN_STRING.exec(text);
      out += text.slice(at, PLAIN_STRING.lastIndex);
      at = PLAIN_STRING.lastIndex;
      if (at >= text.length) fail('a text value is not closed; the file may be truncated', open);
      const c = text[at]!;
      if (c === '"') {
        at++;
        return out;
      }
      if (c === '\\') {
        const e = text[at + 1];
        if (e === undefined) ended();
        if (e === 'u') {
          const hex = text.slice(at + 2, at + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('a \\u escape needs four hexadecimal digits');
          out += String.fromCharCode(parseInt(hex, 16));
          at += 6;
        } else {
          const decoded = ESCAPES[e!];
          if (decoded === undefined) fail(`"\\${e}" is not an escape JSON knows`);
          out += decoded;
          at += 2;
        }
        continue;
      }
      fail('a control character (such as a raw line break) is inside a text value');
    }
  }

  function parseValue(depth: number): JsonValue {
    skipSpace();
    if (at >= text.length) ended();
    const c = text[at]!;
    if (c === '{' || c === '[') {
      if (depth >= maxDepth) fail(`the data is nested more than ${maxDepth} levels deep`);
      return c === '{' ? parseObject(depth + 1) : parseArray(depth + 1);
    }
    if (c === '"') return parseString();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = at;
    if (NUMBER.exec(text)) {
      const value = Number(text.slice(at, NUMBER.lastIndex));
      if (!Number.isFinite(value)) fail('a number is too large');
      at = NUMBER.lastIndex;
      return value;
    }
    return fail(`unexpected ${describe(at)}`);
  }

  function parseObject(depth: number): JsonObject {
    const object: JsonObject = Object.create(null) as JsonObject;
    starts.set(object, at);
    at++;
    skipSpace();
    if (text[at] === '}') {
      at++;
      return object;
    }
    for (;;) {
      skipSpace();
      if (at >= text.length) ended();
      if (text[at] !== '"') fail(`expected a key in quotes but found ${describe(at)}`);
      const keyAt = at;
      const key = parseString();
      if (FORBIDDEN_KEYS.has(key)) fail(`the key "${key}" is not allowed`, keyAt);
      if (Object.hasOwn(object, key)) fail(`the key "${key}" appears twice in the same object`, keyAt);
      expect(':');
      object[key] = parseValue(depth);
      skipSpace();
      if (at >= text.length) ended();
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (text[at] === '}') {
        at++;
        return object;
      }
      fail(`expected "," or "}" but found ${describe(at)}`);
    }
  }

  function parseArray(depth: number): JsonValue[] {
    const array: JsonValue[] = [];
    starts.set(array, at);
    at++;
    skipSpace();
    if (text[at] === ']') {
      at++;
      return array;
    }
    for (;;) {
      array.push(parseValue(depth));
      skipSpace();
      if (at >= text.length) ended();
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (text[at] === ']') {
        at++;
        return array;
      }
      fail(`expected "," or "]" but found ${describe(at)}`);
    }
  }

  // A byte order mark is what some editors put at the start of a saved file.
  if (text.charCodeAt(0) === 0xfeff) at = 1;
  const value = parseValue(0);
  skipSpace();
  if (at < text.length) fail(`unexpected ${describe(at)} after the end of the data`);
  return { value, starts };
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
