import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { DatabaseBlockedError } from './db';
import { describeStorageError } from './errors';

const dom = (name: string) => new DOMException('browser detail', name);

describe('describeStorageError', () => {
  it.each<[string, unknown, string]>([
    ['a full disk', dom('QuotaExceededError'), 'no room left to save notes'],
    [
      'a full disk, as Dexie wraps it',
      new Dexie.AbortError('aborted', dom('QuotaExceededError')),
      'no room left',
    ],
    ['a blocked upgrade', new DatabaseBlockedError('blocked'), 'busy with another copy of Backstory'],
    [
      'a database from a newer Backstory',
      new Dexie.VersionError('too new'),
      'made by a newer version of Backstory',
    ],
    ['a closed database', new Dexie.DatabaseClosedError('closed'), 'database was closed'],
    ['an interrupted transaction', new Dexie.AbortError('aborted'), 'interrupted and nothing was changed'],
    [
      'a failed open',
      new Dexie.OpenFailedError('open failed', dom('UnknownError')),
      'could not open the notes database',
    ],
    ['anything else', new Error('odd'), 'could not be saved or read (odd). Nothing was changed.'],
  ])('explains %s', (_name, error, words) => {
    expect(describeStorageError(error)).toContain(words);
  });
});
