/**
 * The notes database. It lives in the extension's origin and only the background opens it; content
 * scripts and pages reach it through messages. Schema versions are only ever added, never edited.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { Note } from './notes';

export const DB_NAME = 'backstory';

export type BackstoryDb = Dexie & {
  notes: EntityTable<Note, 'id'>;
};

export function openDb(name: string = DB_NAME): BackstoryDb {
  const db = new Dexie(name) as BackstoryDb;
  db.version(1).stores({
    notes: 'id, entryId, updatedAt, createdAt',
  });
  return db;
}
